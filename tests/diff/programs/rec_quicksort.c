/* rec_quicksort: recursive quicksort (Hoare partition) and recursive binary search.
 * diff-expect: exit 0
 */
#include <stdio.h>

static void qs(int *a, int lo, int hi)
{
    if (lo >= hi) return;
    int p = a[lo + (hi - lo) / 2], i = lo - 1, j = hi + 1;
    for (;;) {
        do i++; while (a[i] < p);
        do j--; while (a[j] > p);
        if (i >= j) break;
        int t = a[i]; a[i] = a[j]; a[j] = t;
    }
    qs(a, lo, j);
    qs(a, j + 1, hi);
}

static int bsearch_rec(const int *a, int lo, int hi, int key)
{
    if (lo > hi) return -1;
    int mid = lo + (hi - lo) / 2;
    if (a[mid] == key) return mid;
    return a[mid] < key ? bsearch_rec(a, mid + 1, hi, key) : bsearch_rec(a, lo, mid - 1, key);
}

static int a[5000];

int main(void)
{
    unsigned s = 99;
    for (int i = 0; i < 5000; i++) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; a[i] = (int)(s % 100000u); }
    qs(a, 0, 4999);
    int sorted = 1;
    for (int i = 1; i < 5000; i++) if (a[i - 1] > a[i]) sorted = 0;
    printf("sorted %d min %d median %d max %d\n", sorted, a[0], a[2500], a[4999]);
    int found = 0;
    for (int k = 0; k < 100000; k += 97) if (bsearch_rec(a, 0, 4999, k) >= 0) found++;
    printf("found %d\n", found);
    return sorted ? 0 : 1;
}
