/* stdlib_abort: abort() after flushing stdout: the process dies by SIGABRT (status 134 in a shell).
 * diff-expect: signal 6
 */
#include <stdio.h>
#include <stdlib.h>

static int check_invariant(const int *v, int n)
{
    for (int i = 1; i < n; i++) if (v[i - 1] > v[i]) return i;
    return 0;
}

int main(void)
{
    int v[] = { 1, 2, 3, 5, 4, 6 };
    int bad = check_invariant(v, 6);
    printf("invariant broken at index %d\n", bad);
    fflush(stdout);
    if (bad) abort();
    return 0;
}
