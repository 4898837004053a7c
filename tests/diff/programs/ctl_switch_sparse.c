/* ctl_switch_sparse: sparse switch values (compare trees), negative cases, and switch on enums and long long.
 * diff-expect: exit 0
 */
#include <stdio.h>

enum color { RED = 1, GREEN = 20, BLUE = 300, ALPHA = -5 };

static int sparse(int v)
{
    switch (v) {
    case -100000: return 1;
    case -7: return 2;
    case 0: return 3;
    case 13: return 4;
    case 1000: return 5;
    case 65536: return 6;
    case 1000000: return 7;
    case 2147483647: return 8;
    default: return 0;
    }
}
static const char *cname(enum color c)
{
    switch (c) {
    case RED: return "red";
    case GREEN: return "green";
    case BLUE: return "blue";
    case ALPHA: return "alpha";
    }
    return "?";
}
static int big(long long v)
{
    switch (v) {
    case 0x100000000LL: return 1;
    case -1LL: return 2;
    case 0x7fffffffffffffffLL: return 3;
    case 42: return 4;
    default: return 0;
    }
}

int main(void)
{
    static const int probes[] = { -100000, -99999, -7, 0, 1, 13, 999, 1000, 65536, 65537, 1000000, 2147483647 };
    int s = 0;
    for (unsigned i = 0; i < sizeof probes / sizeof probes[0]; i++) { int r = sparse(probes[i]); printf("%d->%d ", probes[i], r); s += r; }
    printf("\n");
    enum color cs[] = { RED, GREEN, BLUE, ALPHA };
    for (int i = 0; i < 4; i++) printf("%s ", cname(cs[i]));
    printf("\n%d %d %d %d %d\n", big(0x100000000LL), big(-1), big(0x7fffffffffffffffLL), big(42), big(43));
    return s == 36 ? 0 : 1;
}
