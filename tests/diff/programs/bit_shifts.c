/* bit_shifts: logical and arithmetic shifts by every valid count, of 8/16/32-bit values.
 * diff-expect: exit 0
 */
#include <stdio.h>

int main(void)
{
    volatile int neg = -123456789;
    volatile unsigned u = 0xdeadbeefu;
    unsigned h = 0;
    for (int s = 0; s < 32; s++) {
        volatile int sv = s;
        int a = neg >> sv;
        unsigned l = u >> sv, k = u << sv;
        h = h * 131u + (unsigned)a + l + k;
        if (s % 5 == 0) printf("s=%2d asr=%d lsr=%08x lsl=%08x\n", s, a, l, k);
    }
    printf("h %08x\n", h);
    volatile short sh = -2;
    volatile unsigned char uc = 0x81;
    printf("%d %d %d\n", sh >> 1, uc >> 1, (signed char)uc >> 1);
    printf("%d %d\n", (-1) >> 31, -(int)(0x80000000u >> 31));
    unsigned m = 0;
    for (int i = 0; i < 32; i += 3) m |= 1u << i;
    printf("mask %08x\n", m);
    return 0;
}
