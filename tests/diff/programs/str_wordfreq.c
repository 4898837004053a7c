/* str_wordfreq: word frequency count with a sorted table, lowercase folding and ties by name.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>
#include <ctype.h>
#include <stdlib.h>

static const char corpus[] =
    "The cache is virtually indexed and physically tagged. The index comes from the virtual address, "
    "the tag from the physical address. Two virtual addresses of one physical line may sit in two sets; "
    "the kernel must flush the cache when it copies a page through another mapping. The copy then reads "
    "memory, and memory may be stale when the line is dirty in the cache.";

struct wc { char w[16]; int n; };
static struct wc table[100];
static int nw;

static int cmp(const void *a, const void *b)
{
    const struct wc *x = a, *y = b;
    if (x->n != y->n) return y->n - x->n;
    return strcmp(x->w, y->w);
}

int main(void)
{
    const char *p = corpus;
    while (*p) {
        while (*p && !isalpha((unsigned char)*p)) p++;
        char w[16];
        int len = 0;
        while (isalpha((unsigned char)*p)) { if (len < 15) w[len++] = (char)tolower((unsigned char)*p); p++; }
        if (!len) break;
        w[len] = 0;
        int i;
        for (i = 0; i < nw; i++) if (!strcmp(table[i].w, w)) break;
        if (i == nw) { strcpy(table[nw].w, w); table[nw++].n = 0; }
        table[i].n++;
    }
    qsort(table, (size_t)nw, sizeof table[0], cmp);
    for (int i = 0; i < 10; i++) printf("%-10s %d\n", table[i].w, table[i].n);
    printf("distinct %d\n", nw);
    return 0;
}
