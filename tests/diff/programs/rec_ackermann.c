/* rec_ackermann: Ackermann function for small arguments (deep recursion), counting calls.
 * diff-expect: exit 61
 */
#include <stdio.h>

static unsigned long calls;

static unsigned ack(unsigned m, unsigned n)
{
    calls++;
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

int main(void)
{
    for (unsigned m = 0; m <= 3; m++)
        for (unsigned n = 0; n <= 4; n++) {
            calls = 0;
            unsigned r = ack(m, n);
            printf("ack(%u,%u)=%u calls=%lu\n", m, n, r, calls);
        }
    calls = 0;
    unsigned r = ack(2, 29);
    printf("ack(2,29)=%u calls=%lu\n", r, calls);
    return (int)ack(3, 3);
}
