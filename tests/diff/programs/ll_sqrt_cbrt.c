/* ll_sqrt_cbrt: integer roots of 64-bit values with unsigned long long arithmetic.
 * diff-expect: exit 0
 */
#include <stdio.h>

static unsigned long long isqrt64(unsigned long long n)
{
    unsigned long long r = 0, bit = 1ULL << 62;
    while (bit > n) bit >>= 2;
    while (bit) {
        if (n >= r + bit) { n -= r + bit; r = (r >> 1) + bit; } else r >>= 1;
        bit >>= 2;
    }
    return r;
}

int main(void)
{
    static const unsigned long long vals[] = { 0, 1, 2, 99, 100, 1000000000000ULL, 0xffffffffffffffffULL,
                                               0xfffffffe00000001ULL, 12345678987654321ULL };
    int bad = 0;
    for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        unsigned long long r = isqrt64(vals[i]);
        printf("isqrt(%llu) = %llu\n", vals[i], r);
        if (r > 0xffffffffULL || r * r > vals[i]) bad++;
    }
    unsigned long long sum = 0;
    for (unsigned long long n = 1; n < 1ULL << 40; n = n * 3 + 7) sum += isqrt64(n);
    printf("sum %llu bad %d\n", sum, bad);
    return bad;
}
