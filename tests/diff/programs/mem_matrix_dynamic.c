/* mem_matrix_dynamic: dynamically allocated matrices (array of row pointers and flat), matrix power modulo a prime.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <stdlib.h>

typedef struct { int n; unsigned *a; } mat;

static mat mk(int n) { mat m = { n, calloc((size_t)(n * n), sizeof(unsigned)) }; return m; }
static mat mul(mat x, mat y)
{
    mat r = mk(x.n);
    for (int i = 0; i < x.n; i++)
        for (int k = 0; k < x.n; k++) {
            unsigned long long v = x.a[i * x.n + k];
            for (int j = 0; j < x.n; j++) r.a[i * x.n + j] = (unsigned)((r.a[i * x.n + j] + v * y.a[k * x.n + j]) % 1000003u);
        }
    return r;
}

int main(void)
{
    int n = 6;
    mat m = mk(n), r = mk(n);
    for (int i = 0; i < n; i++) { r.a[i * n + i] = 1; for (int j = 0; j < n; j++) m.a[i * n + j] = (unsigned)((i + 2 * j) % 3); }
    unsigned e = 37;
    while (e) {
        if (e & 1) { mat t = mul(r, m); free(r.a); r = t; }
        mat t = mul(m, m); free(m.a); m = t;
        e >>= 1;
    }
    for (int i = 0; i < n; i++) { for (int j = 0; j < n; j++) printf(" %10u", r.a[i * n + j]); printf("\n"); }
    free(m.a); free(r.a);
    int rows = 7, cols = 9;
    double **g = malloc((size_t)rows * sizeof *g);
    for (int i = 0; i < rows; i++) { g[i] = malloc((size_t)cols * sizeof **g); for (int j = 0; j < cols; j++) g[i][j] = i * 0.5 - j * 0.25; }
    double s = 0;
    for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) s += g[i][j] * g[rows - 1 - i][cols - 1 - j];
    for (int i = 0; i < rows; i++) free(g[i]);
    free(g);
    printf("jagged sum %.4f\n", s);
    return 0;
}
