/* dbl_kahan_sum: naive, Kahan and pairwise summation of the same series, float and double.
 * diff-expect: exit 0
 */
#include <stdio.h>

static double pairwise(const double *v, int n) { if (n <= 8) { double s = 0; for (int i = 0; i < n; i++) s += v[i]; return s; } return pairwise(v, n / 2) + pairwise(v + n / 2, n - n / 2); }

int main(void)
{
    static double v[100000];
    for (int i = 0; i < 100000; i++) v[i] = 1.0 / ((i % 7) + 1) * (i % 2 ? 1e-8 : 1.0);
    double naive = 0, kahan = 0, c = 0;
    for (int i = 0; i < 100000; i++) {
        naive += v[i];
        double y = v[i] - c, t = kahan + y;
        c = (t - kahan) - y;
        kahan = t;
    }
    printf("naive %.17g\nkahan %.17g\npairwise %.17g\n", naive, kahan, pairwise(v, 100000));
    float fn = 0, fk = 0, fc = 0;
    for (int i = 0; i < 100000; i++) {
        float x = 0.1f;
        fn += x;
        float y = x - fc, t = fk + y;
        fc = (t - fk) - y;
        fk = t;
    }
    printf("float naive %.9g kahan %.9g\n", fn, fk);
    return 0;
}
