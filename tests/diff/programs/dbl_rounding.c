/* dbl_rounding: rint, lrint, nearbyint, round, floor, ceil on halfway and boundary values.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <math.h>

int main(void)
{
    volatile double v[] = { -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, -0.49999999999999994, 0.49999999999999994,
                            4503599627370495.5, 1e300, -1e-300 };
    for (int i = 0; i < 12; i++) {
        double x = v[i];
        printf("%.17g: rint %g nearbyint %g round %g floor %g ceil %g trunc %g\n", x, rint(x), nearbyint(x), round(x),
               floor(x), ceil(x), trunc(x));
    }
    for (int i = 0; i < 9; i++) printf("lrint(%g)=%ld lround=%ld\n", v[i], lrint(v[i]), lround(v[i]));
    volatile double third = 1.0 / 3.0;
    printf("%.0f %.1f %.2f %.3f %.20f\n", third, third, third, third, third);
    printf("%.0f %.0f %.0f %.0f\n", 0.5, 1.5, 2.5, -0.5);
    printf("%.2f %.2f %.2f\n", 2.675, 1.005, 1.125);
    return 0;
}
