/* ll_mulmod: 64-bit modular multiplication by double-and-add, Pollard rho factorisation.
 * diff-expect: exit 0
 */
#include <stdio.h>

static unsigned long long mulmod(unsigned long long a, unsigned long long b, unsigned long long m)
{
    unsigned long long r = 0;
    a %= m;
    while (b) {
        if (b & 1) { r += a; if (r >= m || r < a) r -= m; }
        unsigned long long a2 = a + a;
        if (a2 >= m || a2 < a) a2 -= m;
        a = a2;
        b >>= 1;
    }
    return r;
}

static unsigned long long gcd(unsigned long long a, unsigned long long b) { while (b) { unsigned long long t = a % b; a = b; b = t; } return a; }

static unsigned long long rho(unsigned long long n)
{
    if (n % 2 == 0) return 2;
    for (unsigned long long c = 1;; c++) {
        unsigned long long x = 2, y = 2, d = 1;
        while (d == 1) {
            x = (mulmod(x, x, n) + c) % n;
            y = (mulmod(y, y, n) + c) % n;
            y = (mulmod(y, y, n) + c) % n;
            d = gcd(x > y ? x - y : y - x, n);
        }
        if (d != n) return d;
    }
}

int main(void)
{
    unsigned long long n = 1000003ULL * 4294967291ULL;
    unsigned long long f = rho(n);
    unsigned long long g = n / f;
    if (f > g) { unsigned long long t = f; f = g; g = t; }
    printf("%llu = %llu * %llu\n", n, f, g);
    printf("%llu\n", mulmod(0xffffffffffffffc5ULL - 1, 0xffffffffffffffc5ULL - 1, 0xffffffffffffffc5ULL));
    unsigned long long m2 = 600851475143ULL, p = 2, largest = 0;
    while (m2 > 1) {
        if (m2 % p == 0) { largest = p; m2 /= p; } else p++;
    }
    printf("largest factor of 600851475143: %llu\n", largest);
    return (f == 1000003ULL && largest == 6857) ? 0 : 1;
}
