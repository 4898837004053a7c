/* stdio_setvbuf: unbuffered and line-buffered stdout with setvbuf, fflush between writes.
 * diff-expect: exit 0
 */
#include <stdio.h>

static char buffer[64];

int main(void)
{
    setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
    for (int i = 0; i < 20; i++) printf("full-buffered line %02d with some padding text\n", i);
    fflush(stdout);
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (int i = 0; i < 5; i++) { printf("line-buffered %d", i); printf(" continues\n"); }
    fprintf(stderr, "stderr in between\n");
    printf("last\n");
    return 0;
}
