/* alg_rational: exact rational arithmetic with long long numerators, harmonic and Egyptian fractions.
 * diff-expect: exit 0
 */
#include <stdio.h>

typedef struct { long long n, d; } rat;

static long long gcd(long long a, long long b) { if (a < 0) a = -a; if (b < 0) b = -b; while (b) { long long t = a % b; a = b; b = t; } return a; }
static rat norm(rat r) { long long g = gcd(r.n, r.d); if (g) { r.n /= g; r.d /= g; } if (r.d < 0) { r.n = -r.n; r.d = -r.d; } return r; }
static rat add(rat a, rat b) { long long g = gcd(a.d, b.d); return norm((rat){ a.n * (b.d / g) + b.n * (a.d / g), a.d / g * b.d }); }
static rat mul(rat a, rat b) { long long g1 = gcd(a.n, b.d), g2 = gcd(b.n, a.d); return norm((rat){ (a.n / g1) * (b.n / g2), (a.d / g2) * (b.d / g1) }); }
static rat sub(rat a, rat b) { b.n = -b.n; return add(a, b); }

int main(void)
{
    rat h = { 0, 1 };
    for (int i = 1; i <= 20; i++) { h = add(h, (rat){ 1, i }); if (i % 5 == 0) printf("H(%d) = %lld/%lld\n", i, h.n, h.d); }
    rat x = { 4, 13 };
    printf("egyptian 4/13 =");
    while (x.n) { long long c = (x.d + x.n - 1) / x.n; printf(" 1/%lld", c); x = sub(x, (rat){ 1, c }); }
    printf("\n");
    rat p = { 1, 1 };
    for (int k = 2; k <= 12; k++) p = mul(p, (rat){ (long long)k * k - 1, (long long)k * k });
    printf("prod (1-1/k^2), k=2..12 = %lld/%lld\n", p.n, p.d);
    rat cf = { 1, 1 };
    for (int i = 0; i < 30; i++) cf = add((rat){ 1, 1 }, mul((rat){ 1, 1 }, (rat){ cf.d, cf.n }));
    printf("golden ratio approx %lld/%lld = %.15f\n", cf.n, cf.d, (double)cf.n / (double)cf.d);
    return p.n * 24 == p.d * 13 ? 0 : 1;
}
