/* alg_matmul_int: integer matrix multiplication in three loop orders plus a blocked version, all compared.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

#define N 48
static int A[N][N], B[N][N], C1[N][N], C2[N][N], C3[N][N], C4[N][N];

int main(void)
{
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { A[i][j] = (i * 31 + j * 17) % 19 - 9; B[i][j] = (i * 13 + j * 7) % 23 - 11; }
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { int s = 0; for (int k = 0; k < N; k++) s += A[i][k] * B[k][j]; C1[i][j] = s; }
    for (int i = 0; i < N; i++) for (int k = 0; k < N; k++) { int a = A[i][k]; for (int j = 0; j < N; j++) C2[i][j] += a * B[k][j]; }
    for (int j = 0; j < N; j++) for (int k = 0; k < N; k++) for (int i = 0; i < N; i++) C3[i][j] += A[i][k] * B[k][j];
    const int T = 16;
    for (int ii = 0; ii < N; ii += T) for (int kk = 0; kk < N; kk += T) for (int jj = 0; jj < N; jj += T)
        for (int i = ii; i < ii + T; i++) for (int k = kk; k < kk + T; k++) for (int j = jj; j < jj + T; j++) C4[i][j] += A[i][k] * B[k][j];
    int same = !memcmp(C1, C2, sizeof C1) && !memcmp(C1, C3, sizeof C1) && !memcmp(C1, C4, sizeof C1);
    long tr = 0, all = 0;
    for (int i = 0; i < N; i++) { tr += C1[i][i]; for (int j = 0; j < N; j++) all += C1[i][j] * (i - j); }
    printf("trace %ld weighted %ld corner %d %d same %d\n", tr, all, C1[0][N - 1], C1[N - 1][0], same);
    return same ? 0 : 1;
}
