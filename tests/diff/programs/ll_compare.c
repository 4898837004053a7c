/* ll_compare: 64-bit signed/unsigned comparisons that differ only in one word.
 * diff-expect: exit 0
 */
#include <stdio.h>

static const long long v[] = { -0x7fffffffffffffffLL - 1, -0x100000000LL, -0xffffffffLL, -1, 0, 1,
                               0xffffffffLL, 0x100000000LL, 0x100000001LL, 0x7fffffffffffffffLL };

static int cmp_s(long long a, long long b) { return (a > b) - (a < b); }
static int cmp_u(unsigned long long a, unsigned long long b) { return (a > b) - (a < b); }

int main(void)
{
    int n = (int)(sizeof v / sizeof v[0]);
    int bad = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            int cs = cmp_s(v[i], v[j]);
            int exp = (i > j) - (i < j);
            if (cs != exp) bad++;
            printf("%c", "<=>"[cmp_u((unsigned long long)v[i], (unsigned long long)v[j]) + 1]);
        }
        printf("\n");
    }
    volatile long long a = 0x100000000LL, b = 0xffffffffLL;
    printf("%d %d %d %d\n", a > b, a >= b, a == b, a != b);
    printf("bad %d\n", bad);
    return bad;
}
