/* rec_fib: naive doubly-recursive Fibonacci and memoised and tail-recursive variants.
 * diff-expect: exit 0
 */
#include <stdio.h>

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static long long memo[91];
static long long fibm(int n) { if (n < 2) return n; if (memo[n]) return memo[n]; return memo[n] = fibm(n - 1) + fibm(n - 2); }
static long long fibt(int n, long long a, long long b) { return n == 0 ? a : fibt(n - 1, b, a + b); }

int main(void)
{
    for (int n = 0; n <= 24; n += 4) printf("fib(%d)=%d\n", n, fib(n));
    printf("fibm(90)=%lld fibt(90)=%lld\n", fibm(90), fibt(90, 0, 1));
    return fib(20) == 6765 ? 0 : 1;
}
