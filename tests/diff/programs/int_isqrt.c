/* int_isqrt: integer square root and cube root by bisection and Newton.
 * diff-expect: exit 0
 */
#include <stdio.h>

static unsigned isqrt_newton(unsigned n)
{
    if (n < 2) return n;
    unsigned x = n, y = x / 2 + (x & 1);
    while (y < x) { x = y; y = (x + n / x) / 2; }
    return x;
}

static unsigned isqrt_bits(unsigned n)
{
    unsigned res = 0, bit = 1u << 30;
    while (bit > n) bit >>= 2;
    while (bit) {
        if (n >= res + bit) { n -= res + bit; res = (res >> 1) + bit; }
        else res >>= 1;
        bit >>= 2;
    }
    return res;
}

static unsigned icbrt(unsigned n)
{
    unsigned lo = 0, hi = 1625;
    while (lo < hi) {
        unsigned mid = (lo + hi + 1) / 2;
        if (mid * mid * mid <= n) lo = mid; else hi = mid - 1;
    }
    return lo;
}

int main(void)
{
    int bad = 0;
    unsigned sum = 0;
    for (unsigned n = 0; n < 2000000u; n += 997) {
        unsigned a = isqrt_newton(n), b = isqrt_bits(n);
        if (a != b || a * a > n || (a + 1) * (a + 1) <= n) bad++;
        sum += a + icbrt(n);
    }
    printf("%u %u %u %u\n", isqrt_newton(0xffffffffu), isqrt_bits(0xfffe0001u), icbrt(1000000000u), icbrt(4000000000u));
    printf("sum %u bad %d\n", sum, bad);
    return bad;
}
