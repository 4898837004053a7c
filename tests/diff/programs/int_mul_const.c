/* int_mul_const: multiplication by constants (shift-and-add sequences), by powers of two and near-powers.
 * diff-expect: exit 0
 */
#include <stdio.h>

#define M(k) h = h * 31u + (unsigned)(v * (k))

int main(void)
{
    unsigned h = 0;
    for (int v = -2000; v <= 2000; v += 3) {
        M(3); M(5); M(7); M(9); M(10); M(11); M(15); M(17); M(24); M(31); M(33); M(63); M(100); M(255); M(1000); M(1025);
        M(-3); M(-9); M(-64); M(4097); M(12345);
    }
    printf("hash %08x\n", h);
    unsigned u = 0x9e3779b9u;
    printf("%08x %08x %08x %08x\n", u * 3u, u * 0x1000001u, u * 0xffffffffu, u * 0x80000000u);
    volatile int x = 46341;
    printf("%d %d %d\n", x * 46340, x * 2, x * -46340);
    return 0;
}
