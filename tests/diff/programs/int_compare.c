/* int_compare: signed vs unsigned comparisons, all relational operators, min/max.
 * diff-expect: exit 0
 */
#include <stdio.h>

static const int vals[] = { -2147483647 - 1, -65536, -1, 0, 1, 2, 255, 65535, 2147483647 };

int main(void)
{
    unsigned n = sizeof vals / sizeof vals[0];
    unsigned mask = 0, umask = 0;
    for (unsigned i = 0; i < n; i++) {
        for (unsigned j = 0; j < n; j++) {
            volatile int a = vals[i], b = vals[j];
            unsigned ua = (unsigned)a, ub = (unsigned)b;
            mask = mask * 3u + (unsigned)((a < b) + 2 * (a <= b) + 4 * (a == b) + 8 * (a > b));
            umask = umask * 5u + (unsigned)((ua < ub) + 2 * (ua >= ub) + 4 * (ua != ub));
        }
    }
    printf("signed mask %08x unsigned mask %08x\n", mask, umask);
    int mn = vals[0], mx = vals[0];
    for (unsigned i = 0; i < n; i++) {
        mn = vals[i] < mn ? vals[i] : mn;
        mx = vals[i] > mx ? vals[i] : mx;
    }
    printf("min %d max %d\n", mn, mx);
    volatile int m1 = -1;
    volatile unsigned one = 1;
    printf("-1 < 1u is %d\n", (unsigned)m1 < one);
    return 0;
}
