/* dbl_float_mixed: mixed float/double/int expressions, promotions and float function arguments.
 * diff-expect: exit 0
 */
#include <stdio.h>

static float favg(float a, float b, float c) { return (a + b + c) / 3.0f; }
static double dmix(float a, double b, int c, float d, double e) { return a * b + c - d / e; }
static float fret(double x) { return (float)(x * 0.5); }

int main(void)
{
    volatile float f = 0.1f;
    volatile double d = 0.1;
    printf("%.17g %.17g %d\n", (double)f, d, (double)f == d);
    printf("%.9g\n", favg(1.0f, 2.5f, 7.25f));
    printf("%.17g\n", dmix(1.5f, 2.25, -3, 0.75f, 4.5));
    printf("%.9g\n", fret(3.3));
    float fs = 0; double ds = 0;
    for (int i = 1; i < 5000; i++) { fs += (float)i * f; ds += i * d; }
    printf("%.9g %.17g\n", fs, ds);
    double acc = 0;
    for (int i = 0; i < 100; i++) acc += favg((float)i, (float)(i * 2), 0.5f) * dmix((float)i, i / 7.0, i, 1.0f, 3.0);
    printf("%.12g\n", acc);
    return 0;
}
