// The memory port of the PA-RISC ISS core. Every instruction fetch of a new
// cache line, every load, store and cache-maintenance operation of the core
// goes through this interface; the core itself holds no memory.
//
// A plain C++ implementation (a flat test memory) or the SystemC wrapper (TLM
// sockets to the I- and D-caches) implements it. Data crosses as guest bytes,
// i.e. big-endian: data[0] is the byte at paddr.
//
// Each call adds the cycles the access took beyond the instruction's base cost
// to `cycles` (a cache hit may add 0). A call returns false for a bus error
// (no target at paddr); the core then stops with stop_reason::BUS_ERROR.
#ifndef PAVP_CPU_CPU_BUS_H
#define PAVP_CPU_CPU_BUS_H

#include <cstdint>

#include "pavp/tlm/access_kind.h"

namespace pavp::cpu {

class cpu_bus {
 public:
  virtual ~cpu_bus() = default;

  // kind is FETCH (len = one I-cache line, line aligned) or LOAD (len 1, 2,
  // 4, or 8 for FLDD).
  virtual bool read(access_kind kind, std::uint32_t vaddr, std::uint32_t space,
                    std::uint8_t privilege, std::uint64_t paddr, void* data, unsigned len,
                    std::uint64_t& cycles) = 0;

  // kind is STORE. len is 1..4 (STBY stores 1..3 bytes) or 8 (FSTD).
  virtual bool write(access_kind kind, std::uint32_t vaddr, std::uint32_t space,
                     std::uint8_t privilege, std::uint64_t paddr, const void* data, unsigned len,
                     std::uint64_t& cycles) = 0;

  // FDC, PDC, FDCE, FIC, FICE on the line holding (space:vaddr) / paddr.
  virtual bool cache_op(pavp::cache_op op, std::uint32_t vaddr, std::uint32_t space,
                        std::uint8_t privilege, std::uint64_t paddr, std::uint64_t& cycles) = 0;

  // Attribute of the read/write calls that follow: true while the core
  // accesses a page whose TLB entry has U (uncacheable) set, so a cache
  // model passes the access straight to memory. The core sets it before an
  // access when it changes; absolute (untranslated) accesses clear it.
  bool uncached() const { return m_uncached; }
  void set_uncached(bool uncached) { m_uncached = uncached; }

 private:
  bool m_uncached = false;
};

}  // namespace pavp::cpu

#endif  // PAVP_CPU_CPU_BUS_H
