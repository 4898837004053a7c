/* firmware_contract.h compiled as C (gnu11), as the firmware does; the test
 * bench compares what C sees with what C++ sees. */
#include "firmware/include/firmware_contract.h"

_Static_assert(PAVP_BP_SIZE_VALUE <= PAVP_BOOT_PARAMS_SPACE, "boot block fits its space");
_Static_assert(PAVP_BP_FLAGS + 4 == PAVP_BP_SIZE_VALUE, "version 1 size covers its fields");
_Static_assert(PAVP_BP_PROCESS_BUDGET + 4 == PAVP_BP_SIZE_VALUE_EXT, "extended size covers every field");
_Static_assert(PAVP_BP_SIZE_VALUE_EXT <= PAVP_BOOT_PARAMS_SPACE, "extended block fits its space");

static const unsigned pavp_c_values[] = {
    PAVP_BOOT_PARAMS_ADDR, PAVP_BP_SIZE_VALUE,    PAVP_BP_SIZE_VALUE_EXT, PAVP_BP_ALIAS_BYTES,
    PAVP_FIX_LINUX_6_10,   PAVP_FIX_COUNT,        PAVP_SCHEDULE_REPLAY,   PAVP_FIRMWARE_BASE,
    PAVP_FIRMWARE_SIZE,    PAVP_SEED_SCHEDULE_LEN, PAVP_RESULT_WRPROTECTED, PAVP_EXIT_BAD_PARAMS,
};

unsigned pavp_contract_c_count(void) {
  return sizeof pavp_c_values / sizeof pavp_c_values[0];
}

unsigned pavp_contract_c_value(unsigned i) {
  return pavp_c_values[i];
}

#define FIX_ID_(code_name, id, change, where) id,
static const char *const pavp_c_fix_ids[] = {PAVP_KERNEL_FIXES(FIX_ID_)};
#undef FIX_ID_

const char *pavp_contract_c_fix_id(unsigned code) {
  return code < sizeof pavp_c_fix_ids / sizeof pavp_c_fix_ids[0] ? pavp_c_fix_ids[code] : 0;
}
