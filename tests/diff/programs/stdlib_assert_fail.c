/* stdlib_assert_fail: a failing assert() prints a message on stderr and aborts (SIGABRT).
 * diff-expect: signal 6
 */
#include <stdio.h>
#include <assert.h>

static int sum_to(int n) { int s = 0; for (int i = 1; i <= n; i++) s += i; return s; }

int main(void)
{
    assert(sum_to(10) == 55);
    printf("first assertion held\n");
    fflush(stdout);
    assert(sum_to(4) == 11);
    printf("not reached\n");
    return 0;
}
