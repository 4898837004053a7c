/* int_powmod: modular exponentiation with 32-bit operands (64-bit products), Fermat tests.
 * diff-expect: exit 0
 */
#include <stdio.h>

static unsigned mulmod(unsigned a, unsigned b, unsigned m)
{
    return (unsigned)((unsigned long long)a * b % m);
}

static unsigned powmod(unsigned b, unsigned e, unsigned m)
{
    unsigned r = 1 % m;
    b %= m;
    while (e) {
        if (e & 1) r = mulmod(r, b, m);
        b = mulmod(b, b, m);
        e >>= 1;
    }
    return r;
}

static int is_prime_mr(unsigned n)
{
    if (n < 2) return 0;
    static const unsigned small[] = { 2, 3, 5, 7 };
    for (int i = 0; i < 4; i++) if (n % small[i] == 0) return n == small[i];
    unsigned d = n - 1; int s = 0;
    while ((d & 1) == 0) { d >>= 1; s++; }
    for (int i = 0; i < 4; i++) {
        unsigned x = powmod(small[i], d, n);
        if (x == 1 || x == n - 1) continue;
        int comp = 1;
        for (int k = 1; k < s; k++) {
            x = mulmod(x, x, n);
            if (x == n - 1) { comp = 0; break; }
        }
        if (comp) return 0;
    }
    return 1;
}

int main(void)
{
    printf("3^200 mod 1000007 = %u\n", powmod(3, 200, 1000007));
    printf("2^(p-1) mod p = %u for p=4294967291\n", powmod(2, 4294967290u, 4294967291u));
    unsigned count = 0, last = 0;
    for (unsigned n = 4000000000u; n < 4000003000u; n++)
        if (is_prime_mr(n)) { count++; last = n; }
    printf("primes in [4e9,4e9+3000): %u, last %u\n", count, last);
    return is_prime_mr(4294967291u) && !is_prime_mr(4294967295u) ? 0 : 1;
}
