/* stdlib_exit_in_atexit: _Exit skips atexit handlers and stdio flushing; only flushed output appears.
 * diff-expect: exit 17
 */
#include <stdio.h>
#include <stdlib.h>

static void handler(void) { printf("handler must not run\n"); }

int main(void)
{
    atexit(handler);
    printf("flushed before _Exit\n");
    fflush(stdout);
    printf("this stays in the buffer");
    _Exit(17);
}
