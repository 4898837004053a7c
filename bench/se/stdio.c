/* Benchmark: formatted output through stdio, 200,000 lines; integer only.
   Every printf takes the stream's lock (a light-weight compare-and-swap
   syscall under pavp se) and every 4 KB of output is a write(2). */
#include <stdio.h>

int main(void) {
  unsigned long s = 0;
  for (int i = 0; i < 200000; ++i) {
    printf("line %d value %lu\n", i, s);
    s = s * 31 + (unsigned long)i;
  }
  return 0;
}
