/* bit_set_ops: a 1024-element bit set with union/intersection/difference and iteration.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

#define NBITS 1024
#define NW (NBITS / 32)
typedef struct { unsigned w[NW]; } bitset;

static void bs_set(bitset *b, unsigned i) { b->w[i / 32] |= 1u << (i % 32); }
static int bs_test(const bitset *b, unsigned i) { return (b->w[i / 32] >> (i % 32)) & 1; }
static int bs_count(const bitset *b) { int c = 0; for (int i = 0; i < NW; i++) c += __builtin_popcount(b->w[i]); return c; }

int main(void)
{
    bitset mult3, mult5, u, in, d;
    memset(&mult3, 0, sizeof mult3);
    memset(&mult5, 0, sizeof mult5);
    for (unsigned i = 0; i < NBITS; i += 3) bs_set(&mult3, i);
    for (unsigned i = 0; i < NBITS; i += 5) bs_set(&mult5, i);
    for (int i = 0; i < NW; i++) {
        u.w[i] = mult3.w[i] | mult5.w[i];
        in.w[i] = mult3.w[i] & mult5.w[i];
        d.w[i] = mult3.w[i] & ~mult5.w[i];
    }
    printf("|3|=%d |5|=%d union=%d inter=%d diff=%d\n", bs_count(&mult3), bs_count(&mult5),
           bs_count(&u), bs_count(&in), bs_count(&d));
    printf("inter members:");
    for (unsigned i = 0; i < 200; i++) if (bs_test(&in, i)) printf(" %u", i);
    printf("\n");
    unsigned sum = 0;
    for (int i = 0; i < NW; i++) {
        unsigned w = d.w[i];
        while (w) { int b = __builtin_ctz(w); sum += (unsigned)(i * 32 + b); w &= w - 1; }
    }
    printf("sum of diff %u\n", sum);
    return bs_count(&in) == 69 ? 0 : 1;
}
