#include "pavp/tlm/access_extension.h"

#include <cstdio>

namespace pavp {

tlm::tlm_extension_base* access_extension::clone() const {
  return new access_extension(*this);
}

void access_extension::copy_from(const tlm::tlm_extension_base& other) {
  *this = static_cast<const access_extension&>(other);
}

std::string access_extension::to_string() const {
  char buf[128];
  std::snprintf(buf, sizeof buf, "%s%s%s va=0x%llx space=0x%x pl=%u", pavp::to_string(kind),
                op == cache_op::NONE ? "" : ":", op == cache_op::NONE ? "" : pavp::to_string(op),
                static_cast<unsigned long long>(vaddr), space, privilege);
  return buf;
}

}  // namespace pavp
