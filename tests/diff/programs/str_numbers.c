/* str_numbers: strtol/strtoul in several bases with end pointers and errno on overflow, atoi/atol.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>

int main(void)
{
    static const char *in[] = { "0", "-17", "  +42", "0x1F", "0777", "1010", "zz", "2147483647", "2147483648",
                                "-2147483649", "4294967295", "12abc", "", "-", "0x" };
    static const int bases[] = { 0, 10, 16, 2, 36 };
    for (unsigned i = 0; i < sizeof in / sizeof in[0]; i++) {
        printf("%-12s", in[i]);
        for (unsigned b = 0; b < 5; b++) {
            char *end;
            errno = 0;
            long v = strtol(in[i], &end, bases[b]);
            printf(" b%d=%ld/%d%s", bases[b], v, (int)(end - in[i]), errno == ERANGE ? "R" : "");
        }
        errno = 0;
        unsigned long u = strtoul(in[i], NULL, 0);
        printf(" u=%lu%s\n", u, errno == ERANGE ? "R" : "");
    }
    printf("%d %ld %lld\n", atoi("  -123xyz"), atol("99999"), atoll("-123456789012"));
    return 0;
}
