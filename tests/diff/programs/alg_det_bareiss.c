/* alg_det_bareiss: exact integer determinants by fraction-free Bareiss elimination (64-bit), checked by permutation expansion.
 * diff-expect: exit 0
 */
#include <stdio.h>

static long long bareiss(long long m[6][6], int n)
{
    long long a[6][6];
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a[i][j] = m[i][j];
    long long prev = 1;
    int sign = 1;
    for (int k = 0; k < n - 1; k++) {
        if (a[k][k] == 0) {
            int r = k + 1;
            while (r < n && a[r][k] == 0) r++;
            if (r == n) return 0;
            for (int j = 0; j < n; j++) { long long t = a[k][j]; a[k][j] = a[r][j]; a[r][j] = t; }
            sign = -sign;
        }
        for (int i = k + 1; i < n; i++)
            for (int j = k + 1; j < n; j++) a[i][j] = (a[i][j] * a[k][k] - a[i][k] * a[k][j]) / prev;
        prev = a[k][k];
    }
    return sign * a[n - 1][n - 1];
}

static long long expand(long long m[6][6], int n, int row, unsigned used)
{
    if (row == n) return 1;
    long long s = 0;
    int sign = 1;
    for (int c = 0; c < n; c++) {
        if (used & (1u << c)) continue;
        s += sign * m[row][c] * expand(m, n, row + 1, used | (1u << c));
        sign = -sign;
    }
    return s;
}

int main(void)
{
    long long m[6][6];
    int bad = 0;
    for (int t = 0; t < 12; t++) {
        int n = 2 + t % 5;
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i][j] = ((i + 1) * (j + 2) * (t + 3) + i * i * 7 + j) % 19 - 9;
        long long d1 = bareiss(m, n), d2 = expand(m, n, 0, 0);
        printf("n=%d det %lld %s\n", n, d1, d1 == d2 ? "ok" : "MISMATCH");
        bad += d1 != d2;
    }
    return bad;
}
