// simctl_regs.h is shared by the models (C++) and guest code (C): the
// constants must agree in both languages.
#include <gtest/gtest.h>

#include "pavp/devices/simctl_regs.h"

extern "C" unsigned pavp_simctl_regs_c_count(void);
extern "C" unsigned pavp_simctl_regs_c_value(unsigned i);

namespace {

TEST(simctl_regs, c_and_cpp_agree) {
  const unsigned expected[] = {
      PAVP_CONSOLE_BASE,      PAVP_SIMCTL_BASE,           PAVP_SIMCTL_ID_VALUE,
      PAVP_SIMCTL_EXIT,       PAVP_SIMCTL_SCHED_NCHOICES, PAVP_SIMCTL_RESULT_VALUE_LO,
      PAVP_SCHED_NO_DECISION, PAVP_EXIT_FAILURE,          PAVP_CONSOLE_STATUS_READY,
      PAVP_SIMCTL_QUERY_KEY,  PAVP_SIMCTL_QUERY_VALUE,    PAVP_QUERY_UNKNOWN,
  };
  ASSERT_EQ(pavp_simctl_regs_c_count(), sizeof expected / sizeof expected[0]);
  for (unsigned i = 0; i < pavp_simctl_regs_c_count(); ++i) {
    EXPECT_EQ(pavp_simctl_regs_c_value(i), expected[i]) << i;
  }
}

TEST(simctl_regs, map_is_consistent) {
  static_assert(PAVP_SIMCTL_REGS_END <= PAVP_SIMCTL_SIZE, "registers fit the page");
  static_assert(PAVP_CONSOLE_STATUS + 4 <= PAVP_CONSOLE_SIZE, "registers fit the page");
  static_assert(PAVP_SIMCTL_BASE >= PAVP_CONSOLE_BASE + PAVP_CONSOLE_SIZE ||
                    PAVP_CONSOLE_BASE >= PAVP_SIMCTL_BASE + PAVP_SIMCTL_SIZE,
                "devices do not overlap");
  EXPECT_EQ(PAVP_SIMCTL_ID_VALUE, 0x50415653u);  // "PAVS"
}

}  // namespace
