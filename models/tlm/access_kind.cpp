#include "pavp/tlm/access_kind.h"

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

}  // namespace pavp
