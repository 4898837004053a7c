// pavp::access_observer: a pass-through between a CPU and its cache that
// must see every access (the study's coherence checker, a tracer), offered so
// that the CPU may still call the cache directly.
//
// A CPU model looks for a pavp::cache behind its socket (find_cache) to call
// its direct interface instead of b_transport. A pass-through that answers
// that query with the cache would let accesses bypass it; one that does not
// costs every access a generic payload and two socket hops. The pass-through
// answers the query for access_observer instead: the CPU then calls
// observed_cache() directly, tells the observer of each access (before it,
// and after it with what a b_transport through the pass-through would have
// carried), and nothing bypasses it. Results are the same either way: the
// cache sees the same accesses at the same times.
//
//   // CPU, once:
//   if (auto* o = find_interface<pavp::access_observer>(dsocket)) cache = o->observed_cache();
//   // per access:
//   o->before_access(); ... cache->access_hit(...) or access_at(...) ...
//   if (ok) o->after_access(cmd, paddr, data, len, ext);
//   // or, for a hit the CPU served itself, both calls in one, after it:
//   o->after_hit(cmd, paddr, data, len, ext);
//   // pass-through's b_transport:
//   if (answer_interface_query<access_observer>(gp, this)) return;
#ifndef PAVP_CACHE_ACCESS_OBSERVER_H
#define PAVP_CACHE_ACCESS_OBSERVER_H

#include <cstddef>
#include <cstdint>

#include <tlm>

#include "pavp/cache/observed_store.h"
#include "pavp/tlm/access_extension.h"

namespace pavp {

class cache;

class access_observer {
 public:
  virtual ~access_observer() = default;
  // The cache behind the pass-through, to be called directly, or nullptr
  // (then the CPU goes through the socket).
  virtual cache* observed_cache() = 0;
  // Before a load or store (not before a cache operation). A CPU that serves
  // a hit from the cache's inline hit path itself may call it after that
  // hit, just before after_access(): it must not depend on the cache's state.
  virtual void before_access() = 0;
  // After an access that completed: TLM_READ_COMMAND (loads, and other reads
  // by ext.kind), TLM_WRITE_COMMAND (stores) or TLM_IGNORE_COMMAND (a
  // cache-maintenance operation, ext.op; data null, len 0), with the
  // physical address, the bytes read or written, and the access's extension.
  virtual void after_access(tlm::tlm_command cmd, std::uint64_t paddr, std::uint8_t* data,
                            unsigned len, const access_extension& ext) = 0;
  // A load or store hit the CPU served from the cache's inline hit path,
  // announced after it: before_access() and after_access() in one call,
  // which an observer may override to do both at once (a firmware run
  // announces hundreds of thousands of them).
  virtual void after_hit(tlm::tlm_command cmd, std::uint64_t paddr, std::uint8_t* data,
                         unsigned len, const access_extension& ext) {
    before_access();
    after_access(cmd, paddr, data, len, ext);
  }

  // Store hits told in batches, for an observer whose store hits need no
  // more than observed_store says (takes_stores()): a CPU whose host code
  // runs a loop may log its store hits and tell them in order with
  // after_stores() -- before any other call to the observer about an access
  // to bytes they touch, and before the CPU returns to the simulation --
  // instead of one after_hit() each. The cycle and pc are those the CPU's
  // counts and IAOQ_Front would have shown at that store's after_hit();
  // everything else about the platform is as it is at after_stores(). The
  // observer hears of the accesses to each byte in their order; of accesses
  // to different bytes, perhaps in another.
  virtual bool takes_stores() const { return false; }
  virtual void after_stores(const observed_store* stores, std::size_t count) {
    (void)stores, (void)count;
  }
  // A load hit told in brief, with no more than its bytes: the observer
  // does what after_hit() would, and answers true, when that needs nothing
  // else of the platform (as a checker whose shadow holds the same bytes);
  // otherwise it answers false, having done nothing, and the CPU tells the
  // load with after_hit(). Store hits logged before it that do not touch its
  // bytes may still be told after it.
  virtual bool after_quiet_load(std::uint64_t paddr, const std::uint8_t* data, unsigned len) {
    (void)paddr, (void)data, (void)len;
    return false;
  }
  // Whether after_access() wants to hear of cache operations
  // (TLM_IGNORE_COMMAND); false: the CPU need not tell it of them.
  virtual bool takes_cache_ops() const { return true; }
};

}  // namespace pavp

#endif  // PAVP_CACHE_ACCESS_OBSERVER_H
