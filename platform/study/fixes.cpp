#include "platform/study/fixes.h"

#include <fmt/format.h>

#include "platform/board/config.h"

namespace pavp {

const std::vector<fix_spec>& fixes() {
  static const std::vector<fix_spec> table = [] {
    std::vector<fix_spec> v;
#define PAVP_FIX_SPEC_(code_name, id, change, where) \
  v.push_back({id, PAVP_FIX_##code_name, false, change, where});
    PAVP_KERNEL_FIXES(PAVP_FIX_SPEC_)
#undef PAVP_FIX_SPEC_
    v.push_back({"pipt", PAVP_FIX_NONE, true,
                 "the none kernel on physically indexed caches of the same geometry",
                 "cache preset"});
    return v;
  }();
  return table;
}

const fix_spec& find_fix(const std::string& id) {
  for (const fix_spec& f : fixes()) {
    if (f.id == id) return f;
  }
  throw config_error(fmt::format("--fix: unknown fix '{}' (one of {})", id, fix_id_list()));
}

std::vector<std::string> fix_ids() {
  std::vector<std::string> ids;
  for (const fix_spec& f : fixes()) ids.push_back(f.id);
  return ids;
}

std::string fix_id_list() {
  return fmt::format("{}", fmt::join(fix_ids(), ", "));
}

}  // namespace pavp
