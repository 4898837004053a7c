/* stdio_stdin_eof: reading from an empty standard input: getchar, fgets and scanf all see EOF.
 * diff-expect: exit 0
 */
#include <stdio.h>

int main(void)
{
    int c = getchar();
    printf("getchar -> %s\n", c == EOF ? "EOF" : "data");
    printf("feof %d\n", feof(stdin) != 0);
    clearerr(stdin);
    char line[32];
    printf("fgets -> %s\n", fgets(line, sizeof line, stdin) ? "line" : "NULL");
    int v;
    printf("scanf -> %d\n", scanf("%d", &v));
    size_t n = fread(line, 1, sizeof line, stdin);
    printf("fread -> %u\n", (unsigned)n);
    return 0;
}
