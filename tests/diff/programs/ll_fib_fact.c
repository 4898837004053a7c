/* ll_fib_fact: 64-bit Fibonacci, factorials, binomials and Catalan numbers.
 * diff-expect: exit 0
 */
#include <stdio.h>

static unsigned long long binom(unsigned n, unsigned k)
{
    unsigned long long r = 1;
    if (k > n - k) k = n - k;
    for (unsigned i = 1; i <= k; i++) r = r * (n - k + i) / i;
    return r;
}

int main(void)
{
    unsigned long long a = 0, b = 1;
    for (int i = 0; i < 93; i++) {
        unsigned long long t = a + b;
        a = b; b = t;
        if (i % 10 == 0) printf("fib(%d)=%llu\n", i + 1, a);
    }
    printf("fib(93)=%llu\n", a);
    for (unsigned n = 10; n <= 60; n += 10) printf("C(%u,%u)=%llu\n", n, n / 2, binom(n, n / 2));
    for (unsigned n = 0; n <= 30; n += 5) printf("catalan(%u)=%llu\n", n, binom(2 * n, n) / (n + 1));
    return a == 12200160415121876738ULL ? 0 : 1;
}
