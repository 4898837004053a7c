#include "pavp/tlm/access_extension.h"

#include <cstdio>

namespace pavp {

const char* to_string(access_kind kind) {
  switch (kind) {
    case access_kind::FETCH:
      return "fetch";
    case access_kind::LOAD:
      return "load";
    case access_kind::STORE:
      return "store";
    case access_kind::CACHE_OP:
      return "cache-op";
  }
  return "?";
}

const char* to_string(cache_op op) {
  switch (op) {
    case cache_op::NONE:
      return "none";
    case cache_op::FDC:
      return "fdc";
    case cache_op::PDC:
      return "pdc";
    case cache_op::FDCE:
      return "fdce";
    case cache_op::FIC:
      return "fic";
    case cache_op::FICE:
      return "fice";
  }
  return "?";
}

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
