/* dbl_printf_formats: %f %e %g %a with widths, precisions and flags.
 * diff-expect: exit 0
 */
#include <stdio.h>

int main(void)
{
    static const double v[] = { 0.0, 1.0, -1.0, 0.1, 123.456, -0.000123456, 1e10, 6.02214076e23, 1.6e-19, 99999.5 };
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
        double x = v[i];
        printf("[%f] [%.3f] [%12.4f] [%-12.2f] [%+.1f] [% .0f]\n", x, x, x, x, x, x);
        printf("[%e] [%.2e] [%15.6E] [%g] [%.3g] [%#g] [%G]\n", x, x, x, x, x, x, x);
        printf("[%a] [%.3a] [%010.2f] [%#.0f]\n", x, x, x, x);
    }
    printf("[%*.*f] [%-*.*e]\n", 10, 3, 3.14159265, 14, 2, 2.71828);
    return 0;
}
