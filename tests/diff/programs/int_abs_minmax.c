/* int_abs_minmax: abs, branch-free min/max/sign, clamping.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>

static int bf_min(int a, int b) { return b ^ ((a ^ b) & -(a < b)); }
static int bf_max(int a, int b) { return a ^ ((a ^ b) & -(a < b)); }
static int sign(int v) { return (v > 0) - (v < 0); }
static int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

int main(void)
{
    int bad = 0;
    long long acc = 0;
    for (int a = -1000; a <= 1000; a += 37) {
        for (int b = -1000; b <= 1000; b += 41) {
            int mn = a < b ? a : b, mx = a < b ? b : a;
            if (bf_min(a, b) != mn || bf_max(a, b) != mx) bad++;
            acc += abs(a - b) + sign(a * b) + clamp(a + b, -500, 500);
        }
    }
    printf("acc %lld bad %d\n", acc, bad);
    printf("%d %ld %lld\n", abs(-42), labs(-100000L), llabs(-5000000000LL));
    return bad;
}
