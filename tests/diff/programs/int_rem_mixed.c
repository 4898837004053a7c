/* int_rem_mixed: remainder of signed and unsigned values ($$remI, $$remU), modular sums.
 * diff-expect: exit 5
 */
#include <stdio.h>

static int srem(int a, int b) { return a % b; }
static unsigned urem(unsigned a, unsigned b) { return a % b; }

int main(void)
{
    int s = 0;
    unsigned u = 0;
    for (int a = -500; a <= 500; a += 7) {
        for (int b = 1; b < 40; b += 3) {
            s += srem(a, b) + srem(a, -b);
            u += urem((unsigned)a, (unsigned)b);
        }
    }
    printf("signed rem sum %d\n", s);
    printf("unsigned rem sum %u\n", u);
    printf("%d %d %d %d\n", srem(-7, 2), srem(7, -2), srem(-7, -2), srem(7, 2));
    printf("%u %u\n", urem(0xffffffffu, 10u), urem(0x80000000u, 7u));
    return (srem(-7, 2) == -1 && urem(0xffffffffu, 10u) == 5u) ? 5 : 1;
}
