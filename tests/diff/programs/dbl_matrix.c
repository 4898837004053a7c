/* dbl_matrix: double matrix multiply, transpose and Gaussian elimination with partial pivoting.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <math.h>

#define N 12

static double A[N][N], B[N][N], C[N][N];

static double det(double m[N][N])
{
    double a[N][N];
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) a[i][j] = m[i][j];
    double d = 1;
    for (int c = 0; c < N; c++) {
        int p = c;
        for (int r = c + 1; r < N; r++) if (fabs(a[r][c]) > fabs(a[p][c])) p = r;
        if (a[p][c] == 0) return 0;
        if (p != c) { for (int k = 0; k < N; k++) { double t = a[c][k]; a[c][k] = a[p][k]; a[p][k] = t; } d = -d; }
        d *= a[c][c];
        for (int r = c + 1; r < N; r++) {
            double f = a[r][c] / a[c][c];
            for (int k = c; k < N; k++) a[r][k] -= f * a[c][k];
        }
    }
    return d;
}

int main(void)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            A[i][j] = (double)((i * 7 + j * 3) % 11) - 5.0 + (i == j ? 10.0 : 0.0);
            B[i][j] = 1.0 / (double)(i + j + 1) + (i == j ? 1.0 : 0.0);
        }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            double s = 0;
            for (int k = 0; k < N; k++) s += A[i][k] * B[k][j];
            C[i][j] = s;
        }
    double tr = 0;
    for (int i = 0; i < N; i++) tr += C[i][i];
    printf("trace(AB) %.12g\n", tr);
    printf("C[3][5] %.12g C[11][0] %.12g\n", C[3][5], C[11][0]);
    double dA = det(A);
    printf("det(A) %.10e\n", dA);
    printf("det(AB)/det(A)/det(B) %.6f\n", det(C) / dA / det(B));
    return 0;
}
