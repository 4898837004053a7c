// The DRAM as a TLM-2.0 target: a zero-initialised backing store of
// size_bytes, addressed from 0, in front of which the timing core
// (dram_timing.h) decides what each access costs.
//
//   b_transport      READ/WRITE: copies the data (byte enables honoured) and
//                    adds the core's latency to the delay; the access arrives
//                    at sc_time_stamp() + delay. Never waits.
//                    IGNORE (pavp's cache-maintenance operations): OK, no
//                    effect, no time.
//                    Errors: out of range -> TLM_ADDRESS_ERROR_RESPONSE;
//                    streaming width < length -> TLM_BURST_ERROR_RESPONSE;
//                    byte-enable length 0 with a byte-enable pointer ->
//                    TLM_BYTE_ENABLE_ERROR_RESPONSE; length 0 ->
//                    TLM_GENERIC_ERROR_RESPONSE.
//   direct_transport the b_transport of a plain READ/WRITE as a member call
//                    (pavp/tlm/direct_memory.h); the router uses it, and a
//                    cache with a route to this memory calls its inline
//                    part, transfer().
//   transport_dbg    reads or writes the store; no time, no statistics.
//   get_direct_mem_ptr  read/write DMI over the whole store, with the row-hit
//                    latencies as DMI latencies. DMI accesses bypass the
//                    timing core and its statistics (for loaders and
//                    debuggers; initiators that want timing use b_transport).
//
// Typical use:
//
//   pavp::dram_spec spec = pavp::load_dram_spec_file("ddr3-1600-micron-mt41j128m8.json");
//   pavp::dram mem("dram", spec, 64 << 20, spec.policy);
//   router.initiator_socket.bind(mem.socket);
//   mem.load_image(0x10000, elf_bytes, elf_size);
//   ... sc_start() ...
//   mem.stats().print(std::cout);
#ifndef PAVP_DRAM_DRAM_H
#define PAVP_DRAM_DRAM_H

#include <cstddef>
#include <cstdint>

#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

#include "pavp/common/copy_bytes.h"
#include "pavp/common/host_memory.h"
#include "pavp/dram/dram_spec.h"
#include "pavp/dram/dram_timing.h"
#include "pavp/tlm/direct_memory.h"
#include "pavp/tlm/time.h"

namespace pavp {

class dram : public sc_core::sc_module, public direct_memory {
 public:
  tlm_utils::simple_target_socket<dram> socket;

  // Reports an SC_REPORT_ERROR for an invalid spec or a size of 0.
  dram(sc_core::sc_module_name name, const dram_spec& spec, std::uint64_t size_bytes,
       page_policy policy);

  const dram_stats& stats() const { return m_timing.stats(); }
  void reset_stats() { m_timing.reset_stats(); }
  const dram_timing& timing() const { return m_timing; }
  dram_timing& timing() { return m_timing; }
  std::uint64_t size() const { return m_size; }

  // Copies len bytes to the store at addr, with no time and no statistics.
  // Returns false (after an SC_REPORT_ERROR) when the range is outside the store.
  bool load_image(std::uint64_t addr, const void* data, std::size_t len);

  // Asks the host to keep the store in transparent huge pages (2 MB) where
  // its kernel gives them (host_memory::prefer_huge_pages); false where it
  // declines. Nothing the model does changes. For a platform whose process
  // does not fork (pavp se, pavp run): a program's data spread over megabytes
  // (bench/se/chase.c: 8 MB of links) makes the host miss its TLB on most
  // line fills in 4 KB pages, not in 2 MB ones. Not by default: a study's
  // worker processes each write their own copies of the pages they touch,
  // and in huge pages a study's largest process grew from 47 to 105 MB
  // (BENCHMARKS.md, eighth round).
  bool prefer_huge_pages() {
    return host_memory::prefer_huge_pages(m_store.data(), m_store.size());
  }
  // direct_memory: the store, for prefetching only.
  const unsigned char* prefetch_view(std::uint64_t& size) const override {
    size = m_size;
    return m_store.data();
  }
  // direct_memory: what b_transport does for a plain read or write.
  tlm::tlm_response_status direct_transport(tlm::tlm_command cmd, std::uint64_t addr,
                                            unsigned char* data, unsigned len,
                                            std::uint64_t arrival_ps,
                                            std::uint64_t& latency_ps) override;
  // direct_transport() of a read (IsWrite false) or write of len > 0 bytes
  // from or to data (not null), inline: the same bytes, timing and
  // statistics. False, with nothing done, when the bytes are not all in the
  // store (direct_transport's TLM_ADDRESS_ERROR_RESPONSE). A cache whose
  // route through the interconnect ends here (pavp::cache) checks the range
  // itself and calls transfer_within() for its fills and write-backs.
  template <bool IsWrite>
  __attribute__((always_inline)) bool transfer(std::uint64_t addr, unsigned char* data,
                                               unsigned len, std::uint64_t arrival_ps,
                                               std::uint64_t& latency_ps) {
    if (!in_range(addr, len)) return false;
    transfer_within<IsWrite>(addr, data, len, arrival_ps, latency_ps);
    return true;
  }
  // transfer() of bytes known to be in the store (a caller that checked
  // the range once, for many transfers: pavp::cache's route). InBurst: len
  // a power of two that dram_timing::aligned_fits_burst() accepts and no
  // larger than a host page, addr a multiple of it -- a cache line -- so
  // that the bytes lie in one burst and one host page.
  template <bool IsWrite, bool InBurst = false>
  __attribute__((always_inline)) void transfer_within(std::uint64_t addr, unsigned char* data,
                                                      unsigned len, std::uint64_t arrival_ps,
                                                      std::uint64_t& latency_ps) {
    if constexpr (IsWrite) {
      copy_line(store_at<InBurst>(addr, len, true), data, len);
    } else {
      copy_line(data, store_at<InBurst>(addr, len, false), len);
    }
    if constexpr (InBurst) {
      latency_ps += m_timing.access_in_burst(addr, IsWrite, len, arrival_ps).latency_ps;
    } else {
      latency_ps += m_timing.access(addr, IsWrite, len, arrival_ps).latency_ps;
    }
  }

 private:
  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  // The timing core's latency of an access arriving at delay, added to it.
  void add_access_time(std::uint64_t addr, bool is_write, unsigned len, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& gp);
  bool get_direct_mem_ptr(tlm::tlm_generic_payload& gp, tlm::tlm_dmi& dmi);

  bool in_range(std::uint64_t addr, std::uint64_t len) const {
    return addr < m_size && len <= m_size - addr;
  }

  dram_timing m_timing;
  ps_to_time m_latency_time;  // the timing core's latencies as sc_time
  std::uint64_t m_size;
  // The bytes at addr, made ready for a write (is_write) or a read of len
  // bytes (host_memory::write_populator: no host page fault per page);
  // InBurst: an aligned block within one host page (transfer_within()), so
  // within one of the populator's units (the store is page aligned).
  template <bool InBurst = false>
  __attribute__((always_inline)) unsigned char* store_at(std::uint64_t addr, std::uint64_t len,
                                                         bool is_write) {
    std::uint8_t* p = m_store.data() + addr;
    if constexpr (InBurst) {
      if (is_write) {
        m_populate.before_write_in_unit(p);
      } else {
        m_populate.before_read_in_unit(p);
      }
    } else if (is_write) {
      m_populate.before_write(p, len);
    } else {
      m_populate.before_read(p, len);
    }
    return p;
  }

  // The backing store is an anonymous mapping, not a zero-filled vector: the
  // OS supplies its pages zero-filled on first touch, so a 64 MB memory costs
  // nothing until the guest touches it (the firmware board's start-up was
  // dominated by zero-filling it), and page aligned, so a guest page is one
  // host page.
  host_memory::zeroed_block m_store;
  host_memory::write_populator<> m_populate;
};

}  // namespace pavp

#endif  // PAVP_DRAM_DRAM_H
