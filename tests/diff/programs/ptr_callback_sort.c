/* ptr_callback_sort: a generic merge sort taking a comparison callback, used on ints, strings and doubles.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

typedef int (*cmpfn)(const void *, const void *);

static void msort(void *base, size_t n, size_t sz, cmpfn cmp, void *tmp)
{
    if (n < 2) return;
    size_t h = n / 2;
    char *b = base, *t = tmp;
    msort(b, h, sz, cmp, tmp);
    msort(b + h * sz, n - h, sz, cmp, tmp);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n) {
        if (cmp(b + j * sz, b + i * sz) < 0) memcpy(t + k++ * sz, b + j++ * sz, sz);
        else memcpy(t + k++ * sz, b + i++ * sz, sz);
    }
    while (i < h) memcpy(t + k++ * sz, b + i++ * sz, sz);
    while (j < n) memcpy(t + k++ * sz, b + j++ * sz, sz);
    memcpy(b, t, n * sz);
}

static int cmp_int_desc(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; return (x < y) - (x > y); }
static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }
static int cmp_dbl(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }

int main(void)
{
    int iv[200];
    unsigned s = 7;
    for (int i = 0; i < 200; i++) { s = s * 1103515245u + 12345u; iv[i] = (int)(s >> 16) % 1000 - 500; }
    void *tmp = malloc(sizeof iv);
    msort(iv, 200, sizeof iv[0], cmp_int_desc, tmp);
    for (int i = 0; i < 200; i += 20) printf("%d ", iv[i]);
    printf("\n");
    const char *sv[] = { "pear", "apple", "fig", "banana", "cherry", "apricot", "date", "elderberry", "grape" };
    msort(sv, 9, sizeof sv[0], cmp_str, tmp);
    for (int i = 0; i < 9; i++) printf("%s ", sv[i]);
    printf("\n");
    double dv[10];
    for (int i = 0; i < 10; i++) dv[i] = (double)((i * 7919) % 13) / 3.0 - 2.0;
    msort(dv, 10, sizeof dv[0], cmp_dbl, tmp);
    for (int i = 0; i < 10; i++) printf("%.3f ", dv[i]);
    printf("\n");
    free(tmp);
    int ok = 1;
    for (int i = 1; i < 200; i++) if (iv[i - 1] < iv[i]) ok = 0;
    return ok ? 0 : 1;
}
