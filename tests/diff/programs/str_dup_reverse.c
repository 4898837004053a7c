/* str_dup_reverse: strdup/strndup, in-place reversal of strings and words, palindromes.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

static void reverse(char *s, size_t n) { for (size_t i = 0; i < n / 2; i++) { char t = s[i]; s[i] = s[n - 1 - i]; s[n - 1 - i] = t; } }

static int is_pal(const char *s)
{
    size_t i = 0, j = strlen(s);
    while (i < j) {
        if (!isalnum((unsigned char)s[i])) { i++; continue; }
        if (!isalnum((unsigned char)s[j - 1])) { j--; continue; }
        if (tolower((unsigned char)s[i]) != tolower((unsigned char)s[j - 1])) return 0;
        i++; j--;
    }
    return 1;
}

int main(void)
{
    char *s = strdup("the quick brown fox jumps over the lazy dog");
    reverse(s, strlen(s));
    printf("%s\n", s);
    for (char *w = s; *w;) {
        size_t len = strcspn(w, " ");
        reverse(w, len);
        w += len;
        if (*w) w++;
    }
    printf("%s\n", s);
    char *t = strndup(s, 9);
    printf("[%s] %u\n", t, (unsigned)strlen(t));
    free(t);
    free(s);
    const char *cands[] = { "A man, a plan, a canal: Panama", "racecar", "hello", "Was it a car or a cat I saw?", "", "ab" };
    int pals = 0;
    for (int i = 0; i < 6; i++) { int p = is_pal(cands[i]); pals += p; printf("%d: %s\n", p, cands[i]); }
    return pals == 4 ? 0 : 1;
}
