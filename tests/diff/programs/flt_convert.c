/* flt_convert: float <-> int/unsigned/short/long long conversions and truncation toward zero.
 * diff-expect: exit 0
 */
#include <stdio.h>

static const float fv[] = { 0.0f, -0.0f, 0.5f, -0.5f, 0.999f, 1.0f, -1.5f, 2.5f, 123456.78f, -98765.4f,
                            16777216.0f, 16777217.0f, 2147483520.0f, -2147483648.0f };

int main(void)
{
    for (unsigned i = 0; i < sizeof fv / sizeof fv[0]; i++) {
        volatile float f = fv[i];
        int n = (int)f;
        printf("%.9g -> %d", f, n);
        if (f >= 0) printf(" u=%u", (unsigned)f);
        printf(" ll=%lld\n", (long long)f);
    }
    volatile int ints[] = { 0, 1, -1, 16777215, 16777217, 2147483647, -2147483647 - 1 };
    for (unsigned i = 0; i < 7; i++) printf("%d -> %.9g\n", ints[i], (float)ints[i]);
    volatile unsigned u = 4294967295u;
    volatile long long ll = 9007199254740993LL;
    volatile unsigned long long ull = 18446744073709551615ULL;
    printf("%.9g %.9g %.9g\n", (float)u, (float)ll, (float)ull);
    volatile float third = 1.0f / 3.0f;
    printf("%.17g\n", (double)third);
    return 0;
}
