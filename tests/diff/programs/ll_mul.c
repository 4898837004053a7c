/* ll_mul: 64-bit multiplication (libgcc __muldi3 or inline), widening 32x32->64.
 * diff-expect: exit 0
 */
#include <stdio.h>

static unsigned long long umul64(unsigned long long a, unsigned long long b) { return a * b; }
static long long smul64(long long a, long long b) { return a * b; }
static unsigned long long widen(unsigned a, unsigned b) { return (unsigned long long)a * b; }
static long long swiden(int a, int b) { return (long long)a * b; }

int main(void)
{
    printf("%016llx\n", umul64(0x0123456789abcdefULL, 0xfedcba9876543210ULL));
    printf("%lld\n", smul64(-123456789LL, 987654321LL));
    printf("%llu\n", widen(0xffffffffu, 0xffffffffu));
    printf("%lld %lld\n", swiden(-2147483647 - 1, 2147483647), swiden(-65536, -65536));
    unsigned long long h = 1469598103934665603ULL;
    for (int i = 0; i < 5000; i++) {
        h ^= (unsigned)i;
        h *= 1099511628211ULL;
    }
    printf("fnv64 %016llx\n", h);
    unsigned long long f = 1;
    for (unsigned i = 1; i <= 20; i++) f *= i;
    printf("20! = %llu\n", f);
    return f == 2432902008176640000ULL ? 0 : 1;
}
