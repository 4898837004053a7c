/* flt_arith: single-precision add, sub, mul, div; accumulation and rounding of float.
 * diff-expect: exit 0
 */
#include <stdio.h>

int main(void)
{
    volatile float a = 1.5f, b = 3.25f, c = 0.1f;
    printf("%.9g %.9g %.9g %.9g\n", a + b, a - b, a * b, a / b);
    float s = 0.0f;
    for (int i = 0; i < 10000; i++) s += c;
    printf("sum of 0.1f x10000 = %.9g\n", s);
    float h = 0.0f;
    for (int i = 1; i <= 2000; i++) h += 1.0f / (float)i;
    printf("harmonic(2000) = %.9g\n", h);
    float p = 1.0f;
    for (int i = 0; i < 30; i++) p *= 1.7f;
    printf("1.7^30 = %.9g\n", p);
    volatile float big = 3.0e38f, tiny = 1.0e-38f;
    printf("%.9g %.9g\n", big * 0.5f, tiny / 4.0f);
    printf("%a %a\n", a, c);
    return 0;
}
