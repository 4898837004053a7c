/* str_memset_memcmp: memset fill patterns, memcmp ordering with unsigned bytes, memchr.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

int main(void)
{
    unsigned char b[100];
    int bad = 0;
    for (int off = 0; off < 8; off++)
        for (int n = 0; n < 80; n += 3) {
            memset(b, 0, sizeof b);
            memset(b + off, 0xa5, (size_t)n);
            for (int i = 0; i < 100; i++) if (b[i] != ((i >= off && i < off + n) ? 0xa5 : 0)) bad++;
        }
    unsigned char x[4] = { 1, 2, 0x80, 4 }, y[4] = { 1, 2, 0x7f, 4 };
    printf("memcmp sign: %d %d %d\n", memcmp(x, y, 4) > 0, memcmp(y, x, 4) < 0, memcmp(x, y, 2) == 0);
    const char hay[] = "find the needle in the haystack";
    const char *p = memchr(hay, 'n', sizeof hay);
    const char *q = memchr(hay, 'z', sizeof hay);
    printf("memchr n at %d, z %s\n", (int)(p - hay), q ? "found" : "absent");
    int ones = 0;
    for (const char *r = hay; (r = memchr(r, 'e', (size_t)(hay + sizeof hay - r))) != NULL; r++) ones++;
    printf("e count %d, bad %d\n", ones, bad);
    return bad;
}
