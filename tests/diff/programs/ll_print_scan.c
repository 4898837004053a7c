/* ll_print_scan: printing and parsing of 64-bit values with printf, sscanf and strtoll.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>
#include <inttypes.h>

int main(void)
{
    long long v = -9223372036854775807LL - 1;
    unsigned long long u = 18446744073709551615ULL;
    printf("%lld %llu %llx %llo\n", v, u, u, u);
    printf("[%20lld] [%-20lld] [%+lld] [%020llu]\n", 123456789012LL, -5LL, 77LL, 99ULL);
    int64_t i64 = -1234567890123LL;
    uint64_t u64 = 0xfedcba9876543210ULL;
    printf("%" PRId64 " %" PRIx64 " %" PRIu64 "\n", i64, u64, u64);
    long long a; unsigned long long b;
    int n = sscanf("-42000000000 0x1fffffffff", "%lld %llx", &a, &b);
    printf("scanned %d: %lld %llu\n", n, a, b);
    printf("%lld %llu\n", strtoll("  -9223372036854775807", NULL, 10), strtoull("777777777777", NULL, 8));
    char *end;
    long long c = strtoll("123456789012345xyz", &end, 10);
    printf("%lld rest=%s\n", c, end);
    return (n == 2 && b == 0x1fffffffffULL) ? 0 : 1;
}
