#include "platform/study/coherence_checker.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <new>
#include <stdexcept>

namespace pavp {

namespace {

std::uint64_t be_value(const std::uint8_t* p, unsigned len) {
  std::uint64_t v = 0;
  for (unsigned i = 0; i < len && i < 8; ++i) v = (v << 8) | p[i];
  return v;
}

std::string context_text(const access_context& c) {
  return fmt::format("cycle {}, pc {:#010x} (privilege {}), pid {} tid {}", c.cycle, c.pc & ~3u,
                     c.pc & 3u, c.pid, c.tid);
}

}  // namespace

nlohmann::ordered_json stale_read::to_json() const {
  nlohmann::ordered_json j;
  j["cycle"] = who.cycle;
  j["pc"] = fmt::format("{:#010x}", who.pc & ~3u);
  j["privilege"] = who.pc & 3u;
  j["function"] = function;
  j["caller"] = caller;
  j["pid"] = who.pid;
  j["tid"] = who.tid;
  j["vaddr"] = fmt::format("{:#010x}", vaddr);
  j["space"] = space;
  j["paddr"] = fmt::format("{:#010x}", paddr);
  j["len"] = len;
  j["expected"] = fmt::format("{:#0{}x}", expected, 2 + 2 * len);
  j["observed"] = fmt::format("{:#0{}x}", observed, 2 + 2 * len);
  nlohmann::ordered_json w;
  if (last_writer.known) {
    w["debug"] = last_writer.debug;
    w["cycle"] = last_writer.who.cycle;
    w["pc"] = fmt::format("{:#010x}", last_writer.who.pc & ~3u);
    w["pid"] = last_writer.who.pid;
    w["tid"] = last_writer.who.tid;
  }
  j["last_writer"] = last_writer.known ? w : nlohmann::ordered_json();
  if (user_vaddr) {
    j["user_vaddr"] = fmt::format("{:#010x}", *user_vaddr);
    j["object"] = object;
  }
  nlohmann::ordered_json lines = nlohmann::ordered_json::array();
  for (const line_location& l : dcache_lines) {
    lines.push_back({{"set", l.set}, {"way", l.way}, {"dirty", l.dirty}});
  }
  j["dcache_lines"] = lines;
  return j;
}

std::string stale_read::to_text() const {
  std::string s = fmt::format("first stale read: {}{}{}\n", context_text(who),
                              function.empty() ? "" : " in " + function,
                              caller.empty() ? "" : " (return pointer in " + caller + ")");
  s += fmt::format("  load of {} bytes at virtual {:#010x} (space {}), physical {:#010x}\n", len,
                   vaddr, space, paddr);
  s += fmt::format("  expected {:#0{}x}, observed {:#0{}x}\n", expected, 2 + 2 * len, observed,
                   2 + 2 * len);
  if (!last_writer.known) {
    s += "  last writer: none (initial contents)\n";
  } else if (last_writer.debug) {
    s += "  last writer: a debug (loader) write\n";
  } else {
    s += fmt::format("  last writer of byte {:#010x}: {}\n", byte_paddr,
                     context_text(last_writer.who));
  }
  if (user_vaddr) {
    s += fmt::format("  the program's data: virtual {:#010x}{}\n", *user_vaddr,
                     object.empty() ? "" : " (" + object + ")");
  }
  if (dcache_lines.empty()) {
    s += "  D-cache: no entry holds the line\n";
  } else {
    for (const line_location& l : dcache_lines) {
      s += fmt::format("  D-cache holds the line: set {} way {}{}\n", l.set, l.way,
                       l.dirty ? " (dirty)" : " (clean)");
    }
  }
  return s;
}

coherence_checker::page* coherence_checker::page_pool::allocate() {
  if (!m_block) {
    m_block = host_memory::zeroed_block(m_capacity * sizeof(page));
    if (!m_block) throw std::bad_alloc();
    if (m_huge) host_memory::prefer_huge_pages(m_block.data(), m_block.size());
    m_populate = host_memory::write_populator<sizeof(page)>(m_block.data(), m_block.size());
  }
  if ((m_used + 1) * sizeof(page) > m_block.size()) {  // a region added after the first store
    throw std::logic_error("coherence_checker: more shadow pages than tracked pages");
  }
  // Default-initialisation: begins the page's lifetime and leaves its bytes
  // as the mapping supplies them, all zero.
  return new (m_block.data() + m_used++ * sizeof(page)) page;
}

void coherence_checker::add_region(std::uint64_t base, std::uint64_t size) {
  if (base % PAGE != 0 || size % PAGE != 0 || size == 0) {
    throw std::invalid_argument("coherence_checker: region not page aligned");
  }
  region r;
  r.base = base;
  r.size = size;
  r.page_table = host_memory::zeroed_block(size / PAGE * sizeof(page*));
  if (!r.page_table) throw std::bad_alloc();
  r.pages = reinterpret_cast<page**>(r.page_table.data());
  m_pool.reserve(size / PAGE);
  m_regions.push_back(std::move(r));
  m_last_region = nullptr;
}

std::uint32_t coherence_checker::thread_code(std::uint32_t pid, std::uint32_t tid) {
  const std::uint64_t key = std::uint64_t{pid} << 32 | tid;
  if (key == m_last_thread_key && m_last_thread_code != NEVER_WRITTEN) return m_last_thread_code;
  auto [it, added] = m_thread_codes.try_emplace(key, 0);
  if (added) {
    if (m_threads.size() >= std::numeric_limits<std::uint32_t>::max() - FIRST_THREAD) {
      throw std::length_error("coherence_checker: too many pid/tid pairs");
    }
    it->second = FIRST_THREAD + static_cast<std::uint32_t>(m_threads.size());
    m_threads.push_back({pid, tid, {}});
  }
  m_last_thread_key = key;
  m_last_thread_code = it->second;
  return it->second;
}

coherence_checker::site* coherence_checker::init_sites(const host_memory::zeroed_block& block) {
  if (!block) throw std::bad_alloc();
  site* sites = reinterpret_cast<site*>(block.data());
  sites[NEVER_WRITTEN] = {0, NEVER_WRITTEN};
  sites[DEBUG_WRITE] = {0, DEBUG_WRITE};
  return sites;
}

void coherence_checker::site_table::grow() {
  std::vector<std::uint64_t> old(slots.empty() ? 512 : 2 * slots.size(), 0);
  old.swap(slots);
  for (const std::uint64_t s : old) {
    if (s != 0) slot_for(static_cast<std::uint32_t>(s >> 32)) = s;
  }
}

std::uint32_t coherence_checker::new_site(std::uint32_t pc, std::uint32_t pid, std::uint32_t tid) {
  const std::uint32_t who = thread_code(pid, tid);
  site_table& t = m_threads[who - FIRST_THREAD].sites;
  if ((t.used + 1) * 2 > t.slots.size()) t.grow();
  std::uint64_t& slot = t.slot_for(pc);
  if (slot == 0) {
    if (m_site_count >= (std::uint32_t{1} << SITE_BITS)) {
      throw std::length_error("coherence_checker: more than 2^20 store sites (pc, thread)");
    }
    m_sites[m_site_count] = {pc, who};
    slot = std::uint64_t{pc} << 32 | m_site_count++;
    ++t.used;
  }
  const auto found = static_cast<std::uint32_t>(slot);
  m_site_cache[((pc >> 2) ^ (tid * 0x9e37u)) % m_site_cache.size()] = {pc, pid, tid, found};
  return found;
}

writer_record coherence_checker::expand(const word_writer& w) const {
  writer_record r;
  const auto& [pc, who] = m_sites[w.bits & ((std::uint64_t{1} << SITE_BITS) - 1)];
  if (who == NEVER_WRITTEN) return r;
  r.known = true;
  if (who == DEBUG_WRITE) {
    r.debug = true;
    return r;
  }
  r.who.cycle = w.bits >> SITE_BITS;
  r.who.pc = pc;
  r.who.pid = m_threads[who - FIRST_THREAD].pid;
  r.who.tid = m_threads[who - FIRST_THREAD].tid;
  return r;
}

void coherence_checker::write(std::uint64_t paddr, const std::uint8_t* data, unsigned len,
                              const word_writer& w) {
  while (len > 0) {
    region* r = find(paddr, 1);
    if (r == nullptr) return;
    const std::uint64_t off = paddr - r->base;
    const unsigned n = std::min(len, PAGE - static_cast<unsigned>(off % PAGE));
    write_in_page(*r, off, data, n, w);
    paddr += n;
    data += n;
    len -= n;
  }
}

void coherence_checker::debug_write(std::uint64_t paddr, const std::uint8_t* data, unsigned len) {
  write(paddr, data, len, word_writer{1});  // site 1, cycle 0
}

void coherence_checker::read_shadow(std::uint64_t paddr, std::uint8_t* out, unsigned len) const {
  for (unsigned i = 0; i < len; ++i) {
    const region* r = find(paddr + i, 1);
    out[i] = 0;
    if (r == nullptr) continue;
    const std::uint64_t off = paddr + i - r->base;
    if (const page* p = r->pages[off / PAGE]) out[i] = p->bytes[off % PAGE];
  }
}

stale_read* coherence_checker::check_load_mismatch(std::uint64_t paddr, const std::uint8_t* data,
                                                   unsigned len, const access_extension& ext,
                                                   const access_context& who) {
  std::uint8_t expected[8] = {};
  const unsigned n = std::min(len, 8u);
  read_shadow(paddr, expected, n);
  if (std::memcmp(expected, data, n) == 0) return nullptr;
  ++m_stale;
  stale_read& s = m_scratch;
  s = stale_read{};
  s.who = who;
  s.vaddr = ext.vaddr;
  s.space = ext.space;
  s.privilege = ext.privilege;
  s.paddr = paddr;
  s.len = n;
  s.expected = be_value(expected, n);
  s.observed = be_value(data, n);
  unsigned first = 0;
  while (first < n && expected[first] == data[first]) ++first;
  s.byte_paddr = paddr + first;
  if (const region* wr = find(s.byte_paddr, 1)) {
    const std::uint64_t woff = s.byte_paddr - wr->base;
    if (const page* wp = wr->pages[woff / PAGE]) {
      s.last_writer = expand(wp->writers[(woff % PAGE) / 4]);
    }
  }
  return &s;
}

// ---------------------------------------------------------------- probe

coherence_probe::coherence_probe(sc_core::sc_module_name name, coherence_checker& checker,
                                 context_fn context)
    : sc_module(name),
      cpu_socket("cpu_socket"),
      cache_socket("cache_socket"),
      m_checker(checker),
      m_context(std::move(context)) {
  cpu_socket.register_b_transport(this, &coherence_probe::b_transport);
  cpu_socket.register_transport_dbg(this, &coherence_probe::transport_dbg);
}

void coherence_probe::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  if (answer_interface_query<access_observer>(gp, this)) return;
  access_extension* ext = gp.get_extension<access_extension>();
  const tlm::tlm_command cmd = gp.get_command();
  if (cmd == tlm::TLM_IGNORE_COMMAND && ext == nullptr) {
    // Not a cache operation (e.g. a query for a cache behind the socket, to
    // bypass the socket): the probe must see every access, so it answers
    // such requests itself and does not pass them on.
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
    return;
  }
  if (cmd != tlm::TLM_IGNORE_COMMAND) before_access();
  cache_socket->b_transport(gp, delay);
  if (!gp.is_response_ok()) return;
  observe(cmd, gp.get_address(), gp.get_data_ptr(), gp.get_data_length(), ext);
}

pavp::cache* coherence_probe::observed_cache() {
  return find_cache(cache_socket);
}

// Inlined into its two callers: the fused after_hit() is the path of most
// of a firmware run's accesses.
__attribute__((always_inline)) inline void coherence_probe::observe_data(
    tlm::tlm_command cmd, std::uint64_t paddr, std::uint8_t* data, unsigned len,
    const access_extension* ext) {
  if (m_on_data) m_on_data(paddr, data, len, cmd == tlm::TLM_WRITE_COMMAND, ext);
  if (cmd == tlm::TLM_WRITE_COMMAND) {
    m_checker.store_if_tracked(paddr, data, len, m_context);
  } else if (cmd == tlm::TLM_READ_COMMAND && ext != nullptr && ext->kind == access_kind::LOAD) {
    if (stale_read* s = m_checker.check_load(paddr, data, len, *ext, access_context{})) {
      report(*s);
    }
  }
}

void coherence_probe::report(stale_read& s) {
  s.who = m_context();
  const bool first = !m_checker.first().has_value();
  if (m_on_stale) m_on_stale(s, first);
  if (first) m_checker.first() = s;
}

void coherence_probe::observe(tlm::tlm_command cmd, std::uint64_t paddr, std::uint8_t* data,
                              unsigned len, const access_extension* ext) {
  if (cmd == tlm::TLM_IGNORE_COMMAND) {
    if (ext != nullptr && ext->op != cache_op::NONE && m_on_cache_op) m_on_cache_op(*ext, paddr);
    return;
  }
  observe_data(cmd, paddr, data, len, ext);
}

void coherence_probe::after_access(tlm::tlm_command cmd, std::uint64_t paddr, std::uint8_t* data,
                                   unsigned len, const access_extension& ext) {
  observe(cmd, paddr, data, len, &ext);
}

void coherence_probe::after_hit(tlm::tlm_command cmd, std::uint64_t paddr, std::uint8_t* data,
                                unsigned len, const access_extension& ext) {
  before_access();
  observe_data(cmd, paddr, data, len, &ext);
}

void coherence_probe::after_stores(const observed_store* stores, std::size_t count) {
  const access_context now = m_context();
  m_checker.store_batch(stores, count, now.pid, now.tid);
}

unsigned coherence_probe::transport_dbg(tlm::tlm_generic_payload& gp) {
  const unsigned n = cache_socket->transport_dbg(gp);
  if (gp.get_command() == tlm::TLM_WRITE_COMMAND && n > 0) {
    m_checker.debug_write(gp.get_address(), gp.get_data_ptr(), n);
  }
  return n;
}

}  // namespace pavp
