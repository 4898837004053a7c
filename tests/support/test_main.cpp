// The entry point of every test binary: SystemC's main() calls sc_main(),
// which runs the GoogleTest cases.
#include <gtest/gtest.h>
#include <systemc>

int sc_main(int argc, char* argv[]) {
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
