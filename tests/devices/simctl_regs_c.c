/* simctl_regs.h compiled as C (gnu11), as the firmware does; the test bench
 * compares what C sees with what C++ sees. */
#include "pavp/devices/simctl_regs.h"

_Static_assert(PAVP_SIMCTL_QUERY_VALUE + 4 == PAVP_SIMCTL_REGS_END, "register end");
_Static_assert(PAVP_SIMCTL_REGS_END <= PAVP_SIMCTL_SIZE, "registers fit the device page");

static const unsigned pavp_c_values[] = {
    PAVP_CONSOLE_BASE,      PAVP_SIMCTL_BASE,           PAVP_SIMCTL_ID_VALUE,
    PAVP_SIMCTL_EXIT,       PAVP_SIMCTL_SCHED_NCHOICES, PAVP_SIMCTL_RESULT_VALUE_LO,
    PAVP_SCHED_NO_DECISION, PAVP_EXIT_FAILURE,          PAVP_CONSOLE_STATUS_READY,
    PAVP_SIMCTL_QUERY_KEY,  PAVP_SIMCTL_QUERY_VALUE,    PAVP_QUERY_UNKNOWN,
};

unsigned pavp_simctl_regs_c_count(void) {
  return sizeof pavp_c_values / sizeof pavp_c_values[0];
}

unsigned pavp_simctl_regs_c_value(unsigned i) {
  return pavp_c_values[i];
}
