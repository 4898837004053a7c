/* bit_lfsr: Galois and Fibonacci LFSRs, period of a 16-bit maximal LFSR.
 * diff-expect: exit 0
 */
#include <stdio.h>

int main(void)
{
    unsigned short lfsr = 0xACE1u;
    unsigned period = 0;
    do {
        unsigned lsb = lfsr & 1u;
        lfsr >>= 1;
        if (lsb) lfsr ^= 0xB400u;
        period++;
    } while (lfsr != 0xACE1u);
    printf("galois period %u\n", period);
    unsigned short f = 0xACE1u;
    for (int i = 0; i < 10; i++) {
        unsigned bit = ((f >> 0) ^ (f >> 2) ^ (f >> 3) ^ (f >> 5)) & 1u;
        f = (unsigned short)((f >> 1) | (bit << 15));
        printf("%04x ", f);
    }
    printf("\n");
    unsigned s32 = 1, h = 0;
    for (int i = 0; i < 100000; i++) {
        s32 = (s32 >> 1) ^ (-(s32 & 1u) & 0x80200003u);
        h += s32;
    }
    printf("lfsr32 %08x h %08x\n", s32, h);
    return period == 65535 ? 0 : 1;
}
