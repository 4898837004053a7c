/* stdlib_qsort_bsearch: qsort on ints, strings and structs; bsearch for present and absent keys.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; return (x > y) - (x < y); }
static int cmp_pstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void)
{
    int v[1000];
    unsigned s = 1;
    for (int i = 0; i < 1000; i++) { s = s * 214013u + 2531011u; v[i] = (int)((s >> 16) & 0x7fff) - 16384; }
    qsort(v, 1000, sizeof v[0], cmp_int);
    printf("min %d max %d v[500] %d\n", v[0], v[999], v[500]);
    int found = 0;
    for (int k = -16384; k < 16384; k += 37) if (bsearch(&k, v, 1000, sizeof v[0], cmp_int)) found++;
    printf("found %d of %d keys\n", found, (16384 * 2 + 36) / 37);
    const char *names[] = { "mips", "sparc", "alpha", "parisc", "arm", "x86", "ia64", "m68k", "sh", "powerpc" };
    qsort(names, 10, sizeof names[0], cmp_pstr);
    for (int i = 0; i < 10; i++) printf("%s ", names[i]);
    printf("\n");
    const char *key = "parisc", *missing = "riscv";
    const char **hit = bsearch(&key, names, 10, sizeof names[0], cmp_pstr);
    const char **miss = bsearch(&missing, names, 10, sizeof names[0], cmp_pstr);
    printf("parisc at %d, riscv %s\n", hit ? (int)(hit - names) : -1, miss ? "found" : "absent");
    int dup[] = { 5, 3, 5, 1, 3, 5, 9, 1 };
    qsort(dup, 8, sizeof dup[0], cmp_int);
    for (int i = 0; i < 8; i++) printf("%d", dup[i]);
    printf("\n");
    return hit ? 0 : 1;
}
