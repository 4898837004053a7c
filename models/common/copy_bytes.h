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

// Always inlined: with profile-guided code GCC kept it out of line in the
// miss path (a call per memory transaction; bench/se's programs took 0.7% to
// 2.2% more host instructions: BENCHMARKS.md). Inlined where the caller's
// buffer is smaller than a line (a 4-byte load into a cache's hit path),
// GCC 12 warns of the line-sized cases the switch never takes for it; the
// sizes are the caller's to keep right.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
#pragma GCC diagnostic ignored "-Wstringop-overflow"
#pragma GCC diagnostic ignored "-Wstringop-overread"
__attribute__((always_inline)) inline void copy_bytes(void* dst, const void* src, unsigned len) {
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

// copy_bytes() for a transfer that is mostly one cache line (a DRAM's fills
// and write-backs): the two line sizes tested first, the rest as above.
__attribute__((always_inline)) inline void copy_line(void* dst, const void* src, unsigned len) {
  if (len == 32) {
    std::memcpy(dst, src, 32);
  } else if (len == 64) {
    std::memcpy(dst, src, 64);
  } else {
    copy_bytes(dst, src, len);
  }
}
#pragma GCC diagnostic pop

}  // namespace pavp

#endif  // PAVP_COMMON_COPY_BYTES_H
