/* dbl_strtod: strtod, atof and sscanf of decimal and hexadecimal floating-point text, round trips.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

int main(void)
{
    static const char *texts[] = { "0", "-0.0", "3.14159265358979323846", "1e-310", "2.2250738585072014e-308",
                                   "1.7976931348623157e308", "0x1.8p1", "  +42.5xyz", "inf", "-Infinity", "1e400",
                                   "0.1", "123456789012345678901234567890", ".5e2", "7." };
    int bad = 0;
    for (unsigned i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        char *end;
        double d = strtod(texts[i], &end);
        printf("%-32s -> %.17g (consumed %d)\n", texts[i], d, (int)(end - texts[i]));
        if (isfinite(d)) {
            char buf[64];
            snprintf(buf, sizeof buf, "%.17g", d);
            if (strtod(buf, NULL) != d) bad++;
        }
    }
    double a; float f;
    int n = sscanf("2.5e3 -0.125", "%lf %f", &a, &f);
    printf("sscanf %d: %g %g atof %g\n", n, a, (double)f, atof("6.25e-2"));
    double x = 1.0;
    for (int i = 0; i < 200; i++) {
        char buf[64];
        x = x * 1.37 + 0.001;
        snprintf(buf, sizeof buf, "%.17g", x);
        if (strtod(buf, NULL) != x) bad++;
    }
    printf("round-trip failures %d\n", bad);
    return bad;
}
