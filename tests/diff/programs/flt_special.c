/* flt_special: printing infinities, NaN, zeros and subnormals of float and double via printf.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <math.h>
#include <float.h>

int main(void)
{
    volatile double one = 1.0, zero = 0.0;
    double pinf = one / zero, ninf = -one / zero;
    double nan1 = zero / zero;
    printf("%f %f %e %g\n", pinf, ninf, pinf, ninf);
    printf("%F %E %G\n", pinf, ninf, pinf);
    printf("nan? %s %s\n", isnan(nan1) ? "yes" : "no", isnan(nan1 * 0.0) ? "yes" : "no");
    printf("%f %f\n", NAN, -(double)NAN);
    printf("[%10f] [%-10f] [%+f]\n", INFINITY, -INFINITY, INFINITY);
    printf("%g %g %e\n", zero, -zero, -zero);
    printf("%g %g\n", DBL_MIN, DBL_MIN / 4.0 * one);
    printf("%a %a\n", DBL_MAX, DBL_MIN / 1024.0 * one);
    printf("%.10e %g\n", FLT_MAX, FLT_MIN);
    volatile float fz = 0.0f;
    float fi = 1.0f / fz;
    printf("%f %g %a\n", fi, (double)(FLT_MIN / 8.0f), (double)FLT_EPSILON);
    printf("inf-inf is nan: %d, inf*0 is nan: %d\n", isnan(pinf - pinf) != 0, isnan(pinf * zero) != 0);
    return 0;
}
