/* alg_sieve: sieve of Eratosthenes (byte and bit versions), prime counting, twin primes, Goldbach.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

#define N 200000
static unsigned char comp[N + 1];
static unsigned bits[N / 32 + 1];

int main(void)
{
    for (unsigned i = 2; i * i <= N; i++) if (!comp[i]) for (unsigned j = i * i; j <= N; j += i) comp[j] = 1;
    unsigned count = 0, twins = 0, last = 0;
    for (unsigned i = 2; i <= N; i++) if (!comp[i]) { count++; if (i >= 4 && !comp[i - 2]) twins++; last = i; }
    printf("pi(%d) = %u, twin pairs %u, largest %u\n", N, count, twins, last);
    memset(bits, 0xff, sizeof bits);
    bits[0] &= ~3u;
    for (unsigned i = 2; i * i <= N; i++)
        if (bits[i / 32] >> (i % 32) & 1) for (unsigned j = i * i; j <= N; j += i) bits[j / 32] &= ~(1u << (j % 32));
    unsigned count2 = 0;
    for (unsigned i = 0; i <= N; i++) count2 += bits[i / 32] >> (i % 32) & 1;
    printf("bit sieve agrees: %d\n", count == count2);
    for (unsigned n = 100; n <= 100000; n *= 10) {
        unsigned ways = 0;
        for (unsigned p = 2; p <= n / 2; p++) if (!comp[p] && !comp[n - p]) ways++;
        printf("goldbach(%u) = %u ways\n", n, ways);
    }
    return count == 17984 ? 0 : 1;
}
