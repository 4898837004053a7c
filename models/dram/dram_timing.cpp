#include "pavp/dram/dram_timing.h"

#include "pavp/common/param_helpers.h"

#include <algorithm>
#include <ostream>
#include <stdexcept>

namespace pavp {

const char* to_string(row_outcome k) {
  switch (k) {
    case row_outcome::ROW_HIT:
      return "row_hit";
    case row_outcome::ROW_MISS:
      return "row_miss";
    case row_outcome::ROW_CONFLICT:
      return "row_conflict";
  }
  return "?";
}

void dram_stats::visit(const stat_visitor& fn, stat_detail detail) const {
  fn("row_hits", row_hits);
  fn("row_misses", row_misses);
  fn("row_conflicts", row_conflicts);
  fn("reads", reads);
  fn("writes", writes);
  fn("bytes_read", bytes_read);
  fn("bytes_written", bytes_written);
  fn("bursts", bursts);
  fn("busy_ps", busy_ps);
  if (detail == stat_detail::ALL) fn("total_latency_ps", total_latency_ps);
}

void dram_stats::print(std::ostream& os) const {
  visit([&os](const char* name, std::uint64_t v) { os << name << ' ' << v << '\n'; });
  const std::uint64_t classified = row_hits + row_misses + row_conflicts;
  os << "row_hit_rate "
     << (classified ? static_cast<double>(row_hits) / static_cast<double>(classified) : 0.0) << '\n'
     << "mean_latency_ps "
     << (accesses() ? static_cast<double>(total_latency_ps) / static_cast<double>(accesses()) : 0.0)
     << '\n';
}

namespace {
const dram_spec& validated(const dram_spec& spec) {
  const std::string err = spec.validate();
  if (!err.empty()) {
    throw std::invalid_argument("DRAM spec '" + spec.name + "': " + err);
  }
  return spec;
}
}  // namespace

namespace {
unsigned log2_of(std::uint64_t v) {
  unsigned s = 0;
  while ((std::uint64_t(1) << s) < v) ++s;
  return s;
}
}  // namespace

dram_timing::dram_timing(const dram_spec& spec, page_policy policy)
    : m_spec(validated(spec)), m_policy(policy), m_banks(spec.banks) {
  m_ps.rcd = m_spec.cycles_ps(m_spec.rcd);
  m_ps.rp = m_spec.cycles_ps(m_spec.rp);
  m_ps.ras = m_spec.cycles_ps(m_spec.ras);
  m_ps.cl = m_spec.cycles_ps(m_spec.cl);
  m_ps.cwl = m_spec.cycles_ps(m_spec.cwl);
  m_ps.wr = m_spec.cycles_ps(m_spec.wr);
  m_ps.burst = m_spec.burst_ps();
  m_burst_bytes = m_spec.burst_bytes();
  const std::uint64_t bursts_per_row = m_spec.columns / m_spec.burst_length;
  m_pow2_layout = is_pow2(m_spec.burst_bytes()) && is_pow2(m_spec.bus_bytes()) &&
                  is_pow2(m_spec.rows) && is_pow2(m_spec.banks) && is_pow2(bursts_per_row);
  if (!m_pow2_layout) return;
  m_bus_shift = log2_of(m_spec.bus_bytes());
  m_column_in_burst_mask = m_spec.burst_bytes() - 1;
  m_burst_shift = log2_of(m_spec.burst_bytes());
  unsigned shift = m_burst_shift;
  // The last field of the mapping takes the least significant bits.
  for (auto it = m_spec.mapping.rbegin(); it != m_spec.mapping.rend(); ++it) {
    const std::uint64_t count = *it == address_field::ROW    ? m_spec.rows
                                : *it == address_field::BANK ? m_spec.banks
                                                             : bursts_per_row;
    field_bits& bits = *it == address_field::ROW    ? m_row_bits
                       : *it == address_field::BANK ? m_bank_bits
                                                    : m_burst_bits;
    bits.shift = shift;
    bits.mask = count - 1;
    shift += log2_of(count);
  }
}

void dram_timing::reset() {
  std::fill(m_banks.begin(), m_banks.end(), bank_state{});
  m_bus_free_ps = 0;
  m_stats.reset();
}

dram_address dram_timing::decode_general(std::uint64_t addr) const {
  dram_address out;
  const std::uint64_t burst_bytes = m_spec.burst_bytes();
  std::uint64_t column_in_burst = (addr % burst_bytes) / m_spec.bus_bytes();
  std::uint64_t rest = addr / burst_bytes;
  // The last field of the mapping takes the least significant bits.
  for (auto it = m_spec.mapping.rbegin(); it != m_spec.mapping.rend(); ++it) {
    switch (*it) {
      case address_field::ROW:
        out.row = rest % m_spec.rows;
        rest /= m_spec.rows;
        break;
      case address_field::BANK:
        out.bank = static_cast<unsigned>(rest % m_spec.banks);
        rest /= m_spec.banks;
        break;
      case address_field::COLUMN: {
        const std::uint64_t bursts_per_row = m_spec.columns / m_spec.burst_length;
        out.column = (rest % bursts_per_row) * m_spec.burst_length + column_in_burst;
        rest /= bursts_per_row;
        break;
      }
    }
  }
  return out;
}

std::uint64_t dram_timing::hit_latency_ps(bool is_write) const {
  return m_spec.cycles_ps(is_write ? m_spec.cwl : m_spec.cl) + m_spec.burst_ps();
}

std::uint64_t dram_timing::miss_latency_ps(bool is_write) const {
  return m_spec.cycles_ps(m_spec.rcd) + hit_latency_ps(is_write);
}

std::uint64_t dram_timing::conflict_latency_ps(bool is_write) const {
  return m_spec.cycles_ps(m_spec.rp) + miss_latency_ps(is_write);
}

bool dram_timing::open_row(unsigned bank, std::uint64_t& row) const {
  if (bank >= m_banks.size() || !m_banks[bank].open) return false;
  row = m_banks[bank].row;
  return true;
}

dram_access_result dram_timing::access_bursts(std::uint64_t addr, bool is_write,
                                              std::uint64_t len_bytes, std::uint64_t arrival_ps) {
  if (len_bytes == 0) {
    throw std::invalid_argument("dram_timing::access: len_bytes 0 is not accepted (at least 1)");
  }
  dram_access_result result;
  const std::uint64_t burst_bytes = m_burst_bytes;
  std::uint64_t first = 0;
  std::uint64_t count = 0;
  if (m_pow2_layout) {  // shifts instead of three 64-bit divisions
    first = addr >> m_burst_shift;
    count = (((addr & m_column_in_burst_mask) + len_bytes - 1) >> m_burst_shift) + 1;
  } else {
    first = addr / burst_bytes;
    count = (addr % burst_bytes + len_bytes - 1) / burst_bytes + 1;
  }

  std::uint64_t end_ps = arrival_ps;
  dram_address here = decode(first * burst_bytes);
  for (std::uint64_t i = 0; i < count; ++i) {
    const bool last = i + 1 == count;
    dram_address next;
    if (!last) next = decode((first + i + 1) * burst_bytes);
    // Closed page: precharge when this access leaves the bank's row.
    const bool precharge =
        m_policy == page_policy::CLOSED && (last || next.bank != here.bank || next.row != here.row);
    row_outcome kind = row_outcome::ROW_HIT;
    end_ps = std::max(end_ps, burst(here, is_write, arrival_ps, precharge, kind));
    if (i == 0) result.kind = kind;
    here = next;
  }
  result.bursts = static_cast<unsigned>(count);
  result.latency_ps = end_ps - arrival_ps;
  count_access(is_write, len_bytes, result.latency_ps);
  return result;
}

}  // namespace pavp
