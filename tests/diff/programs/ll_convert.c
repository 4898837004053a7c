/* ll_convert: conversions between long long and int/short/char, sign extension, truncation.
 * diff-expect: exit 0
 */
#include <stdio.h>

int main(void)
{
    volatile int i = -5;
    volatile unsigned u = 0xfffffffbu;
    long long a = i, b = u;
    unsigned long long c = (unsigned long long)i;
    printf("%lld %lld %llu\n", a, b, c);
    volatile long long big = 0x123456789abcdef0LL;
    printf("%d %u %d %d\n", (int)big, (unsigned)big, (short)big, (signed char)big);
    printf("%d\n", (int)(big >> 32));
    volatile short sh = -1234;
    volatile unsigned short ush = 60000;
    long long d = sh, e = ush;
    printf("%lld %lld\n", d, e);
    long long sum = 0;
    for (int k = -1000; k < 1000; k++) {
        long long x = (long long)k * 3000000LL;
        sum += (int)(x & 0xffff) + (short)(x >> 8);
    }
    printf("sum %lld\n", sum);
    return 0;
}
