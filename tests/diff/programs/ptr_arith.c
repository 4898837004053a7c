/* ptr_arith: pointer arithmetic, pointer comparisons, pointer-to-pointer, walking arrays backwards.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stddef.h>

static int grid[8][10];

static void fill(int *p, int *end, int v) { while (p < end) *p++ = v++; }

int main(void)
{
    fill(&grid[0][0], &grid[7][10], 1);
    int *p = &grid[3][4];
    printf("%d %d %d %d\n", *p, p[10], *(p - 11), (int)(p - &grid[0][0]));
    int (*row)[10] = grid + 5;
    printf("%d %d\n", (*row)[0], row[1][9]);
    long sum = 0;
    for (int *q = &grid[7][9]; q >= &grid[0][0]; q -= 3) sum += *q;
    printf("backward sum %ld\n", sum);
    const char *words[] = { "zero", "one", "two", "three", NULL };
    const char **w = words;
    int letters = 0;
    while (*w) { for (const char *c = *w; *c; c++) letters++; w++; }
    printf("words %d letters %d\n", (int)(w - words), letters);
    char buf[16] = "abcdefghijklmno";
    char *lo = buf, *hi = buf + 14;
    while (lo < hi) { char t = *lo; *lo++ = *hi; *hi-- = t; }
    printf("%s\n", buf);
    ptrdiff_t d = &buf[12] - &buf[2];
    printf("diff %d\n", (int)d);
    return 0;
}
