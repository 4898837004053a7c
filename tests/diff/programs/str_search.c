/* str_search: strchr, strrchr, strstr, strpbrk, strspn, strcspn over a text.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

static const char text[] = "It was the best of times, it was the worst of times, it was the age of wisdom, "
                           "it was the age of foolishness, it was the epoch of belief.";

int main(void)
{
    printf("strchr ',' at %d, strrchr ',' at %d\n", (int)(strchr(text, ',') - text), (int)(strrchr(text, ',') - text));
    printf("strchr NUL at %d\n", (int)(strchr(text, 0) - text));
    int count = 0;
    for (const char *p = text; (p = strstr(p, "it was")) != NULL; p++) count++;
    printf("'it was' x%d\n", count);
    const char *w = strstr(text, "wisdom");
    printf("wisdom at %d: %.6s\n", (int)(w - text), w);
    printf("strstr empty: %d, missing: %s\n", (int)(strstr(text, "") - text), strstr(text, "zebra") ? "yes" : "null");
    const char *v = strpbrk(text, "xyzq");
    printf("strpbrk xyzq: %s\n", v ? v : "null");
    printf("spn %u cspn %u\n", (unsigned)strspn("aaabbbcccd", "ab"), (unsigned)strcspn("hello, world", " ,"));
    int words = 0;
    for (const char *p = text; *p;) {
        p += strspn(p, " ,.");
        if (!*p) break;
        size_t len = strcspn(p, " ,.");
        if (len > 5) printf("long word: %.*s\n", (int)len, p);
        words++;
        p += len;
    }
    printf("words %d\n", words);
    return 0;
}
