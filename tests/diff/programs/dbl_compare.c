/* dbl_compare: double comparisons, sorting with NaN filtered, min/max, equality tolerance.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <math.h>

int main(void)
{
    volatile double z = 0.0;
    double v[8] = { 3.5, -1.25, 1e300, -1e-300, 0.0, -0.0, 0.0, 2.0 };
    v[6] = z / z;
    int less = 0, equal = 0, unordered = 0;
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) {
            if (v[i] < v[j]) less++;
            if (v[i] == v[j]) equal++;
            if (isunordered(v[i], v[j])) unordered++;
        }
    printf("less %d equal %d unordered %d\n", less, equal, unordered);
    double w[7]; int n = 0;
    for (int i = 0; i < 8; i++) if (!isnan(v[i])) w[n++] = v[i];
    for (int i = 1; i < n; i++) {
        double t = w[i]; int j = i - 1;
        while (j >= 0 && w[j] > t) { w[j + 1] = w[j]; j--; }
        w[j + 1] = t;
    }
    for (int i = 0; i < n; i++) printf("%g ", w[i]);
    printf("\n");
    printf("fmin %g fmax %g\n", fmin(v[1], v[0]), fmax(v[2], v[3]));
    volatile double a = 0.1 + 0.2, b = 0.3;
    printf("0.1+0.2==0.3: %d close: %d\n", a == b, fabs(a - b) < 1e-12);
    return 0;
}
