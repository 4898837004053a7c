/* dbl_libm: libm functions (sqrt, exp, log, sin, cos, atan2, pow, fmod, hypot) on run-time inputs.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <math.h>

int main(void)
{
    volatile double in[] = { 0.25, 0.5, 1.0, 2.0, 3.14159, 10.0, 100.5 };
    for (int i = 0; i < 7; i++) {
        double x = in[i];
        printf("x=%g sqrt=%.15g exp=%.15g log=%.15g sin=%.15g cos=%.15g\n", x, sqrt(x), exp(x / 10), log(x),
               sin(x), cos(x));
    }
    volatile double y = -3.7, z = 2.5;
    printf("fabs %g floor %g ceil %g trunc %g round %g\n", fabs(y), floor(y), ceil(y), trunc(y), round(y));
    printf("fmod %.15g remainder %.15g\n", fmod(y, z), remainder(y, z));
    printf("pow %.15g atan2 %.15g hypot %.15g\n", pow(z, 3.3), atan2(y, z), hypot(y, z));
    printf("cbrt %.15g log10 %.15g exp2 %.15g\n", cbrt(z * 10), log10(z * 1000), exp2(z));
    double s = 0;
    for (int i = 0; i < 2000; i++) s += sin(i * 0.01) * cos(i * 0.02);
    printf("sum %.12f\n", s);
    return 0;
}
