/* ptr_2d_arrays: multidimensional arrays, arrays of pointers, variable-length arrays, row sums.
 * diff-expect: exit 0
 */
#include <stdio.h>

static int trace_vla(int n, int m[n][n]) { int t = 0; for (int i = 0; i < n; i++) t += m[i][i]; return t; }

static void transpose(int n, int m[n][n])
{
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) { int t = m[i][j]; m[i][j] = m[j][i]; m[j][i] = t; }
}

int main(void)
{
    int cube[4][5][6];
    for (int i = 0; i < 4; i++) for (int j = 0; j < 5; j++) for (int k = 0; k < 6; k++) cube[i][j][k] = i * 100 + j * 10 + k;
    int s = 0;
    for (int i = 0; i < 4; i++) for (int k = 0; k < 6; k++) s += cube[i][i % 5][k];
    printf("cube sum %d, cube[3][4][5]=%d\n", s, cube[3][4][5]);
    for (int n = 2; n <= 7; n++) {
        int m[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i][j] = i * n + j;
        transpose(n, m);
        printf("n=%d trace %d m[0][n-1]=%d sizeof=%u\n", n, trace_vla(n, m), m[0][n - 1], (unsigned)sizeof m);
    }
    int r0[] = { 1, 2, 3 }, r1[] = { 4, 5 }, r2[] = { 6, 7, 8, 9 };
    int *jag[] = { r0, r1, r2 };
    int len[] = { 3, 2, 4 };
    for (int i = 0; i < 3; i++) { int rs = 0; for (int j = 0; j < len[i]; j++) rs += jag[i][j]; printf("row %d sum %d\n", i, rs); }
    return 0;
}
