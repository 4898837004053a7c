/* bit_gray_code: Gray code encode/decode, parity, bit interleaving (Morton order).
 * diff-expect: exit 0
 */
#include <stdio.h>

static unsigned gray(unsigned v) { return v ^ (v >> 1); }
static unsigned ungray(unsigned g) { for (unsigned s = 1; s < 32; s <<= 1) g ^= g >> s; return g; }
static unsigned parity(unsigned v) { v ^= v >> 16; v ^= v >> 8; v ^= v >> 4; v ^= v >> 2; v ^= v >> 1; return v & 1; }
static unsigned spread(unsigned x)
{
    x &= 0xffff;
    x = (x | (x << 8)) & 0x00ff00ffu;
    x = (x | (x << 4)) & 0x0f0f0f0fu;
    x = (x | (x << 2)) & 0x33333333u;
    x = (x | (x << 1)) & 0x55555555u;
    return x;
}

int main(void)
{
    int bad = 0;
    for (unsigned v = 0; v < 70000; v++) {
        if (ungray(gray(v)) != v) bad++;
        if (v && __builtin_popcount(gray(v) ^ gray(v - 1)) != 1) bad++;
        if (parity(v) != (unsigned)(__builtin_popcount(v) & 1)) bad++;
    }
    for (unsigned v = 0; v < 16; v++) printf("%x", gray(v));
    printf("\n");
    printf("morton(3,5)=%u morton(65535,0)=%08x\n", spread(3) | (spread(5) << 1), spread(65535));
    printf("bad %d\n", bad);
    return bad;
}
