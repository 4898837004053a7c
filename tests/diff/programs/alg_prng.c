/* alg_prng: xorshift32, xorshift64*, PCG32 and a linear congruential generator with simple statistics.
 * diff-expect: exit 0
 */
#include <stdio.h>

static unsigned xs32(unsigned *s) { unsigned x = *s; x ^= x << 13; x ^= x >> 17; x ^= x << 5; return *s = x; }
static unsigned long long xs64s(unsigned long long *s) { unsigned long long x = *s; x ^= x >> 12; x ^= x << 25; x ^= x >> 27; *s = x; return x * 0x2545F4914F6CDD1DULL; }
static unsigned pcg32(unsigned long long *state)
{
    unsigned long long old = *state;
    *state = old * 6364136223846793005ULL + 1442695040888963407ULL;
    unsigned xorshifted = (unsigned)(((old >> 18) ^ old) >> 27);
    unsigned rot = (unsigned)(old >> 59);
    return (xorshifted >> rot) | (xorshifted << ((32 - rot) & 31));
}

int main(void)
{
    unsigned s32 = 2463534242u;
    unsigned long long s64 = 88172645463325252ULL, pcg = 42;
    for (int i = 0; i < 3; i++) printf("%08x %016llx %08x\n", xs32(&s32), xs64s(&s64), pcg32(&pcg));
    double mean = 0;
    int hist[16] = { 0 };
    for (int i = 0; i < 100000; i++) { unsigned v = pcg32(&pcg); mean += v / 4294967296.0; hist[v >> 28]++; }
    printf("pcg mean %.4f hist", mean / 100000);
    int mn = 1 << 30, mx = 0;
    for (int i = 0; i < 16; i++) { printf(" %d", hist[i]); if (hist[i] < mn) mn = hist[i]; if (hist[i] > mx) mx = hist[i]; }
    printf("\n");
    unsigned lcg = 1, period = 0;
    do { lcg = (lcg * 75u) % 65537u; period++; } while (lcg != 1);
    printf("multiplicative LCG period mod 65537: %u\n", period);
    return mx - mn < 1000 ? 0 : 1;
}
