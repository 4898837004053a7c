/* int_collatz: Collatz sequence lengths, loops with data-dependent branches.
 * diff-expect: exit 111
 */
#include <stdio.h>

static unsigned steps(unsigned long long n)
{
    unsigned s = 0;
    while (n != 1) {
        n = (n & 1) ? 3 * n + 1 : n / 2;
        s++;
    }
    return s;
}

int main(void)
{
    unsigned best = 0, arg = 0;
    unsigned long long total = 0;
    for (unsigned n = 1; n < 30000; n++) {
        unsigned s = steps(n);
        total += s;
        if (s > best) { best = s; arg = n; }
    }
    printf("longest below 30000: n=%u steps=%u\n", arg, best);
    printf("total steps %llu\n", total);
    printf("steps(27)=%u\n", steps(27));
    return (int)steps(27);
}
