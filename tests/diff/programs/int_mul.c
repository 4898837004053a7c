/* int_mul: 32-bit multiplication of signed and unsigned values, by variables and constants.
 * diff-expect: exit 0
 */
#include <stdio.h>

static unsigned umul(unsigned a, unsigned b) { return a * b; }
static int smul(int a, int b) { return a * b; }

int main(void)
{
    unsigned h = 0;
    for (unsigned a = 1; a < 100000u; a = a * 3u + 1u)
        for (unsigned b = 7; b < 70000u; b = b * 5u + 3u)
            h = h * 31u + umul(a, b);
    printf("umul hash %08x\n", h);
    int s = 0;
    for (int a = -300; a <= 300; a += 17)
        for (int b = -200; b <= 200; b += 23)
            s ^= smul(a, b);
    printf("smul xor %d\n", s);
    volatile int x = -12345;
    printf("%d %d %d %d %d\n", x * 3, x * 10, x * 100, x * -7, x * 1024);
    volatile unsigned y = 0xdeadbeefu;
    printf("%08x %08x %08x\n", y * 0x9e3779b9u, y * 5u, y * 0x10001u);
    return (smul(-6, 7) == -42 && umul(65536u, 65536u) == 0u) ? 0 : 1;
}
