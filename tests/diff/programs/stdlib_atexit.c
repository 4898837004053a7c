/* stdlib_atexit: atexit handlers run in reverse order of registration after return from main.
 * diff-expect: exit 9
 */
#include <stdio.h>
#include <stdlib.h>

static int order;
static void h1(void) { printf("handler 1 (order %d)\n", ++order); }
static void h2(void) { printf("handler 2 (order %d)\n", ++order); }
static void h3(void) { printf("handler 3 (order %d)\n", ++order); }

int main(void)
{
    atexit(h1);
    atexit(h2);
    atexit(h3);
    printf("main returns 9\n");
    return 9;
}
