/* ll_struct_args: 64-bit values as function arguments and returns in odd register positions.
 * diff-expect: exit 0
 */
#include <stdio.h>

static long long f1(int a, long long b) { return b - a; }
static long long f2(int a, int b, int c, long long d) { return d * 2 + a + b + c; }
static long long f3(long long a, long long b, long long c, int d) { return (a ^ b ^ c) + d; }
static unsigned long long f4(char c, long long a, short s, long long b, int i, long long z)
{
    return (unsigned long long)(a + b + z) * (unsigned long long)(c + s + i);
}

typedef struct { long long x; int y; } pair;
static pair mkpair(long long x, int y) { pair p = { x * 3, y - 1 }; return p; }

int main(void)
{
    printf("%lld\n", f1(7, 0x100000000LL));
    printf("%lld\n", f2(1, 2, 3, -0x123456789LL));
    printf("%lld\n", f3(0x1111111111LL, 0x2222222222LL, 0x4444444444LL, -5));
    printf("%llu\n", f4(3, 1LL << 40, 7, -12345LL, 100, 99));
    pair p = mkpair(0x555555555LL, 10);
    printf("%lld %d\n", p.x, p.y);
    long long acc = 0;
    for (int i = 0; i < 1000; i++) acc += f2(i, -i, i * 2, (long long)i << 20);
    printf("acc %lld\n", acc);
    return 0;
}
