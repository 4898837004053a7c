/* Benchmark: memory-heavy. A random cyclic permutation over 8 MB of 32-bit
 * links (Sattolo's algorithm with a fixed xorshift generator), then pointer
 * chasing through it with a random store beside each step; integer only.
 * Nearly every access misses a small cache: the path through the caches,
 * the router and the DRAM model is what this measures. */
#include <stdio.h>

#define LINKS (8u << 20) / 4u /* 8 MB of links */
static unsigned next[LINKS];
static unsigned counts[1u << 16];

static unsigned rng = 2463534242u;
static unsigned xorshift(void) {
  rng ^= rng << 13;
  rng ^= rng >> 17;
  rng ^= rng << 5;
  return rng;
}

int main(void) {
  for (unsigned i = 0; i < LINKS; ++i) next[i] = i;
  for (unsigned i = LINKS - 1; i > 0; --i) { /* Sattolo: one cycle through all */
    const unsigned j = xorshift() % i;
    const unsigned t = next[i];
    next[i] = next[j];
    next[j] = t;
  }
  unsigned at = 0, sum = 0;
  for (unsigned step = 0; step < 3u * LINKS; ++step) {
    at = next[at];
    sum += at;
    counts[xorshift() & 0xffffu] += at; /* a random store */
  }
  unsigned check = 0;
  for (unsigned i = 0; i < (1u << 16); ++i) check ^= counts[i];
  printf("chase: at %u sum %u check %u\n", at, sum, check);
  return 0;
}
