/* ctl_recursion_tail: tail calls and deep non-tail recursion (stack depth), sibling calls through pointers.
 * diff-expect: exit 0
 */
#include <stdio.h>

static unsigned long sum_tail(unsigned long n, unsigned long acc) { return n == 0 ? acc : sum_tail(n - 1, acc + n); }
static unsigned long sum_deep(unsigned long n) { return n == 0 ? 0 : n + sum_deep(n - 1); }
static int gcd_tail(int a, int b) { return b == 0 ? a : gcd_tail(b, a % b); }

typedef int (*stepfn)(int, int);
static int step_a(int n, int acc);
static int step_b(int n, int acc);
static stepfn next_of(int n) { return n % 2 ? step_a : step_b; }
static int step_a(int n, int acc) { return n <= 0 ? acc : next_of(n - 1)(n - 1, acc + 3); }
static int step_b(int n, int acc) { return n <= 0 ? acc : next_of(n - 1)(n - 1, acc * 2 % 1000003); }

int main(void)
{
    printf("sum_tail %lu\n", sum_tail(20000, 0));
    printf("sum_deep %lu\n", sum_deep(20000));
    printf("gcd %d\n", gcd_tail(1134903170, 701408733));
    printf("alternating %d\n", step_a(5001, 1));
    return sum_tail(100, 0) == 5050 ? 0 : 1;
}
