/* bit_clz_ctz: leading/trailing zero counts, log2, next power of two.
 * diff-expect: exit 0
 */
#include <stdio.h>

static int clz_slow(unsigned v) { int n = 0; for (unsigned m = 0x80000000u; m && !(v & m); m >>= 1) n++; return n; }
static int ctz_slow(unsigned v) { int n = 0; while (n < 32 && !(v & (1u << n))) n++; return n; }
static unsigned next_pow2(unsigned v)
{
    v--; v |= v >> 1; v |= v >> 2; v |= v >> 4; v |= v >> 8; v |= v >> 16;
    return v + 1;
}

int main(void)
{
    int bad = 0;
    unsigned x = 12345;
    for (int i = 0; i < 5000; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        unsigned v = x >> (i % 31);
        if (v == 0) continue;
        if (__builtin_clz(v) != clz_slow(v)) bad++;
        if (__builtin_ctz(v) != ctz_slow(v)) bad++;
    }
    for (unsigned s = 0; s < 32; s++)
        printf("%u:%d,%d ", s, __builtin_clz(1u << s), __builtin_ctz(1u << s));
    printf("\n");
    printf("%u %u %u %u\n", next_pow2(1), next_pow2(17), next_pow2(1024), next_pow2(1025));
    printf("clzll %d ctzll %d\n", __builtin_clzll(1ULL << 40), __builtin_ctzll(1ULL << 40));
    printf("bad %d\n", bad);
    return bad;
}
