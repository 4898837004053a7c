/* dbl_arith: double add, sub, mul, div and accumulation, printed with full precision.
 * diff-expect: exit 0
 */
#include <stdio.h>

int main(void)
{
    volatile double a = 1.1, b = 2.2, c = 3.3;
    printf("%.17g %.17g %.17g\n", a + b, (a + b) + c, a + (b + c));
    printf("%.17g %.17g\n", a * b * c, c / a / b);
    double s = 0;
    for (int i = 1; i <= 100000; i++) s += 1.0 / ((double)i * (double)i);
    printf("basel(1e5) %.17g\n", s);
    double alt = 0;
    for (int i = 0; i < 200000; i++) alt += (i % 2 ? -4.0 : 4.0) / (2.0 * i + 1.0);
    printf("leibniz pi %.15f\n", alt);
    double x = 1.0;
    for (int i = 0; i < 60; i++) x = x * 0.5 + 1.0 / 3.0;
    printf("fixed point %.17g\n", x);
    double k = 1e16;
    printf("%.1f %.1f\n", k + 1.0, k + 2.0);
    return 0;
}
