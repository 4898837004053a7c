/* int_loop_conditions: count-down loops, compare-and-branch on all condition kinds, unsigned wrap in loop bounds.
 * diff-expect: exit 0
 */
#include <stdio.h>

int main(void)
{
    int counts[8] = { 0 };
    for (int a = -20; a <= 20; a++)
        for (int b = -20; b <= 20; b += 3) {
            counts[0] += a == b; counts[1] += a != b; counts[2] += a < b; counts[3] += a <= b;
            counts[4] += (unsigned)a < (unsigned)b; counts[5] += (unsigned)a >= (unsigned)b;
            counts[6] += ((a + b) & 1) == 0; counts[7] += (a & b) != 0;
        }
    for (int i = 0; i < 8; i++) printf("%d ", counts[i]);
    printf("\n");
    int n = 0;
    for (unsigned i = 10; i-- > 0;) n += (int)i;
    printf("countdown sum %d\n", n);
    int steps = 0;
    for (int i = 100; i != 0; i -= 4) steps++;
    printf("steps %d\n", steps);
    unsigned char c = 250;
    int wraps = 0;
    while (c != 4) { c++; wraps++; }
    printf("uchar wraps %d\n", wraps);
    int m = 0;
    for (int i = 0; i < 1000; i++) { if (i & 1) continue; if (i % 3 == 0) m += i; else if (i % 5 == 0) m -= i; else m ^= i; }
    printf("m %d\n", m);
    return 0;
}
