#include "pavp/cache/cache_core.h"

#include "pavp/cache/cache_core_line.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <ostream>
#include <stdexcept>
#include <type_traits>

namespace pavp {

namespace {
unsigned log2_exact(std::uint64_t v) {
  unsigned s = 0;
  while ((std::uint64_t(1) << s) < v) ++s;
  return s;
}
}  // namespace

std::uint64_t cache_stats::flush_ops() const {
  return ops[static_cast<int>(cache_op::FDC)] + ops[static_cast<int>(cache_op::PDC)] +
         ops[static_cast<int>(cache_op::FDCE)] + ops[static_cast<int>(cache_op::FIC)] +
         ops[static_cast<int>(cache_op::FICE)];
}

void cache_stats::visit(const stat_visitor& fn, stat_detail /*detail*/) const {
  fn("fetch_hits", hits[0]);
  fn("fetch_misses", misses[0]);
  fn("load_hits", hits[1]);
  fn("load_misses", misses[1]);
  fn("store_hits", hits[2]);
  fn("store_misses", misses[2]);
  fn("evictions", evictions);
  fn("dirty_writebacks", dirty_writebacks);
  fn("op_writebacks", op_writebacks);
  fn("write_throughs", write_throughs);
  fn("uncached", uncached);
  fn("fdc", ops[static_cast<int>(cache_op::FDC)]);
  fn("pdc", ops[static_cast<int>(cache_op::PDC)]);
  fn("fdce", ops[static_cast<int>(cache_op::FDCE)]);
  fn("fic", ops[static_cast<int>(cache_op::FIC)]);
  fn("fice", ops[static_cast<int>(cache_op::FICE)]);
  fn("ops_ignored", ops_ignored);
  fn("op_lines_invalidated", op_lines_invalidated);
  fn("op_cycles", op_cycles);
  fn("cycles", cycles);
  fn("bytes_read_memory", bytes_read_memory);
  fn("bytes_written_memory", bytes_written_memory);
}

void cache_stats::print(std::ostream& os, const std::string& prefix) const {
  visit([&](const char* name, std::uint64_t v) { os << prefix << name << " " << v << "\n"; });
}

cache_core::cache_core(const cache_params& params, cache_memory* memory)
    : m_params(params), m_memory(memory) {
  const std::string err = params.validate();
  if (!err.empty()) throw std::invalid_argument("cache: " + err);
  if (!memory) throw std::invalid_argument("cache: no memory below the cache");
  m_sets = params.sets();
  m_line_shift = log2_exact(params.line_bytes);
  m_line_mask = params.line_bytes - 1;
  m_set_mask = m_sets - 1;
  m_page_set_mask =
      params.line_bytes >= SMALLEST_PAGE_BYTES
          ? 0
          : std::min<std::uint64_t>(SMALLEST_PAGE_BYTES / params.line_bytes, m_sets) - 1;
  m_fast_stores = params.write_back && params.role != cache_role::INSTRUCTION;
  m_hash_mask = params.hash_space_bits >= 32 ? ~std::uint32_t(0)
                                             : (std::uint32_t(1) << params.hash_space_bits) - 1;
  m_hit_ps = std::uint64_t(params.hit_latency_cycles) * params.clock_period_ps;
  m_miss_ps = std::uint64_t(params.miss_penalty_cycles) * params.clock_period_ps;
  m_random_state = params.random_seed ? params.random_seed : 0x9e3779b97f4a7c15ull;
  m_meta.assign(m_sets * params.associativity, line_meta());
  m_data.assign(params.size_bytes, 0);
}

cache_core::hit_view cache_core::view_for_host_code() {
  static_assert(std::is_standard_layout_v<line_meta>, "host code reads line_meta by offset");
  hit_view v;
  v.entries = m_meta.data();
  v.data = m_data.data();
  v.clock = &m_clock;
  v.hits = m_stats.hits;
  v.cycles = &m_stats.cycles;
  v.entry_bytes = sizeof(line_meta);
  v.tag_offset = offsetof(line_meta, tag);
  v.last_use_offset = offsetof(line_meta, last_use);
  v.dirty_offset = offsetof(line_meta, dirty);
  v.ways = ways();
  v.line_shift = m_line_shift;
  v.set_mask = m_set_mask;
  v.line_mask = m_line_mask;
  v.uncached_base = m_params.uncached_base;
  v.uncached_size = m_params.uncached_size;
  v.hit_latency_cycles = m_params.hit_latency_cycles;
  v.fast_stores = m_fast_stores;
  return v;
}

// Inlined into its caller, maintain().
__attribute__((always_inline)) inline bool cache_core::evict(std::uint64_t set, unsigned way,
                                                             bool write_back,
                                                             std::uint64_t& latency_ps,
                                                             bool for_op) {
  line_meta& m = meta(set, way);
  if (m.tag == INVALID_TAG) return true;
  bool ok = true;
  if (m.dirty && write_back) {
    std::uint64_t lat = 0;
    ok = m_memory->write_memory(m.tag << m_line_shift, data_of(set, way), m_params.line_bytes, lat);
    latency_ps += lat;
    m_stats.bytes_written_memory += m_params.line_bytes;
    if (for_op) {
      ++m_stats.op_writebacks;
    } else {
      ++m_stats.dirty_writebacks;
    }
  }
  drop_line(m);
  return ok;
}

cache_result cache_core::access_split(access_kind kind, std::uint64_t vaddr, std::uint64_t paddr,
                                      std::uint32_t space, std::uint8_t* data, unsigned len) {
  // Split at physical line boundaries; virtual and physical offsets advance together.
  const std::uint64_t line_mask = m_line_mask;
  cache_result total;
  total.latency_ps = 0;
  while (len > 0) {
    const unsigned chunk = static_cast<unsigned>(
        std::min<std::uint64_t>(len, m_params.line_bytes - (paddr & line_mask)));
    cache_result r = access_line(kind, vaddr, paddr, space, data, chunk);
    total.latency_ps += r.latency_ps;
    total.hit = total.hit && r.hit;
    if (r.status != cache_status::OK) {
      total.status = r.status;
      return total;
    }
    vaddr += chunk;
    paddr += chunk;
    data += chunk;
    len -= chunk;
  }
  return total;
}

cache_result cache_core::access_line(access_kind kind, std::uint64_t vaddr, std::uint64_t paddr,
                                     std::uint32_t space, std::uint8_t* data, unsigned len,
                                     bool known_miss) {
  memory_calls memory{*m_memory};
  return line_access(memory, kind, vaddr, paddr, space, data, len, known_miss);
}

cache_result cache_core::access_uncached(access_kind kind, std::uint64_t paddr, std::uint8_t* data,
                                         unsigned len) {
  cache_result r;
  r.hit = false;
  r.latency_ps = m_hit_ps;
  if (kind == access_kind::STORE && m_params.role == cache_role::INSTRUCTION) {
    r.status = cache_status::COMMAND_ERROR;
    return r;
  }
  std::uint64_t lat = 0;
  const bool ok = kind == access_kind::STORE ? m_memory->write_memory(paddr, data, len, lat)
                                             : m_memory->read_memory(paddr, data, len, lat);
  if (!ok) r.status = cache_status::MEMORY_ERROR;
  r.latency_ps += lat;
  ++m_stats.uncached;
  if (kind == access_kind::STORE) {
    m_stats.bytes_written_memory += len;
  } else {
    m_stats.bytes_read_memory += len;
  }
  m_stats.cycles += m_params.hit_latency_cycles + cycles_of(lat);
  return r;
}

cache_result cache_core::maintain(cache_op op, std::uint64_t vaddr, std::uint64_t paddr,
                                  std::uint32_t space, std::uint8_t privilege) {
  cache_result r;
  const cache_role role = m_params.role;
  const bool data_op = op == cache_op::FDC || op == cache_op::PDC || op == cache_op::FDCE;
  const bool insn_op = op == cache_op::FIC || op == cache_op::FICE;
  if (!(data_op || insn_op) || (data_op && role == cache_role::INSTRUCTION) ||
      (insn_op && role == cache_role::DATA)) {
    ++m_stats.ops_ignored;
    return r;
  }
  ++m_stats.ops[static_cast<int>(op)];
  unsigned cost = 0;
  std::uint64_t set = 0;
  int way = -1;
  bool write_back = true;
  switch (op) {
    case cache_op::FDC:
    case cache_op::PDC:
    case cache_op::FIC:
      cost = op == cache_op::FDC   ? m_params.fdc_cycles
             : op == cache_op::PDC ? m_params.pdc_cycles
                                   : m_params.fic_cycles;
      set = set_index(vaddr, paddr, space);
      way = find_way(set, paddr >> m_line_shift);
      // PDC drops dirty data at privilege 0 and writes it back otherwise (PA 2.0
      // p. 7-104); FIC only writes back in a unified cache, which may hold data.
      if (op == cache_op::PDC) write_back = privilege != 0;
      if (op == cache_op::FIC) write_back = role == cache_role::UNIFIED;
      break;
    case cache_op::FDCE:
    case cache_op::FICE:
      cost = op == cache_op::FDCE ? m_params.fdce_cycles : m_params.fice_cycles;
      set = (vaddr >> m_line_shift) & m_set_mask;
      way = static_cast<int>(((vaddr >> m_line_shift) / m_sets) % ways());
      if (op == cache_op::FICE) write_back = role == cache_role::UNIFIED;
      break;
    default:
      break;
  }
  r.latency_ps = std::uint64_t(cost) * m_params.clock_period_ps;
  if (way >= 0 && meta(set, static_cast<unsigned>(way)).tag != INVALID_TAG) {
    ++m_stats.op_lines_invalidated;
    if (!evict(set, static_cast<unsigned>(way), write_back, r.latency_ps, true)) {
      r.status = cache_status::MEMORY_ERROR;
    }
  }
  const std::uint64_t cycles = cycles_of(r.latency_ps);
  m_stats.op_cycles += cycles;
  m_stats.cycles += cycles;
  return r;
}

unsigned cache_core::debug_read(const std::uint64_t* vaddr, std::uint32_t space,
                                std::uint64_t paddr, std::uint8_t* data, unsigned len) {
  const unsigned n = m_memory->debug_read_memory(paddr, data, len);
  const std::uint64_t line_mask = m_params.line_bytes - 1;
  unsigned done = 0;
  while (done < n) {
    const std::uint64_t pa = paddr + done;
    const unsigned offset = static_cast<unsigned>(pa & line_mask);
    const unsigned chunk = std::min<unsigned>(n - done, m_params.line_bytes - offset);
    const std::uint64_t tag = pa >> m_line_shift;
    const std::uint8_t* src = nullptr;
    if (vaddr) {
      const std::uint64_t set = set_index(*vaddr + done, pa, space);
      const int way = find_way(set, tag);
      if (way >= 0) src = data_of(set, static_cast<unsigned>(way));
    } else {
      std::uint64_t first = 0, step = 1;
      candidate_sets(pa, first, step);
      for (std::uint64_t set = first; set < m_sets && !src && m_valid_lines != 0; set += step) {
        const int way = find_way(set, tag);
        if (way >= 0 && meta(set, static_cast<unsigned>(way)).dirty) {
          src = data_of(set, static_cast<unsigned>(way));
        }
      }
    }
    if (src) std::memcpy(data + done, src + offset, chunk);
    done += chunk;
  }
  return n;
}

unsigned cache_core::debug_write(std::uint64_t paddr, const std::uint8_t* data, unsigned len) {
  const unsigned n = m_memory->debug_write_memory(paddr, data, len);
  const std::uint64_t line_mask = m_params.line_bytes - 1;
  unsigned done = 0;
  while (done < n) {
    const std::uint64_t pa = paddr + done;
    const unsigned offset = static_cast<unsigned>(pa & line_mask);
    const unsigned chunk = std::min<unsigned>(n - done, m_params.line_bytes - offset);
    for (const line_location& loc : find_lines(pa)) {
      std::memcpy(data_of(loc.set, loc.way) + offset, data + done, chunk);
      ++m_debug_writes;  // a line's bytes changed without a fill (line_ref)
    }
    done += chunk;
  }
  return n;
}

std::vector<line_location> cache_core::find_lines(std::uint64_t paddr) const {
  std::vector<line_location> out;
  if (m_valid_lines == 0) return out;  // an empty cache (a loader writing an image)
  const std::uint64_t tag = paddr >> m_line_shift;
  std::uint64_t first = 0, step = 1;
  candidate_sets(paddr, first, step);
  for (std::uint64_t set = first; set < m_sets; set += step) {
    const int way = find_way(set, tag);
    if (way >= 0) out.push_back({set, static_cast<unsigned>(way), meta(set, way).dirty});
  }
  return out;
}

const std::uint8_t* cache_core::line_data(std::uint64_t set, unsigned way) const {
  if (!line_valid(set, way)) return nullptr;
  return &m_data[(set * ways() + way) << m_line_shift];
}

bool cache_core::line_valid(std::uint64_t set, unsigned way) const {
  return set < m_sets && way < ways() && meta(set, way).tag != INVALID_TAG;
}

bool cache_core::line_dirty(std::uint64_t set, unsigned way) const {
  return line_valid(set, way) && meta(set, way).dirty;
}

std::uint64_t cache_core::line_paddr(std::uint64_t set, unsigned way) const {
  return line_valid(set, way) ? meta(set, way).tag << m_line_shift : INVALID_TAG;
}

void cache_core::writeback_all_untimed() {
  for (std::uint64_t set = 0; set < m_sets; ++set) {
    for (unsigned w = 0; w < ways(); ++w) {
      line_meta& m = meta(set, w);
      if (m.tag != INVALID_TAG && m.dirty) {
        m_memory->debug_write_memory(m.tag << m_line_shift, data_of(set, w), m_params.line_bytes);
      }
      m.tag = INVALID_TAG;
      m.dirty = false;
    }
  }
  m_valid_lines = 0;
  ++m_lines_dropped;
}

void cache_core::invalidate_all() {
  for (line_meta& m : m_meta) {
    m.tag = INVALID_TAG;
    m.dirty = false;
  }
  m_valid_lines = 0;
  ++m_lines_dropped;
}

}  // namespace pavp
