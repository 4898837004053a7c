/* str_compare: strcmp, strncmp, strcasecmp, strncasecmp orderings and prefix checks.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

static int sgn(int v) { return (v > 0) - (v < 0); }

int main(void)
{
    static const char *w[] = { "", "a", "A", "ab", "abc", "abd", "ABC", "b", "\x80", "a\x7f", "zzz", "abcdefghij" };
    int n = (int)(sizeof w / sizeof w[0]);
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) putchar("<=>"[sgn(strcmp(w[i], w[j])) + 1]);
        putchar(' ');
        for (int j = 0; j < n; j++) putchar("<=>"[sgn(strcasecmp(w[i], w[j])) + 1]);
        putchar('\n');
    }
    printf("%d %d %d\n", sgn(strncmp("abcdef", "abcxyz", 3)), sgn(strncmp("abcdef", "abcxyz", 4)), sgn(strncasecmp("HeLLo", "hello world", 5)));
    const char *prefixes[] = { "pre", "prefix", "prefixes", "p", "" };
    for (int i = 0; i < 5; i++) printf("'%s' prefix of 'prefix': %d\n", prefixes[i], strncmp(prefixes[i], "prefix", strlen(prefixes[i])) == 0);
    return 0;
}
