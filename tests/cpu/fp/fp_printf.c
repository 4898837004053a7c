/* Static glibc's printf, strtod and libm on PA-RISC: the text this program
 * writes must equal what it writes under qemu-hppa. Built with
 * hppa-linux-gnu-gcc-12 -static at -O0..-O3/-Os. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static volatile double v_zero = 0.0;

int main(void) {
  static const double vals[] = {
      0.0,      -0.0,   1.0,       -1.5, 3.141592653589793,  1e-300, 2.5e-310, 1e300, 123456.789,
      -987.125, 0.1,    1.0 / 3.0, 1e21, 9007199254740993.0, 5e-324, 0.5,      1.5,   2.5,
      -2.5,     65504.0};
  const double nan = v_zero / v_zero;
  const double inf = 1.0 / v_zero;
  for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; ++i) {
    const double x = vals[i];
    printf("%g|%f|%e|%.17g|%.3e|%10.4f|%-12.5g|%a\n", x, x, x, x, x, x, x, x);
    const float f = (float)x;
    printf("  f %g %.9g %e\n", (double)f, (double)(f * 3.0f), (double)(f / 7.0f));
  }
  printf("%g %f %e %g %g %g\n", nan, -nan, inf, -inf, nan * 0, inf - inf);
  static const char* const strs[] = {"2.718281828459045e+10",
                                     "0.1",
                                     "-0",
                                     "1e-320",
                                     "1e400",
                                     "0x1.8p3",
                                     "nan",
                                     "-inf",
                                     "123456789012345678901234567890",
                                     "4.9406564584124654e-324",
                                     "1.7976931348623157e308"};
  for (unsigned i = 0; i < sizeof strs / sizeof strs[0]; ++i) {
    char* end;
    const double d = strtod(strs[i], &end);
    const float f = strtof(strs[i], 0);
    printf("strtod(%s) = %.17g %a / %.9g\n", strs[i], d, d, (double)f);
  }
  for (int i = -6; i <= 6; ++i) {
    const double x = i * 0.75;
    printf("%d: %.15g %.15g %.15g %.15g %.15g %.15g %.15g %.15g %.15g\n", i, sqrt(fabs(x)), exp(x),
           log(fabs(x) + 1), sin(x), cos(x), atan2(x, 1.25), pow(2.0, x), floor(x), fmod(x, 0.7));
    printf("   %.9g %.9g %.9g %ld %lld\n", (double)sqrtf((float)fabs(x)), (double)expf((float)x),
           (double)sinf((float)x), lrint(x), llround(x * 1e10));
  }
  return 0;
}
