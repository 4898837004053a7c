/* ll_bits: 64-bit masks, popcount, parity, bit scanning and sign handling.
 * diff-expect: exit 0
 */
#include <stdio.h>

static int pop64(unsigned long long v) { int c = 0; while (v) { v &= v - 1; c++; } return c; }

int main(void)
{
    unsigned long long x = 0x9e3779b97f4a7c15ULL;
    int total = 0;
    unsigned long long acc = 0;
    for (int i = 0; i < 4000; i++) {
        x ^= x >> 12; x ^= x << 25; x ^= x >> 27;
        unsigned long long y = x * 0x2545F4914F6CDD1DULL;
        total += pop64(y);
        acc ^= y & ~(y >> 1);
        acc += (y | (y << 3)) ^ (acc >> 7);
    }
    printf("total pop %d acc %016llx\n", total, acc);
    unsigned long long m = 0;
    for (int i = 0; i < 64; i += 7) m |= 1ULL << i;
    printf("mask %016llx pop %d lowest %d highest %d\n", m, pop64(m), __builtin_ctzll(m), 63 - __builtin_clzll(m));
    long long neg = -1;
    printf("%016llx %016llx\n", (unsigned long long)neg, (unsigned long long)neg << 10);
    return 0;
}
