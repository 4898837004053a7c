// pavp::copy_bytes: memcpy for the data of one memory transaction.
//
// Accesses are mostly 1, 2, 4 or 8 bytes (loads and stores) or one cache
// line (fills, write-backs, instruction fetches). With the size known at
// compile time memcpy becomes a move or two; a call to the library's memcpy
// with a variable size costs more than the copy itself.
#ifndef PAVP_COMMON_COPY_BYTES_H
#define PAVP_COMMON_COPY_BYTES_H

#include <cstdint>
#include <cstring>

namespace pavp {

inline void copy_bytes(void* dst, const void* src, unsigned len) {
  switch (len) {
    case 1:
      std::memcpy(dst, src, 1);
      break;
    case 2:
      std::memcpy(dst, src, 2);
      break;
    case 4:
      std::memcpy(dst, src, 4);
      break;
    case 8:
      std::memcpy(dst, src, 8);
      break;
    case 32:
      std::memcpy(dst, src, 32);
      break;
    case 64:
      std::memcpy(dst, src, 64);
      break;
    default:
      std::memcpy(dst, src, len);
      break;
  }
}

}  // namespace pavp

#endif  // PAVP_COMMON_COPY_BYTES_H
