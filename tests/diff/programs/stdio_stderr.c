/* stdio_stderr: interleaved output to stdout and stderr (stderr unbuffered), fprintf and perror.
 * diff-expect: exit 2
 */
#include <stdio.h>
#include <errno.h>

int main(void)
{
    for (int i = 0; i < 5; i++) {
        printf("out line %d\n", i);
        fprintf(stderr, "err line %d\n", i);
    }
    fputs("warning: something to report\n", stderr);
    errno = ENOENT;
    perror("open config");
    errno = EINVAL;
    perror("parse");
    fprintf(stdout, "done\n");
    return 2;
}
