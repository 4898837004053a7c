/* mem_realloc_growth: growing and shrinking buffers with realloc, contents preserved, calloc zeroing.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    int bad = 0;
    unsigned char *p = NULL;
    size_t size = 0;
    for (int step = 0; step < 40; step++) {
        size_t nsize = (size_t)(step % 10 + 1) * 1000 + (size_t)step * 37;
        p = realloc(p, nsize);
        for (size_t i = 0; i < (size < nsize ? size : nsize); i++) if (p[i] != (unsigned char)(i * 13 + 1)) bad++;
        for (size_t i = 0; i < nsize; i++) p[i] = (unsigned char)(i * 13 + 1);
        size = nsize;
    }
    free(p);
    int *z = calloc(5000, sizeof *z);
    long nonzero = 0;
    for (int i = 0; i < 5000; i++) nonzero += z[i] != 0;
    free(z);
    char **lines = NULL;
    size_t n = 0;
    for (int i = 0; i < 500; i++) {
        lines = realloc(lines, (n + 1) * sizeof *lines);
        lines[n] = malloc(20);
        snprintf(lines[n], 20, "line %d", i * i);
        n++;
    }
    size_t total = 0;
    for (size_t i = 0; i < n; i++) { total += strlen(lines[i]); free(lines[i]); }
    free(lines);
    void *big = malloc(1 << 20);
    memset(big, 0x5a, 1 << 20);
    unsigned long sum = 0;
    for (int i = 0; i < (1 << 20); i += 4096) sum += ((unsigned char *)big)[i];
    free(big);
    printf("bad %d nonzero %ld total %u sum %lu\n", bad, nonzero, (unsigned)total, sum);
    return bad || nonzero ? 1 : 0;
}
