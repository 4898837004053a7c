/* bit_reverse: bit reversal, byte swapping, nibble tricks.
 * diff-expect: exit 0
 */
#include <stdio.h>

static unsigned rev_loop(unsigned v) { unsigned r = 0; for (int i = 0; i < 32; i++) { r = (r << 1) | (v & 1); v >>= 1; } return r; }
static unsigned rev_swap(unsigned v)
{
    v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
    v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
    v = ((v >> 4) & 0x0f0f0f0fu) | ((v & 0x0f0f0f0fu) << 4);
    v = ((v >> 8) & 0x00ff00ffu) | ((v & 0x00ff00ffu) << 8);
    return (v >> 16) | (v << 16);
}
static unsigned bswap(unsigned v) { return (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24); }
static unsigned short bswap16(unsigned short v) { return (unsigned short)((v >> 8) | (v << 8)); }

int main(void)
{
    int bad = 0;
    unsigned x = 0x12345678u, h = 0;
    for (int i = 0; i < 3000; i++) {
        x = x * 69069u + 1u;
        if (rev_loop(x) != rev_swap(x)) bad++;
        if (bswap(x) != __builtin_bswap32(x)) bad++;
        h ^= rev_swap(x) + bswap(x);
    }
    printf("%08x %08x %04x\n", rev_swap(1), bswap(0x11223344u), bswap16(0xabcd));
    printf("%016llx\n", (unsigned long long)__builtin_bswap64(0x0102030405060708ULL));
    printf("h %08x bad %d\n", h, bad);
    return bad;
}
