// The pavp command line.
#include <cstdio>

#include <systemc>

int sc_main(int, char*[]) {
  std::puts("usage: pavp COMMAND [OPTIONS]");
  return 0;
}
