// pavp::observed_store: one store hit as a CPU tells it to an access
// observer in a batch (access_observer::after_stores()), with the cycle and
// pc the observer would have read from the CPU at that store.
#ifndef PAVP_CACHE_OBSERVED_STORE_H
#define PAVP_CACHE_OBSERVED_STORE_H

#include <cstdint>

namespace pavp {

struct observed_store {
  std::uint64_t paddr;
  std::uint64_t cycle;   // the CPU's cycle count at the store's after_hit()
  std::uint32_t pc;      // IAOQ_Front then, privilege in the low two bits
  std::uint32_t len;     // 1, 2 or 4
  std::uint8_t data[4];  // the len bytes stored, from data[0]
};

}  // namespace pavp

#endif  // PAVP_CACHE_OBSERVED_STORE_H
