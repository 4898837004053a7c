/* alg_sorts: insertion, selection, shell, heap, merge (bottom-up) and counting sort agree on the same data.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

#define N 1500
static int src[N], a[N], tmp[N], ref[N];

static void insertion(int *v, int n) { for (int i = 1; i < n; i++) { int t = v[i], j = i; while (j > 0 && v[j - 1] > t) { v[j] = v[j - 1]; j--; } v[j] = t; } }
static void selection(int *v, int n) { for (int i = 0; i < n - 1; i++) { int m = i; for (int j = i + 1; j < n; j++) if (v[j] < v[m]) m = j; int t = v[i]; v[i] = v[m]; v[m] = t; } }
static void shell(int *v, int n) { for (int g = n / 2; g > 0; g /= 2) for (int i = g; i < n; i++) { int t = v[i], j = i; while (j >= g && v[j - g] > t) { v[j] = v[j - g]; j -= g; } v[j] = t; } }
static void sift(int *v, int n, int i) { for (;;) { int m = i, l = 2 * i + 1, r = l + 1; if (l < n && v[l] > v[m]) m = l; if (r < n && v[r] > v[m]) m = r; if (m == i) return; int t = v[i]; v[i] = v[m]; v[m] = t; i = m; } }
static void heapsort(int *v, int n) { for (int i = n / 2 - 1; i >= 0; i--) sift(v, n, i); for (int e = n - 1; e > 0; e--) { int t = v[0]; v[0] = v[e]; v[e] = t; sift(v, e, 0); } }
static void mergesort_bu(int *v, int n)
{
    for (int w = 1; w < n; w *= 2) {
        for (int lo = 0; lo < n; lo += 2 * w) {
            int mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n, i = lo, j = mid, k = lo;
            while (i < mid && j < hi) tmp[k++] = v[j] < v[i] ? v[j++] : v[i++];
            while (i < mid) tmp[k++] = v[i++];
            while (j < hi) tmp[k++] = v[j++];
        }
        memcpy(v, tmp, (size_t)n * sizeof *v);
    }
}
static void counting(int *v, int n) { static int cnt[1000]; memset(cnt, 0, sizeof cnt); for (int i = 0; i < n; i++) cnt[v[i]]++; int k = 0; for (int x = 0; x < 1000; x++) while (cnt[x]--) v[k++] = x; }

int main(void)
{
    unsigned s = 123;
    for (int i = 0; i < N; i++) { s = s * 1103515245u + 12345u; src[i] = (int)((s >> 16) % 1000); }
    memcpy(ref, src, sizeof ref);
    counting(ref, N);
    void (*sorts[])(int *, int) = { insertion, selection, shell, heapsort, mergesort_bu, counting };
    const char *names[] = { "insertion", "selection", "shell", "heap", "merge", "counting" };
    int bad = 0;
    for (int k = 0; k < 6; k++) {
        memcpy(a, src, sizeof a);
        sorts[k](a, N);
        int ok = !memcmp(a, ref, sizeof a);
        bad += !ok;
        printf("%-10s %s first %d median %d last %d\n", names[k], ok ? "ok" : "WRONG", a[0], a[N / 2], a[N - 1]);
    }
    return bad;
}
