/* ll_addsub: 64-bit addition and subtraction with carries across the word boundary.
 * diff-expect: exit 0
 */
#include <stdio.h>

int main(void)
{
    volatile unsigned long long a = 0x00000000ffffffffULL, b = 1;
    printf("%016llx\n", a + b);
    printf("%016llx\n", (a + b) - 2);
    volatile long long s = -1;
    printf("%lld %lld\n", s + 0x100000000LL, s - 0x7fffffffffffffffLL);
    unsigned long long acc = 0;
    long long sacc = 0;
    for (int i = 0; i < 100000; i++) {
        acc += 0x123456789abcULL * (unsigned)(i & 7) + (unsigned long long)i;
        sacc -= (long long)i * 3000000LL;
    }
    printf("acc %llu sacc %lld\n", acc, sacc);
    unsigned long long x = 0;
    x -= 1;
    printf("%llu %llx\n", x, x >> 4);
    return (acc == 0) ? 1 : 0;
}
