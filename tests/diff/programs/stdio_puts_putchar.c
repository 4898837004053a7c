/* stdio_puts_putchar: puts, putchar, fputc, fputs and putc mixed on stdout with buffering.
 * diff-expect: exit 0
 */
#include <stdio.h>

int main(void)
{
    puts("puts adds a newline");
    fputs("fputs does not", stdout);
    putchar('\n');
    for (int row = 0; row < 8; row++) {
        for (int col = 0; col <= row; col++) putchar(col == 0 || col == row ? '*' : ' ');
        putchar('\n');
    }
    for (int c = 'A'; c <= 'Z'; c++) putc(c, stdout);
    fputc('\n', stdout);
    int total = 0;
    for (int i = 0; i < 200; i++) total += putchar("0123456789"[i % 10]) == "0123456789"[i % 10];
    putchar('\n');
    printf("putchar ok %d, puts returns non-negative: %d\n", total, puts("") >= 0);
    fflush(stdout);
    return total == 200 ? 0 : 1;
}
