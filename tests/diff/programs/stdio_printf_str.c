/* stdio_printf_str: %s and %c with widths and precisions, %%, positional arguments.
 * diff-expect: exit 0
 */
#include <stdio.h>

int main(void)
{
    const char *s = "PA-RISC";
    printf("[%s][%10s][%-10s][%.3s][%10.2s][%-10.4s]\n", s, s, s, s, s, s);
    printf("[%c][%3c][%-3c][%%]\n", 'x', 'y', 'z');
    printf("%2$s %1$s %3$d %2$s\n", "world", "hello", 7);
    printf("[%*s][%-*s][%.*s]\n", 8, "ab", 8, "cd", 2, "efgh");
    for (int w = 0; w < 6; w++) printf("|%*s|\n", w * 2, "");
    char c = 0;
    printf("nul char: [%c] (len via return: %d)\n", c, printf("%c", c));
    return 0;
}
