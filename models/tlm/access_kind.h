// The kinds of memory access and the cache-maintenance operations of
// PA-RISC, without any SystemC dependency: plain C++ cores (the ISS, the
// cache core) use these; access_extension.h carries them in TLM payloads.
#ifndef PAVP_TLM_ACCESS_KIND_H
#define PAVP_TLM_ACCESS_KIND_H

#include <cstdint>

namespace pavp {

// What the initiator is doing.
enum class access_kind : std::uint8_t {
  FETCH,     // instruction fetch
  LOAD,      // data read
  STORE,     // data write
  CACHE_OP,  // cache maintenance; see cache_op
};

// Cache maintenance operations of PA-RISC (PA 1.1 manual ch. 5, PA 2.0 ch. 7).
enum class cache_op : std::uint8_t {
  NONE,
  FDC,   // flush data cache line: write back if dirty, then invalidate
  PDC,   // purge data cache line: invalidate (dirty data dropped at privilege 0)
  FDCE,  // flush data cache entry selected by an index (whole-cache loops)
  FIC,   // flush (invalidate) instruction cache line
  FICE,  // flush instruction cache entry selected by an index
};

const char* to_string(access_kind kind);
const char* to_string(cache_op op);

}  // namespace pavp

#endif  // PAVP_TLM_ACCESS_KIND_H
