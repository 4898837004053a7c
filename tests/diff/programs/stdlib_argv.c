/* stdlib_argv: command-line arguments passed by the runner, parsed with strtol.
 * diff-expect: exit 4
 * diff-args: alpha 42 -17 0x10 "two words"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    printf("argc %d\n", argc);
    long sum = 0;
    for (int i = 1; i < argc; i++) {
        char *end;
        long v = strtol(argv[i], &end, 0);
        printf("argv[%d] = \"%s\" (len %u)%s", i, argv[i], (unsigned)strlen(argv[i]), *end == 0 ? " numeric" : "");
        if (*end == 0) sum += v;
        printf("\n");
    }
    printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);
    printf("numeric sum %ld\n", sum);
    return argc - 2;
}
