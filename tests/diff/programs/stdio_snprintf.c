/* stdio_snprintf: snprintf return values, truncation at every buffer size, sprintf chaining.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

int main(void)
{
    char buf[32];
    const char *volatile word = "abcdefghijklmnop";
    for (size_t n = 0; n <= 20; n += 3) {
        memset(buf, '#', sizeof buf);
        int r = snprintf(buf, n, "%s-%d", word, 12345);
        printf("n=%2u ret=%d content=[%.*s] term=%d\n", (unsigned)n, r, n ? (int)strlen(buf) : 0, n ? buf : "",
               n ? buf[n - 1] == 0 || strlen(buf) < n : 1);
    }
    char line[128];
    int pos = 0;
    for (int i = 0; i < 8; i++) pos += sprintf(line + pos, "%d^2=%d;", i, i * i);
    printf("%s (%d)\n", line, pos);
    int need = snprintf(NULL, 0, "%08.3f|%s|%x", 3.14159, word, 0xabcu);
    printf("need %d\n", need);
    return 0;
}
