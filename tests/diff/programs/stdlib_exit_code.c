/* stdlib_exit_code: exit() called from a nested function with a status above 127; buffered output is flushed.
 * diff-expect: exit 200
 */
#include <stdio.h>
#include <stdlib.h>

static void level3(int v) { printf("level3 got %d, exiting\n", v); exit(v * 2); }
static void level2(int v) { level3(v + 50); printf("not reached\n"); }
static void level1(int v) { level2(v * 10); }

int main(void)
{
    printf("buffered line that exit() must flush\n");
    level1(5);
    return 0;
}
