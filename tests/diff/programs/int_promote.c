/* int_promote: char/short promotions, sign and zero extension, truncation.
 * diff-expect: exit 0
 */
#include <stdio.h>

int main(void)
{
    volatile signed char sc = -100;
    volatile unsigned char uc = 200;
    volatile short ss = -30000;
    volatile unsigned short us = 60000;
    printf("%d %d %d %d\n", sc, uc, ss, us);
    printf("%d %d\n", sc + uc, ss + us);
    printf("%d %u\n", (signed char)uc, (unsigned char)sc);
    printf("%d %u\n", (short)us, (unsigned short)ss);
    int sum = 0;
    for (int i = 0; i < 1000; i++) {
        signed char c = (signed char)(i & 0x7f);
        unsigned char u = (unsigned char)(i * 37);
        short s = (short)(i * 33 - 16000);
        sum += c - u + s / 7;
    }
    printf("sum %d\n", sum);
    unsigned char bytes[8];
    for (int i = 0; i < 8; i++) bytes[i] = (unsigned char)(0xf0 + i * 3);
    unsigned w = ((unsigned)bytes[0] << 24) | ((unsigned)bytes[1] << 16) | ((unsigned)bytes[2] << 8) | bytes[3];
    printf("word %08x\n", w);
    return sum == 0 ? 1 : 0;
}
