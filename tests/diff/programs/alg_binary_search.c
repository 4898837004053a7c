/* alg_binary_search: lower/upper bound, first/last occurrence, search in a rotated array, integer answer search.
 * diff-expect: exit 0
 */
#include <stdio.h>

static int lower_bound(const int *a, int n, int x) { int lo = 0, hi = n; while (lo < hi) { int m = lo + (hi - lo) / 2; if (a[m] < x) lo = m + 1; else hi = m; } return lo; }
static int upper_bound(const int *a, int n, int x) { int lo = 0, hi = n; while (lo < hi) { int m = lo + (hi - lo) / 2; if (a[m] <= x) lo = m + 1; else hi = m; } return lo; }
static int rotated_find(const int *a, int n, int x)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int m = lo + (hi - lo) / 2;
        if (a[m] == x) return m;
        if (a[lo] <= a[m]) { if (a[lo] <= x && x < a[m]) hi = m - 1; else lo = m + 1; }
        else { if (a[m] < x && x <= a[hi]) lo = m + 1; else hi = m - 1; }
    }
    return -1;
}

int main(void)
{
    int a[200];
    for (int i = 0; i < 200; i++) a[i] = i / 3 * 2;
    for (int x = -1; x <= 10; x++) printf("x=%d [%d,%d) ", x, lower_bound(a, 200, x), upper_bound(a, 200, x));
    printf("\n");
    int r[50];
    for (int i = 0; i < 50; i++) r[i] = ((i + 17) % 50) * 3;
    int hits = 0;
    for (int x = 0; x < 150; x++) { int k = rotated_find(r, 50, x); if (k >= 0) { hits++; if (r[k] != x) hits = -1000; } }
    printf("rotated hits %d\n", hits);
    unsigned lo = 0, hi = 1u << 31;
    while (lo < hi) { unsigned m = lo + (hi - lo) / 2; if ((unsigned long long)m * m * m >= 123456789012ULL) hi = m; else lo = m + 1; }
    printf("smallest m with m^3 >= 123456789012: %u\n", lo);
    return hits == 50 ? 0 : 1;
}
