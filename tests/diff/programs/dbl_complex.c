/* dbl_complex: C99 complex arithmetic (libgcc __muldc3/__divdc3), roots of unity and a complex polynomial.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <complex.h>
#include <math.h>

static void show(const char *name, double complex z) { printf("%-8s %+.12f %+.12fi\n", name, creal(z), cimag(z)); }

int main(void)
{
    volatile double re = 1.5, im = -2.0;
    double complex a = re + im * I, b = 0.25 + 3.0 * I;
    show("a+b", a + b);
    show("a*b", a * b);
    show("a/b", a / b);
    show("conj a", conj(a));
    printf("|a| = %.15f arg a = %.15f\n", cabs(a), carg(a));
    double complex w = cexp(2.0 * M_PI * I / 7.0), z = 1.0, sum = 0;
    for (int k = 0; k < 7; k++) { sum += z; z *= w; }
    printf("sum of 7th roots |.| < 1e-12: %d\n", cabs(sum) < 1e-12);
    double complex p = 0, x = 0.5 + 0.5 * I;
    static const double coef[] = { 1, -2, 3, -4, 5 };
    for (int i = 0; i < 5; i++) p = p * x + coef[i];
    show("poly", p);
    show("sqrt(-4)", csqrt(-4.0 + 0.0 * I));
    return 0;
}
