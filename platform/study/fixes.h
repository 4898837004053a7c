// The fixes the study measures: the kernel's own (PAVP_KERNEL_FIXES in
// firmware/include/firmware_contract.h, the one list the kernel is built
// from), then the hardware fix `pipt`, the `none` kernel on physically
// indexed caches of the preset's geometry. The ids on the command line, the
// help text, the kernel code a run boots with and the traffic study's fix
// actions all come from this table.
//
//   const pavp::fix_spec& f = pavp::find_fix("cow-flush");  // config_error if unknown
//   f.kernel_code == PAVP_FIX_COW_FLUSH; f.physical_caches == false
#ifndef PAVP_PLATFORM_STUDY_FIXES_H
#define PAVP_PLATFORM_STUDY_FIXES_H

#include <cstdint>
#include <string>
#include <vector>

#include "firmware/include/firmware_contract.h"

namespace pavp {

struct fix_spec {
  std::string id;                // "cow-flush"
  pavp_fix_code kernel_code;     // the kernel policy a run boots with (PAVP_BP_FIX)
  bool physical_caches = false;  // the caches are physically indexed (pipt)
  std::string change;            // what it changes, one line
  std::string where;             // where in Linux (or "cache preset")
};

// Every fix, in the order of DESIGN.md's table: the kernel's, then pipt.
const std::vector<fix_spec>& fixes();

// The fix of an id; config_error naming the accepted ids if there is none.
const fix_spec& find_fix(const std::string& id);

// The ids of fixes(), in order.
std::vector<std::string> fix_ids();

// "none, wrprotect-flush, ..., pipt".
std::string fix_id_list();

}  // namespace pavp

#endif  // PAVP_PLATFORM_STUDY_FIXES_H
