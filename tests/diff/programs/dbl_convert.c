/* dbl_convert: double <-> int/unsigned/long long/float conversions and their rounding.
 * diff-expect: exit 0
 */
#include <stdio.h>

static const double dv[] = { 0.0, -0.0, 0.49999999999999994, 0.5, -0.5, 1.9999999, -1.9999999,
                             2147483647.0, -2147483648.0, 4294967295.0, 1e15 + 0.5, -9.2233720368547748e18,
                             3.4028234663852886e38, 1e-50 };

int main(void)
{
    for (unsigned i = 0; i < sizeof dv / sizeof dv[0]; i++) {
        volatile double d = dv[i];
        printf("%.17g:", d);
        if (d > -2147483649.0 && d < 2147483648.0) printf(" int=%d", (int)d);
        if (d > -1.0 && d < 4294967296.0) printf(" uint=%u", (unsigned)d);
        if (d >= -9.2233720368547758e18 && d < 9.2233720368547758e18) printf(" ll=%lld", (long long)d);
        printf(" float=%.9g\n", (float)d);
    }
    volatile long long lls[] = { 0, -1, 9007199254740993LL, -9007199254740993LL, 0x7fffffffffffffffLL };
    for (int i = 0; i < 5; i++) printf("%lld -> %.17g\n", lls[i], (double)lls[i]);
    volatile unsigned long long ull = 0xffffffffffffffffULL;
    volatile unsigned ui = 0x80000001u;
    printf("%.17g %.17g\n", (double)ull, (double)ui);
    volatile double big = 1.8e19;
    printf("%llu\n", (unsigned long long)big);
    volatile float f = 16777217.0f;
    printf("%.17g\n", (double)f);
    return 0;
}
