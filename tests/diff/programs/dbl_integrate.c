/* dbl_integrate: numerical integration (trapezoid, Simpson) and root finding (bisection, Newton).
 * diff-expect: exit 0
 */
#include <stdio.h>

static double f(double x) { return x * x * x - 2.0 * x - 5.0; }
static double df(double x) { return 3.0 * x * x - 2.0; }
static double g(double x) { return 4.0 / (1.0 + x * x); }

int main(void)
{
    int n = 1000;
    double h = 1.0 / n, trap = 0.5 * (g(0) + g(1));
    for (int i = 1; i < n; i++) trap += g(i * h);
    trap *= h;
    double simp = g(0) + g(1);
    for (int i = 1; i < n; i++) simp += (i % 2 ? 4.0 : 2.0) * g(i * h);
    simp *= h / 3.0;
    printf("trapezoid pi %.15f\nsimpson   pi %.15f\n", trap, simp);
    double lo = 2.0, hi = 3.0;
    int it = 0;
    while (hi - lo > 1e-13) {
        double mid = 0.5 * (lo + hi);
        if (f(lo) * f(mid) <= 0) hi = mid; else lo = mid;
        it++;
    }
    printf("bisection root %.13f after %d steps\n", lo, it);
    double x = 2.0;
    for (int i = 0; i < 8; i++) { x -= f(x) / df(x); printf("newton %d: %.16g\n", i, x); }
    return 0;
}
