/* alg_fixed_point: Q16.16 fixed-point arithmetic: multiply, divide, square root, sine by Taylor series.
 * diff-expect: exit 0
 */
#include <stdio.h>

typedef int fix;
#define ONE 65536
static fix fx(double d) { return (fix)(d * ONE + (d >= 0 ? 0.5 : -0.5)); }
static fix fmul(fix a, fix b) { return (fix)(((long long)a * b) >> 16); }
static fix fdiv(fix a, fix b) { return (fix)(((long long)a * ONE) / b); }
static fix fsqrt(fix a)
{
    unsigned long long v = (unsigned long long)a << 16, r = 0, bit = 1ULL << 46;
    while (bit > v) bit >>= 2;
    while (bit) { if (v >= r + bit) { v -= r + bit; r = (r >> 1) + bit; } else r >>= 1; bit >>= 2; }
    return (fix)r;
}
static fix fsin(fix x)
{
    fix term = x, sum = x, x2 = fmul(x, x);
    for (int k = 1; k < 8; k++) { term = -fdiv(fmul(term, x2), (2 * k) * (2 * k + 1) * ONE); sum += term; }
    return sum;
}
static void pr(const char *name, fix v) { printf("%-10s %11d = %.6f\n", name, v, v / 65536.0); }

int main(void)
{
    pr("3.25*-2.5", fmul(fx(3.25), fx(-2.5)));
    pr("1/3", fdiv(ONE, 3 * ONE));
    pr("sqrt(2)", fsqrt(2 * ONE));
    pr("sqrt(1e4)", fsqrt(10000 * ONE));
    pr("sin(1)", fsin(ONE));
    pr("sin(pi/6)", fsin(fx(0.5235987755982988)));
    fix acc = 0;
    for (int i = 1; i <= 100; i++) acc += fdiv(ONE, i * ONE);
    pr("H(100)", acc);
    fix x = ONE;
    for (int i = 0; i < 20; i++) x = fmul(x, fx(1.05));
    pr("1.05^20", x);
    return 0;
}
