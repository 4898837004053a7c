/* ll_shift: 64-bit shifts by every count 0..63, logical and arithmetic.
 * diff-expect: exit 0
 */
#include <stdio.h>

int main(void)
{
    volatile unsigned long long u = 0x8123456789abcdefULL;
    volatile long long s = -0x123456789abcdefLL;
    unsigned long long h = 0;
    for (int i = 0; i < 64; i++) {
        volatile int c = i;
        unsigned long long l = u << c, r = u >> c;
        long long a = s >> c;
        h = (h ^ l ^ r ^ (unsigned long long)a) * 0x100000001b3ULL;
        if (i % 9 == 0) printf("%2d %016llx %016llx %016llx\n", i, l, r, (unsigned long long)a);
    }
    printf("h %016llx\n", h);
    printf("%016llx %016llx\n", u << 32, u >> 32);
    printf("%lld\n", s >> 40);
    return 0;
}
