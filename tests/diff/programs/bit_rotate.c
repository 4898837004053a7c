/* bit_rotate: 32- and 64-bit rotates with variable and constant counts (shrpw/vshd).
 * diff-expect: exit 0
 */
#include <stdio.h>

static unsigned rotl(unsigned v, unsigned n) { n &= 31; return n ? (v << n) | (v >> (32 - n)) : v; }
static unsigned rotr(unsigned v, unsigned n) { return (v >> (n & 31)) | (v << ((32 - n) & 31)); }
static unsigned long long rotl64(unsigned long long v, unsigned n) { n &= 63; return n ? (v << n) | (v >> (64 - n)) : v; }

int main(void)
{
    int bad = 0;
    unsigned v = 0x80000001u;
    for (unsigned n = 0; n < 64; n++) {
        if (rotr(rotl(v, n), n) != v) bad++;
        if (n % 8 == 0) printf("rotl(%08x,%u)=%08x rotr=%08x\n", v, n, rotl(v, n), rotr(v, n));
    }
    unsigned h = 0x9e3779b9u;
    for (int i = 0; i < 10000; i++) h = rotl(h, 5) ^ (h + (unsigned)i) ^ rotr(h, 11);
    printf("h %08x\n", h);
    unsigned long long w = 0x0123456789abcdefULL;
    for (unsigned n = 0; n < 64; n += 12) printf("%016llx\n", rotl64(w, n));
    printf("%08x %08x\n", (v << 7) | (v >> 25), (v >> 3) | (v << 29));
    return bad;
}
