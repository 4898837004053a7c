/* ll_div_const: 64-bit division and remainder by constants and conversions of the results to text.
 * diff-expect: exit 0
 */
#include <stdio.h>

static int to_dec(unsigned long long v, char *out)
{
    char tmp[24];
    int n = 0;
    do { tmp[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    for (int i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
    out[n] = 0;
    return n;
}

int main(void)
{
    char buf[24];
    unsigned long long vals[] = { 0, 9, 10, 99999999999ULL, 18446744073709551615ULL, 12345678901234567890ULL };
    for (int i = 0; i < 6; i++) { to_dec(vals[i], buf); printf("%s %llu %llu %llu\n", buf, vals[i] / 3, vals[i] % 7, vals[i] / 1000000007ULL); }
    long long s = 0;
    for (long long v = -5000000000LL; v <= 5000000000LL; v += 123456789LL) s += v / 3 + v % 3 + v / -10 + v % 1000;
    printf("s %lld\n", s);
    unsigned long long secs = 9876543210ULL;
    printf("%llu days %llu h %llu m %llu s\n", secs / 86400, secs % 86400 / 3600, secs % 3600 / 60, secs % 60);
    return 0;
}
