/* str_replace: substring replacement into new buffers, trimming, splitting and joining.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

static char *replace_all(const char *s, const char *from, const char *to)
{
    size_t fl = strlen(from), tl = strlen(to), count = 0;
    for (const char *p = s; (p = strstr(p, from)) != NULL; p += fl) count++;
    char *out = malloc(strlen(s) + count * tl - count * fl + 1), *o = out;
    for (const char *p = s;;) {
        const char *q = strstr(p, from);
        if (!q) { strcpy(o, p); break; }
        memcpy(o, p, (size_t)(q - p)); o += q - p;
        memcpy(o, to, tl); o += tl;
        p = q + fl;
    }
    return out;
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s)) s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1])) *--e = 0;
    return s;
}

int main(void)
{
    char *r = replace_all("the cat sat on the mat with the hat", "the", "THE");
    printf("%s\n", r);
    char *r2 = replace_all(r, "at", "");
    printf("%s\n", r2);
    char *r3 = replace_all("aaaa", "a", "bcd");
    printf("%s\n", r3);
    free(r); free(r2); free(r3);
    char buf[] = "   \t padded text \n  ";
    printf("[%s]\n", trim(buf));
    const char *words[] = { "join", "these", "words", "with", "dashes" };
    char joined[64] = "";
    for (int i = 0; i < 5; i++) { if (i) strcat(joined, "-"); strcat(joined, words[i]); }
    printf("%s\n", joined);
    return 0;
}
