/* Benchmark: sieve of Eratosthenes over 2M numbers, repeated; integer only. */
#include <stdio.h>
#include <string.h>

#define N 2000000
static unsigned char composite[N + 1];

int main(void) {
  unsigned long total = 0;
  for (int round = 0; round < 6; ++round) {
    memset(composite, 0, sizeof composite);
    unsigned count = 0;
    for (unsigned i = 2; i <= N; ++i) {
      if (composite[i]) continue;
      ++count;
      for (unsigned j = i + i; j <= N; j += i) composite[j] = 1;
    }
    total += count;
  }
  printf("primes below %d: %lu (x6)\n", N, total / 6);
  return total == 6ul * 148933ul ? 0 : 1;
}
