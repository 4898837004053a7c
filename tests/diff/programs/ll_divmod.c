/* ll_divmod: 64-bit signed and unsigned division and remainder (__divdi3, __udivdi3, __moddi3, __umoddi3).
 * diff-expect: exit 0
 */
#include <stdio.h>

static const long long sv[] = { 0, 1, -1, 7, -7, 1000000007LL, -1000000007LL, 0x7fffffffffffffffLL,
                                -0x7fffffffffffffffLL, 0x100000000LL, -0x100000001LL, 12345678901234LL };

int main(void)
{
    int n = (int)(sizeof sv / sizeof sv[0]);
    int bad = 0;
    unsigned long long h = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            volatile long long a = sv[i], b = sv[j];
            if (b == 0) continue;
            long long q = a / b, r = a % b;
            if (q * b + r != a) bad++;
            unsigned long long ua = (unsigned long long)a, ub = (unsigned long long)b;
            unsigned long long uq = ua / ub, ur = ua % ub;
            if (uq * ub + ur != ua || ur >= ub) bad++;
            h = h * 1000003ULL + (unsigned long long)q + ur;
        }
    }
    volatile long long big = 9000000000000000000LL;
    printf("%lld %lld %lld %lld\n", big / 7, big % 7, -big / 13, -big % 13);
    volatile unsigned long long ubig = 18000000000000000000ULL;
    printf("%llu %llu\n", ubig / 1000000007ULL, ubig % 1000000007ULL);
    printf("h %016llx bad %d\n", h, bad);
    return bad;
}
