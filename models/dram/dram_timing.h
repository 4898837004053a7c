// The DRAM timing core: plain C++, no SystemC. It keeps the state of every
// bank of one channel (which row is open, and the earliest time each command
// may issue) and turns an access into a latency, in the style of DRAMSys's
// bank state machines but without a command queue.
//
// Times are integer picoseconds. All cycle counts below are from the spec
// (dram_spec.h): CL, CWL, tRCD, tRP, tRAS, tWR, and BURST = burst_length /
// data_rate cycles, the time one burst occupies the data bus.
//
// Latency of an access that finds its bank and the data bus idle (it arrives
// after every earlier command's constraints have expired), one burst:
//
//   row hit       (the bank has this row open)       READ:  CL + BURST
//                                                    WRITE: CWL + BURST
//   row miss      (the bank has no row open)         READ:  tRCD + CL + BURST
//                                                    WRITE: tRCD + CWL + BURST
//   row conflict  (the bank has another row open)    READ:  tRP + tRCD + CL + BURST
//                                                    WRITE: tRP + tRCD + CWL + BURST
//
// The latency runs from the arrival to the end of the last data beat. When
// the bank or the bus is not idle the access waits, and the wait is part of
// the latency:
//   - ACTIVATE waits for the bank's precharge to complete (PRECHARGE + tRP);
//   - PRECHARGE waits for ACTIVATE + tRAS, for the end of the last READ's
//     burst, and for the end of the last write data + tWR;
//   - READ/WRITE waits for ACTIVATE + tRCD and for the previous column command
//     of the bank + BURST (back-to-back bursts, tCCD = BURST);
//   - the data bus is shared by all banks: a burst starts no earlier than the
//     previous burst ends, and its column command is delayed to match.
//
// An access is split into the burst-aligned blocks it touches (burst =
// bus_width_bits / 8 * burst_length bytes); each block is one column command,
// issued in order, so an access of N bursts to an open row costs CL + N*BURST.
// Each block is classified as a hit, miss or conflict; the access's kind is
// that of its first block.
//
// Closed-page policy: the last column command of an access to a bank's row
// carries an auto-precharge. The PRECHARGE happens at the earliest time
// allowed (see above), the bank is then closed, and the next access to it is
// a row miss that waits out tRP if it arrives before the precharge completes.
//
// Not modelled: refresh (tREFI, tRFC), ranks and rank switching, bus
// turnaround between reads and writes (tWTR, tRTW), tRTP beyond the burst
// time, tRRD and tFAW (activate spacing across banks), additive latency,
// the command bus (one command per cycle), power-down states, and a
// controller's queue or reordering: accesses are served in call order, each
// as early as its bank and the data bus allow.
#ifndef PAVP_DRAM_DRAM_TIMING_H
#define PAVP_DRAM_DRAM_TIMING_H

#include <algorithm>
#include <cstdint>
#include <iosfwd>
#include <vector>

#include "pavp/common/stats.h"
#include "pavp/dram/dram_spec.h"

namespace pavp {

// What an access found in its bank.
enum class row_outcome : std::uint8_t {
  ROW_HIT,       // the row was open
  ROW_MISS,      // no row was open: ACTIVATE first
  ROW_CONFLICT,  // another row was open: PRECHARGE, then ACTIVATE
};

const char* to_string(row_outcome k);

// A physical address as the DRAM sees it.
struct dram_address {
  unsigned bank = 0;
  std::uint64_t row = 0;
  std::uint64_t column = 0;  // in bus words
};

struct dram_access_result {
  std::uint64_t latency_ps = 0;             // arrival to the end of the last data beat
  row_outcome kind = row_outcome::ROW_HIT;  // of the first burst
  unsigned bursts = 0;
};

struct dram_stats {
  // Per burst (column command).
  std::uint64_t row_hits = 0;
  std::uint64_t row_misses = 0;
  std::uint64_t row_conflicts = 0;
  // Per access.
  std::uint64_t reads = 0;
  std::uint64_t writes = 0;
  std::uint64_t bytes_read = 0;
  std::uint64_t bytes_written = 0;
  std::uint64_t bursts = 0;
  std::uint64_t busy_ps = 0;           // time the data bus carried bursts
  std::uint64_t total_latency_ps = 0;  // sum of the latencies of all accesses

  std::uint64_t accesses() const { return reads + writes; }
  void reset() { *this = dram_stats{}; }
  // Calls fn(name, value) for every counter, in a fixed order
  // (models/common/stats.h); the summary leaves out total_latency_ps, which
  // only serves the mean latency.
  void visit(const stat_visitor& fn, stat_detail detail = stat_detail::ALL) const;
  // "name value" lines, one statistic a line: the counters, then the row hit
  // rate and the mean latency.
  void print(std::ostream& os) const;
};

class dram_timing {
 public:
  // Throws std::invalid_argument when spec.validate() finds a problem.
  dram_timing(const dram_spec& spec, page_policy policy);
  explicit dram_timing(const dram_spec& spec) : dram_timing(spec, spec.policy) {}

  // Bank, row and column of a physical address per the spec's mapping.
  dram_address decode(std::uint64_t addr) const {
    return m_pow2_layout ? decode_pow2(addr) : decode_general(addr);
  }

  // One access of len_bytes (> 0) at addr, arriving at arrival_ps. Updates the
  // banks and the statistics. Throws std::invalid_argument for len_bytes 0.
  // Inline: a cache's fill or write-back (one burst) is done in its caller.
  __attribute__((always_inline)) inline dram_access_result access(std::uint64_t addr, bool is_write,
                                                                  std::uint64_t len_bytes,
                                                                  std::uint64_t arrival_ps);

  // Whether every access of len_bytes at a multiple of len_bytes lies in
  // one burst: a power-of-two layout and len_bytes a power of two no larger
  // than a burst (a cache line, usually). Such an access may be given to
  // access_in_burst().
  bool aligned_fits_burst(std::uint64_t len_bytes) const {
    return m_pow2_layout && len_bytes != 0 && (len_bytes & (len_bytes - 1)) == 0 &&
           len_bytes <= m_burst_bytes;
  }
  // access() of len_bytes at addr that lie in one burst (the test done by
  // the caller, once for many: aligned_fits_burst()).
  __attribute__((always_inline)) inline dram_access_result access_in_burst(
      std::uint64_t addr, bool is_write, std::uint64_t len_bytes, std::uint64_t arrival_ps);

  // Latencies of a one-burst access on an idle device (formulas above).
  std::uint64_t hit_latency_ps(bool is_write) const;
  std::uint64_t miss_latency_ps(bool is_write) const;
  std::uint64_t conflict_latency_ps(bool is_write) const;

  // The open row of a bank; false when the bank is precharged.
  bool open_row(unsigned bank, std::uint64_t& row) const;

  const dram_spec& spec() const { return m_spec; }
  page_policy policy() const { return m_policy; }
  const dram_stats& stats() const { return m_stats; }
  void reset_stats() { m_stats.reset(); }
  // Every bank precharged and idle from time 0; statistics cleared.
  void reset();

 private:
  struct bank_state {
    bool open = false;
    std::uint64_t row = 0;
    std::uint64_t next_act_ps = 0;  // precharge complete: PRECHARGE + tRP
    std::uint64_t next_pre_ps = 0;  // ACTIVATE + tRAS; READ + BURST; write data end + tWR
    std::uint64_t next_col_ps = 0;  // ACTIVATE + tRCD; previous column command + BURST
  };

  // decode() for any layout: divisions.
  dram_address decode_general(std::uint64_t addr) const;
  // decode() for the power-of-two layout: shifts and masks.
  dram_address decode_pow2(std::uint64_t addr) const {
    dram_address out;
    out.row = m_row_bits.of(addr);
    out.bank = static_cast<unsigned>(m_bank_bits.of(addr));
    out.column = m_burst_bits.of(addr) * m_spec.burst_length +
                 ((addr & m_column_in_burst_mask) >> m_bus_shift);
    return out;
  }

  // access() for any access: burst by burst (dram_timing.cpp).
  dram_access_result access_bursts(std::uint64_t addr, bool is_write, std::uint64_t len_bytes,
                                   std::uint64_t arrival_ps);

  // The per-access statistics (reads or writes, bytes, latency).
  inline void count_access(bool is_write, std::uint64_t len_bytes, std::uint64_t latency_ps);

  // One burst-aligned block; returns the end of its data.
  inline std::uint64_t burst(const dram_address& where, bool is_write, std::uint64_t arrival_ps,
                             bool precharge_after, row_outcome& kind);

  dram_spec m_spec;
  page_policy m_policy;
  // When every field of the geometry is a power of two (the usual case),
  // decode() uses shifts and masks instead of divisions.
  struct field_bits {
    unsigned shift = 0;
    std::uint64_t mask = 0;
    std::uint64_t of(std::uint64_t addr) const { return (addr >> shift) & mask; }
  };
  bool m_pow2_layout = false;
  unsigned m_bus_shift = 0;
  unsigned m_burst_shift = 0;  // log2 of the burst's bytes
  std::uint64_t m_column_in_burst_mask = 0;
  field_bits m_row_bits, m_bank_bits, m_burst_bits;  // the burst's index within its row

  // The spec's timing parameters in picoseconds, computed once.
  struct timing_ps {
    std::uint64_t rcd = 0, rp = 0, ras = 0, cl = 0, cwl = 0, wr = 0, burst = 0;
  };
  timing_ps m_ps;
  std::uint64_t m_burst_bytes = 0;
  std::vector<bank_state> m_banks;
  std::uint64_t m_bus_free_ps = 0;  // end of the last burst on the data bus
  dram_stats m_stats;
};

// Inlined into access(): one call per burst costs as much as the arithmetic.
__attribute__((always_inline)) inline std::uint64_t dram_timing::burst(const dram_address& where,
                                                                       bool is_write,
                                                                       std::uint64_t arrival_ps,
                                                                       bool precharge_after,
                                                                       row_outcome& kind) {
  bank_state& b = m_banks[where.bank];
  const std::uint64_t rcd = m_ps.rcd;
  const std::uint64_t burst_ps = m_ps.burst;

  std::uint64_t column_ps = 0;  // when the READ or WRITE command issues
  if (b.open && b.row == where.row) {
    kind = row_outcome::ROW_HIT;
    ++m_stats.row_hits;
    column_ps = std::max(arrival_ps, b.next_col_ps);
  } else {
    std::uint64_t activate_ps = 0;
    if (b.open) {
      kind = row_outcome::ROW_CONFLICT;
      ++m_stats.row_conflicts;
      const std::uint64_t precharge_ps = std::max(arrival_ps, b.next_pre_ps);
      activate_ps = precharge_ps + m_ps.rp;
    } else {
      kind = row_outcome::ROW_MISS;
      ++m_stats.row_misses;
      activate_ps = std::max(arrival_ps, b.next_act_ps);
    }
    b.open = true;
    b.row = where.row;
    b.next_pre_ps = activate_ps + m_ps.ras;
    b.next_col_ps = activate_ps + rcd;
    column_ps = b.next_col_ps;
  }

  // The data bus: the burst may not start before the previous one ends.
  const std::uint64_t data_latency = is_write ? m_ps.cwl : m_ps.cl;
  if (column_ps + data_latency < m_bus_free_ps) column_ps = m_bus_free_ps - data_latency;
  const std::uint64_t data_end_ps = column_ps + data_latency + burst_ps;
  m_bus_free_ps = data_end_ps;
  m_stats.busy_ps += burst_ps;
  ++m_stats.bursts;

  b.next_col_ps = column_ps + burst_ps;
  if (is_write) {
    b.next_pre_ps = std::max(b.next_pre_ps, data_end_ps + m_ps.wr);
  } else {
    b.next_pre_ps = std::max(b.next_pre_ps, column_ps + burst_ps);
  }

  if (precharge_after) {  // auto-precharge at the earliest allowed time
    b.open = false;
    b.next_act_ps = b.next_pre_ps + m_ps.rp;
  }
  return data_end_ps;
}

__attribute__((always_inline)) inline void dram_timing::count_access(bool is_write,
                                                                     std::uint64_t len_bytes,
                                                                     std::uint64_t latency_ps) {
  if (is_write) {
    ++m_stats.writes;
    m_stats.bytes_written += len_bytes;
  } else {
    ++m_stats.reads;
    m_stats.bytes_read += len_bytes;
  }
  m_stats.total_latency_ps += latency_ps;
}

dram_access_result dram_timing::access_in_burst(std::uint64_t addr, bool is_write,
                                                std::uint64_t len_bytes, std::uint64_t arrival_ps) {
  // Without the loop and its look-ahead decode of the next burst. The one
  // burst is the access's last, so a closed page precharges after it.
  dram_access_result result;
  const std::uint64_t end_ps = burst(decode_pow2(addr & ~m_column_in_burst_mask), is_write,
                                     arrival_ps, m_policy == page_policy::CLOSED, result.kind);
  result.bursts = 1;
  result.latency_ps = std::max(end_ps, arrival_ps) - arrival_ps;
  count_access(is_write, len_bytes, result.latency_ps);
  return result;
}

dram_access_result dram_timing::access(std::uint64_t addr, bool is_write, std::uint64_t len_bytes,
                                       std::uint64_t arrival_ps) {
  // The common case: a cache line within one burst of a power-of-two layout.
  if (m_pow2_layout && len_bytes != 0 &&
      (addr & m_column_in_burst_mask) + len_bytes <= m_burst_bytes) {
    return access_in_burst(addr, is_write, len_bytes, arrival_ps);
  }
  return access_bursts(addr, is_write, len_bytes, arrival_ps);
}

}  // namespace pavp

#endif  // PAVP_DRAM_DRAM_TIMING_H
