/* bit_popcount: population count by several methods, including __builtin_popcount.
 * diff-expect: exit 0
 */
#include <stdio.h>

static int pop_loop(unsigned v) { int c = 0; while (v) { c += v & 1; v >>= 1; } return c; }
static int pop_kernighan(unsigned v) { int c = 0; while (v) { v &= v - 1; c++; } return c; }
static int pop_swar(unsigned v)
{
    v = v - ((v >> 1) & 0x55555555u);
    v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
    v = (v + (v >> 4)) & 0x0f0f0f0fu;
    return (int)((v * 0x01010101u) >> 24);
}

int main(void)
{
    int bad = 0;
    unsigned total = 0, x = 1;
    for (int i = 0; i < 20000; i++) {
        x = x * 1664525u + 1013904223u;
        int a = pop_loop(x), b = pop_kernighan(x), c = pop_swar(x), d = __builtin_popcount(x);
        if (a != b || b != c || c != d) bad++;
        total += (unsigned)a;
    }
    printf("%d %d %d\n", pop_swar(0), pop_swar(0xffffffffu), pop_swar(0x80000001u));
    printf("%d\n", __builtin_popcountll(0xf0f0f0f0f0f0f0f0ULL));
    printf("total %u bad %d\n", total, bad);
    return bad;
}
