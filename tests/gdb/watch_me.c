/* The program of the pavp se debugger test (tests/gdb): a global the test
 * watches, a function it breaks on, and an exit status it expects; with an
 * argument, a loop that only a debugger's Ctrl-C stops. */
#include <stdio.h>

volatile unsigned counter;

__attribute__((noinline)) unsigned bump(unsigned by) {
  counter += by;
  return counter;
}

int main(int argc, char** argv) {
  (void)argv;
  if (argc > 1) { /* spin: runs until a debugger interrupts it */
    for (;;) bump(1);
  }
  unsigned sum = 0;
  for (unsigned i = 1; i <= 5; ++i) sum += bump(i);
  printf("counter %u sum %u\n", counter, sum);
  return counter == 15 ? 7 : 1;
}
