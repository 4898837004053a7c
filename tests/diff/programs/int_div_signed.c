/* int_div_signed: signed 32-bit division by run-time divisors (millicode $$divI).
 * diff-expect: exit 0
 */
#include <stdio.h>

static int dividends[] = { 0, 1, -1, 7, -7, 100, -100, 12345, -12345, 2147483647,
                           -2147483647, -2147483647 - 1, 65536, -65536, 999999937 };
static int divisors[] = { 1, -1, 2, -2, 3, -3, 7, -7, 10, 16, -16, 255, 1000, 65535, 2147483647 };

int main(void)
{
    unsigned sum = 0;
    int bad = 0;
    for (unsigned i = 0; i < sizeof dividends / sizeof dividends[0]; i++) {
        for (unsigned j = 0; j < sizeof divisors / sizeof divisors[0]; j++) {
            volatile int a = dividends[i], b = divisors[j];
            if (a == -2147483647 - 1 && b == -1)
                continue; /* overflows */
            int q = a / b;
            int r = a % b;
            if (q * b + r != a) bad++;
            if (r != 0 && ((r < 0) != (a < 0))) bad++;
            sum = sum * 31u + (unsigned)q;
            if (j == 6) printf("%d / %d = %d\n", a, b, q);
        }
    }
    printf("checksum %08x bad %d\n", sum, bad);
    return bad;
}
