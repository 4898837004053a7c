/* alg_factorize: trial-division factorisation, divisor counts and sums, perfect and amicable numbers, totient.
 * diff-expect: exit 0
 */
#include <stdio.h>

static void factor(unsigned n)
{
    printf("%u =", n);
    const char *sep = " ";
    for (unsigned p = 2; p <= n / p; p += p == 2 ? 1 : 2) {
        int e = 0;
        while (n % p == 0) { n /= p; e++; }
        if (e) { printf("%s%u", sep, p); if (e > 1) printf("^%d", e); sep = " * "; }
    }
    if (n > 1) printf("%s%u", sep, n);
    printf("\n");
}
#define LIMIT 20000
static unsigned sig[LIMIT];

static void sigma_sieve(void) { for (unsigned d = 1; d < LIMIT; d++) for (unsigned m = d; m < LIMIT; m += d) sig[m] += d; }
static unsigned sigma(unsigned n) { return sig[n]; }
static unsigned phi(unsigned n) { unsigned r = n; for (unsigned p = 2; p <= n / p; p++) if (n % p == 0) { while (n % p == 0) n /= p; r -= r / p; } if (n > 1) r -= r / n; return r; }

int main(void)
{
    static const unsigned nums[] = { 2, 360, 1001, 65536, 999983, 1234567890, 4294967291u, 4294967295u, 2147483648u };
    for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++) factor(nums[i]);
    sigma_sieve();
    printf("perfect:");
    for (unsigned n = 2; n < 10000; n++) if (sigma(n) - n == n) printf(" %u", n);
    printf("\namicable:");
    for (unsigned a = 2; a < 10000; a++) { unsigned b = sigma(a) - a; if (b > a && b < LIMIT && sigma(b) - b == a) printf(" (%u,%u)", a, b); }
    unsigned long long tsum = 0;
    for (unsigned n = 1; n <= 3000; n++) tsum += phi(n);
    printf("\nsum of phi(1..3000) = %llu, phi(36) = %u\n", tsum, phi(36));
    return phi(36) == 12 ? 0 : 1;
}
