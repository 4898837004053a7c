/* dbl_denormal: gradual underflow of double and float, smallest values, scaling by powers of two.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <float.h>

int main(void)
{
    volatile double d = 1.0;
    int steps = 0;
    while (d / 2 != 0) { d /= 2; steps++; }
    printf("halvings to smallest double: %d, value %a = %g\n", steps, d, d);
    volatile float f = 1.0f;
    steps = 0;
    while (f / 2 != 0) { f /= 2; steps++; }
    printf("halvings to smallest float: %d, value %a\n", steps, (double)f);
    volatile double m = DBL_MIN;
    printf("%a %a %a\n", m / 3.0, m * 0.75, (m / 4096.0) * 4096.0);
    double s = 0;
    for (int i = 1; i <= 100; i++) s += DBL_MIN / i;
    printf("sum %a\n", s);
    volatile double e = 1.0;
    while (1.0 + e / 2 != 1.0) e /= 2;
    printf("epsilon %a %d\n", e, e == DBL_EPSILON);
    return 0;
}
