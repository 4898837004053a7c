// Loops of the ISS that execute as host code (run_translator::loop_plan):
// finding them in the decoded lines, making a loop's plan for the context
// it first runs in, and running it from the interpreter, which then takes
// the loop's counts, cycles, queue and fetch line as if it had executed
// every instruction itself.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "pavp/cpu/iss.h"

namespace pavp::cpu {

namespace {

constexpr unsigned PAGE_SLOTS = 1024;

// The loop the branch at slot b of a page closes: its first slot h (the
// branch's target), when the branch goes back, every slot from h to the
// branch is a loop instruction (loop_body_insn) or a way out of it, and its
// delay slot is a loop instruction; else -1. A way out is a forward
// compare-and-branch past the delay slot whose delay slot is a loop
// instruction before B (run_translator::loop_plan).
int loop_first(const run_translator& runs, const decoded_insn* page, unsigned b) {
  if (b + 1 >= PAGE_SLOTS) return -1;
  const decoded_insn& d = runs.decoded(page[b]);
  if (d.imm >= 0 || (d.imm & 3) != 0 || !run_translator::translatable_branch(d)) return -1;
  // B,N would nullify D in every iteration.
  if (d.code == op::BL && (d.flags & F_NULLIFY) != 0) return -1;
  const std::int64_t h = std::int64_t{b} + 2 + d.imm / 4;
  if (h < 0 || std::int64_t{b} + 2 - h > run_translator::MAX_LOOP) return -1;
  for (auto x = static_cast<unsigned>(h); x < b; ++x) {
    const decoded_insn& slot = runs.decoded(page[x]);
    if (run_translator::loop_body_insn(slot)) continue;
    if (!run_translator::translatable_branch(slot) || slot.code == op::BL || slot.imm < 0 ||
        (slot.imm & 3) != 0 || std::int64_t{x} + 2 + slot.imm / 4 <= std::int64_t{b} + 1 ||
        x + 1 >= b || !run_translator::loop_body_insn(runs.decoded(page[x + 1]))) {
      return -1;
    }
  }
  return run_translator::loop_body_insn(runs.decoded(page[b + 1])) ? static_cast<int>(h) : -1;
}

// A way out of a loop: a compare-and-branch in it other than the branch back
// (a forward B, taken always, is none: loop_first() takes no loop with one).
bool way_out(const decoded_insn& d) {
  return run_translator::translatable_branch(d) && d.code != op::BL && d.imm >= 0;
}

}  // namespace

void iss::find_loops(decoded_insn* page, unsigned first, unsigned count) {
  // A loop with a slot in these: its branch back lies from just before
  // them (its delay slot here, decoded last as the branch first executes)
  // to MAX_LOOP slots after them (its body decoded after the branch, when
  // the loop was entered in the middle). The loop is entered at the first
  // run that starts in it (in execution order from its first slot): that
  // slot is marked.
  const unsigned from = first > 0 ? first - 1 : 0;
  const unsigned to = first + count + run_translator::MAX_LOOP;
  for (unsigned b = from; b < to && b + 1 < PAGE_SLOTS; ++b) {
    // Most slots hold no branch back: a displacement that is none, first.
    const std::int32_t back = m_runs.decoded(page[b]).imm;
    if (back >= 0 || (back & 3) != 0) continue;
    const int h = loop_first(m_runs, page, b);
    if (h < 0) continue;
    for (auto x = static_cast<unsigned>(h); x <= b; ++x) {
      if (page[x].code == op::LOOP) break;  // known
      if (page[x].code != op::RUN) continue;
      const auto run_index = static_cast<std::uint32_t>(page[x].imm);
      if (m_runs.at(run_index).loop != run_translator::NO_LOOP) break;
      m_runs.set_loop(run_index, run_translator::LOOP_WANTED);
      page[x].code = op::LOOP;
      break;
    }
  }
}

std::int32_t iss::make_loop(decoded_insn& head, std::uint32_t pc) {
  cache_core* const icache = m_bus.fetch_hit_cache();
  cache_core* const dcache = m_bus.data_hit_cache_now();
  // Absolute data accesses through both caches' hit paths only; with an
  // observer of the hits, each hit is told to it (loop_observe()).
  if (icache == nullptr || dcache == nullptr || (m_state.psw & PSW_D) != 0) {
    return run_translator::LOOP_REFUSED;
  }
  const bool observed = m_bus.data_hits_observed();
  const unsigned in_page = static_cast<unsigned>(m_line_paddr & 0xfffu) >> 2;
  decoded_insn* const page = m_line_slots - in_page;
  // The loop through the entry slot e: the first branch from e on closes it.
  const auto e = static_cast<unsigned>(&head - page);
  unsigned b = e;
  while (b < PAGE_SLOTS - 1 && b - e < run_translator::MAX_LOOP &&
         (!run_translator::translatable_branch(m_runs.decoded(page[b])) ||
          way_out(m_runs.decoded(page[b])))) {
    ++b;
  }
  const int first = loop_first(m_runs, page, b);
  if (first < 0 || static_cast<unsigned>(first) > e) return run_translator::LOOP_REFUSED;
  const auto h = static_cast<unsigned>(first);
  const unsigned n = b + 2 - h;

  // The iteration from e: e .. b, the delay slot, then h .. e - 1.
  run_translator::loop_plan plan;
  plan.icache = icache->view_for_host_code();
  plan.dcache = dcache->view_for_host_code();
  std::vector<unsigned> slot_of;
  for (unsigned x = e; x <= b + 1; ++x) slot_of.push_back(x);
  for (unsigned x = h; x < e; ++x) slot_of.push_back(x);
  plan.branch_at = b - e;
  bool fp = false;
  for (unsigned i = 0; i < n; ++i) {
    const decoded_insn& d = m_runs.decoded(page[slot_of[i]]);
    if (run_translator::loop_store_insn(d) && !plan.dcache.fast_stores)
      return run_translator::LOOP_REFUSED;
    // An observer is told the bytes a load read: a word load into GR0
    // keeps none of them.
    if (observed && d.code == op::LOAD_SIMPLE && d.t == 0) return run_translator::LOOP_REFUSED;
    fp = fp || d.code == op::FLOAD || d.code == op::FSTORE || d.code == op::XMPYU;
    plan.insns.push_back(d);
  }
  const decoded_insn& branch = plan.insns[plan.branch_at];
  plan.nullify_not_taken = (branch.flags & F_NULLIFY) != 0;  // backward: ,N when not taken

  // The loop's lines: each a fetched entry, key and physical line.
  const std::uint32_t entry_vaddr = pc & ~3u;
  const std::uint32_t priv = pc & 3u;
  const std::uint64_t entry_paddr = m_line_paddr + (entry_vaddr & m_line_mask);
  // The address of slot x (privilege bits with it) and its physical address.
  auto pc_of = [&](unsigned x) { return pc + 4 * (x - e); };
  auto paddr_of = [&](unsigned x) { return entry_paddr + 4 * (std::int64_t{x} - e); };
  loop_record rec;
  rec.head_pc = pc;
  rec.space = m_state.iasq_f;
  rec.count = n;
  rec.fp = fp;
  std::vector<unsigned> line_of(n);
  for (unsigned i = 0; i < n; ++i) {
    const std::uint32_t vline = (pc_of(slot_of[i]) & ~3u) & ~m_line_mask;
    const std::uint64_t pline = paddr_of(slot_of[i]) & ~std::uint64_t{m_line_mask};
    unsigned found = 0;
    while (found < rec.lines.size() && rec.lines[found].paddr != pline) ++found;
    if (found == rec.lines.size()) {
      loop_line ln;
      ln.index = fetched_index(vline);
      ln.paddr = pline;
      ln.slots = page + ((pline & 0xfffu) >> 2);
      ln.key = vline | priv;
      rec.lines.push_back(ln);
    }
    line_of[i] = found;
  }
  // Two of its lines in one entry would not both stay current.
  for (unsigned a = 0; a < rec.lines.size(); ++a) {
    for (unsigned c = a + 1; c < rec.lines.size(); ++c) {
      if (rec.lines[a].index == rec.lines[c].index) return run_translator::LOOP_REFUSED;
    }
  }
  plan.change_before.assign(n, -1);
  for (unsigned i = 1; i < n; ++i) {
    if (line_of[i] != line_of[i - 1]) plan.change_before[i] = static_cast<int>(line_of[i]);
  }
  plan.back_change = line_of[n - 1] != 0 ? 0 : -1;
  rec.line_entries.assign(rec.lines.size(), nullptr);
  plan.line_entries = rec.line_entries.data();  // (moves with rec, not its elements)
  plan.absolute_rights = m_absolute_rights_table;
  plan.read_right = ABSOLUTE_READ;
  plan.write_right = ABSOLUTE_WRITE;

  // The tallies, from the body's start (H fetched and charged), in the
  // interpreter's order: before an instruction its fetch (a change of line:
  // a repeat hit) and its base cycles, then its access, its completion;
  // after the branch, taken, the taken-branch cycles.
  rec.fetch_hit_cycles = m_bus.fetch_hit_cycles();
  rec.data_hit_cycles = m_bus.data_hit_cycles();
  rec.stops.assign(3 * n + 2, loop_stop{});
  loop_tally t;
  auto stop_at = [&](unsigned k, unsigned line, std::uint32_t f, std::uint32_t back, bool n_bit,
                     bool b_bit) {
    loop_stop& x = rec.stops[k];
    x.tally = t;
    x.line = line;
    x.iaoq_f = f;
    x.iaoq_b = back;
    x.psw_n = n_bit;
    x.psw_b = b_bit;
  };
  const unsigned delay_slot = b + 1;
  for (unsigned i = 0; i < n; ++i) {
    const decoded_insn& d = plan.insns[i];
    const std::uint32_t at = pc_of(slot_of[i]);
    const bool in_delay_slot = slot_of[i] == delay_slot;
    const std::uint32_t back = in_delay_slot ? pc_of(h) : at + 4;
    if (i == 0) {
      stop_at(1, 0, at, back, false, false);  // (no stop before the entry)
      stop_at(2, 0, at, back, false, false);
    } else {
      stop_at(1 + 2 * i, line_of[i - 1], at, back, false, in_delay_slot);
      if (plan.change_before[i] >= 0) {
        t.cycles += rec.fetch_hit_cycles;
        ++t.fetch_lines;
      }
      stop_at(2 + 2 * i, line_of[i], at, back, false, in_delay_slot);
      t.cycles += d.cycles;
    }
    if (run_translator::loop_access_insn(d)) {
      t.cycles += rec.data_hit_cycles;
      ++(run_translator::loop_store_insn(d) ? t.stores : t.loads);
    }
    ++t.instructions;
    if (i != plan.branch_at && way_out(d)) {  // taken: out, its delay slot next
      const loop_tally through = t;
      t.cycles += m_config.taken_branch_cycles;
      ++t.taken_branches;
      stop_at(2 * n + 2 + i, line_of[i], at + 4, at + 8 + static_cast<std::uint32_t>(d.imm),
              (d.flags & F_NULLIFY) != 0, true);
      t = through;
    }
    if (i == plan.branch_at) {
      const std::uint32_t slot = pc_of(delay_slot);
      stop_at(2 * n + 1, line_of[i], slot, slot + 4, plan.nullify_not_taken, false);
      t.cycles += m_config.taken_branch_cycles;
      ++t.taken_branches;
    }
  }
  stop_at(0, line_of[n - 1], pc, pc + 4, false, false);
  if (plan.back_change >= 0) {
    t.cycles += rec.fetch_hit_cycles;
    ++t.fetch_lines;
  }
  t.cycles += plan.insns[0].cycles;
  rec.iteration = t;
  // The stop at the top comes after the iteration it completes was
  // counted: less H's fetch and base cycles.
  loop_tally& top = rec.stops[0].tally;
  top.cycles -= t.cycles;
  top.fetch_lines -= t.fetch_lines;
  top.instructions -= t.instructions;
  top.loads -= t.loads;
  top.stores -= t.stores;
  top.taken_branches -= t.taken_branches;
  plan.iteration_cycles = t.cycles;

  plan.miss = &iss::loop_miss;
  if (observed) plan.observe = &iss::loop_observed_hit;
  // An observer that takes store hits in batches gets the integer stores'
  // from the log (tell_logged_stores()).
  const bool logs_stores = observed && m_bus.observer_takes_stores() &&
                           plan.iteration_cycles <= std::numeric_limits<std::int32_t>::max();
  if (logs_stores) {
    if (m_store_records.empty()) m_store_records.resize(STORE_LOG_RECORDS);
    m_store_log.next = m_store_records.data();
    m_store_log.end = m_store_records.data() + m_store_records.size();
    plan.stores = &m_store_log;
    // Each store's cycle within the iteration and pc, as loop_observe()
    // would set them: before instruction i, charged its base cycles.
    for (unsigned i = 0; i < n; ++i) {
      const loop_stop& x = rec.stops[2 + 2 * i];
      plan.store_cycles.push_back(x.tally.cycles + plan.insns[i].cycles);
      plan.store_pcs.push_back(x.iaoq_f);
    }
  }
  plan.miss_context = this;
  plan.state = &m_state;
  plan.loop_index = static_cast<std::uint32_t>(m_loops.size());
  rec.insns = plan.insns;
  rec.code = m_runs.make_loop_code(plan);
  if (rec.code == nullptr) return run_translator::LOOP_REFUSED;
  rec.icache = icache;
  rec.dcache = dcache;
  rec.observed = observed;
  rec.logs_stores = logs_stores;
  rec.icache_entries = static_cast<std::uint8_t*>(plan.icache.entries);
  rec.icache_entry_bytes = plan.icache.entry_bytes;
  rec.rights = m_absolute_rights_table;
  rec.first_slot = page + h;
  for (unsigned i = 0; i < n; ++i) rec.words.push_back(page[h + i].raw);
  rec.code_changes = m_code_changes;
  m_loops.push_back(std::move(rec));
  return static_cast<std::int32_t>(m_loops.size() - 1);
}

__attribute__((always_inline)) inline void iss::set_loop_position(const loop_record& l,
                                                                  std::uint64_t iterations,
                                                                  const loop_stop& x) {
  const loop_tally& t = l.iteration;
  m_stats.instructions =
      m_loop_start.instructions + iterations * t.instructions + x.tally.instructions;
  m_stats.cycles =
      m_loop_start.cycles + iterations * t.cycles + x.tally.cycles + m_loop_extra_cycles;
  m_state.iaoq_f = x.iaoq_f;
  m_state.iaoq_b = x.iaoq_b;
  m_state.psw_n = x.psw_n;
  m_state.psw_b = x.psw_b;
}

__attribute__((always_inline)) inline void iss::set_loop_state(const loop_record& l,
                                                               std::uint64_t iterations,
                                                               const loop_stop& x) {
  set_loop_position(l, iterations, x);
  const loop_tally& t = l.iteration;
  m_stats.fetch_lines = m_loop_start.fetch_lines + iterations * t.fetch_lines + x.tally.fetch_lines;
  m_stats.loads = m_loop_start.loads + iterations * t.loads + x.tally.loads;
  m_stats.stores = m_loop_start.stores + iterations * t.stores + x.tally.stores;
  m_stats.taken_branches =
      m_loop_start.taken_branches + iterations * t.taken_branches + x.tally.taken_branches;
}

__attribute__((always_inline)) inline iss::fetch_lines_seen iss::seen_fetch_lines(
    const loop_record& l) const {
  return {l.icache->lines_dropped(), l.icache->debug_writes(), m_epoch};
}

__attribute__((always_inline)) inline std::uint64_t iss::loop_goes_on(
    const loop_record& l, std::uint64_t iterations, const fetch_lines_seen& before) const {
  // The memory system and the observers leave the fetch lines alone (a
  // data access does not touch the instruction cache): the loop's lines
  // still repeat as hits (loop_lines_repeat()) unless a line of the
  // instruction cache was dropped or written, or the fetched lines were,
  // meanwhile; then the code stops here.
  if (m_line_key == NO_LINE_KEY || m_epoch != before.epoch ||
      l.icache->lines_dropped() != before.dropped ||
      l.icache->debug_writes() != before.debug_writes) {
    return run_translator::LOOP_MISS_STOP;
  }
  // Every check before the iteration's end must stay short of the next
  // event, as at the top of each iteration.
  const std::uint64_t bound =
      m_loop_start.cycles + (iterations + 1) * l.iteration.cycles + m_loop_extra_cycles;
  return m_event_at > bound ? m_event_at - bound : run_translator::LOOP_MISS_STOP;
}

iss::loop_outcome iss::run_loop(decoded_insn& head, std::uint32_t pc) {
  const auto run_index = static_cast<std::uint32_t>(head.imm);
  std::int32_t index = m_runs.at(run_index).loop;
  if (index == run_translator::LOOP_WANTED) {
    index = make_loop(head, pc);
    m_runs.set_loop(run_index, index);
  }
  if (index < 0) {
    head.code = op::RUN;
    return loop_outcome::NOT_RUN;
  }
  loop_record& l = m_loops[static_cast<std::size_t>(index)];
  // The context it was made for.
  if (pc != l.head_pc || m_state.iasq_f != l.space || m_line_paddr != l.lines[0].paddr ||
      (m_state.psw & PSW_D) != 0 || (l.fp && !m_state.fpu_enabled()) ||
      m_bus.data_hit_cache_now() != l.dcache || m_bus.fetch_hit_cache() != l.icache ||
      m_bus.data_hits_observed() != l.observed ||
      (l.logs_stores && !m_bus.observer_takes_stores()) || m_absolute_rights_table != l.rights ||
      m_bus.data_hit_cycles() != l.data_hit_cycles ||
      m_bus.fetch_hit_cycles() != l.fetch_hit_cycles) {
    return loop_outcome::NOT_RUN;
  }
  // Its words as made (a line of it may have been fetched anew since).
  if (l.code_changes != m_code_changes) {
    for (std::size_t i = 0; i < l.words.size(); ++i) {
      if (l.first_slot[i].raw != l.words[i] || l.first_slot[i].code == op::UNDECODED) {
        m_runs.set_loop(run_index, run_translator::LOOP_REFUSED);
        head.code = op::RUN;
        return loop_outcome::NOT_RUN;
      }
    }
    l.code_changes = m_code_changes;
  }
  if (!loop_lines_repeat(l)) return loop_outcome::NOT_RUN;
  // The first iteration must fit before the instruction limit (or the
  // recovery counter's check) and the next event, as each next one.
  const std::uint64_t insns = m_stats.instructions;
  const std::uint64_t cycles = m_stats.cycles;
  if (insns >= m_insn_stop || cycles >= m_event_at) return loop_outcome::NOT_RUN;
  const std::uint64_t insn_room = m_insn_stop - insns;
  const std::uint64_t cycle_room = m_event_at - cycles;
  if (insn_room < l.count || cycle_room <= l.iteration.cycles) return loop_outcome::NOT_RUN;
  m_loop_start = loop_tally{insns,         cycles,         m_stats.fetch_lines,
                            m_stats.loads, m_stats.stores, m_stats.taken_branches};
  m_loop_extra_cycles = 0;
  m_store_log.cycle_base = cycles;
  m_loop_fault = false;
  std::uint32_t stop = 0;
  const std::uint64_t done =
      l.code(m_state, insn_room - l.count, cycle_room - l.iteration.cycles, &stop);
  if (l.logs_stores) tell_logged_stores();
  const loop_stop& x = l.stops[stop];
  m_loop_instructions += done * l.iteration.instructions + x.tally.instructions;
  // (The miss path and the observer were given counts on the way: these
  // are from the start.)
  set_loop_state(l, done, x);
  // The line the stop is in is current -- unless the memory system took
  // the fetch line away meanwhile (drop_fetch_line(): fetched again).
  if (m_line_key != NO_LINE_KEY) {
    const loop_line& line = l.lines[x.line];
    m_cur_fetched = line.index;
    m_line_paddr = line.paddr;
    m_line_slots = line.slots;
    m_line_key = line.key;
    m_line_space = l.space;
  }
  if (m_loop_fault) {  // the instruction charged, its access's cycles spent
    m_stats.cycles += l.insns[(stop - 2) / 2].cycles + m_loop_fault_cycles;
    return loop_outcome::BUS_ERROR;
  }
  return loop_outcome::RAN;
}

bool iss::loop_lines_repeat(loop_record& l) {
  if (l.lines.size() < 2) return true;  // no change of line
  for (std::size_t k = 0; k < l.lines.size(); ++k) {
    const loop_line& line = l.lines[k];
    const fetched_line& f = m_fetched[line.index];
    if (f.key != line.key || f.key_space != l.space || f.key_epoch != m_epoch ||
        f.paddr != line.paddr || !l.icache->holds(f.token)) {
      return false;
    }
    l.line_entries[k] = l.icache_entries + f.token.entry * l.icache_entry_bytes;
  }
  return true;
}

std::uint64_t iss::loop_miss(void* self, std::uint32_t loop, std::uint64_t iterations,
                             std::uint32_t i, std::uint32_t address) {
  return static_cast<iss*>(self)->loop_access(loop, iterations, i, address);
}

__attribute__((always_inline)) inline std::uint32_t iss::loop_access_space(
    const decoded_insn& d) const {
  return d.pos ? m_state.sr[d.pos] : m_state.sr[4 + (m_state.gr[d.r2] >> 30)];
}

__attribute__((always_inline)) inline void iss::loop_register_bytes(const decoded_insn& d,
                                                                    std::uint8_t (&buf)[8]) const {
  std::uint64_t value = m_state.gr[d.t];
  if (d.code == op::FLOAD || d.code == op::FSTORE) {
    value = d.a == 3 ? m_state.fr[d.t] : m_state.frw(d.t);
  }
  value = __builtin_bswap64(value);
  std::memcpy(buf, &value, 8);
}

std::uint64_t iss::loop_access(std::uint32_t loop, std::uint64_t iterations, std::uint32_t i,
                               std::uint32_t address) {
  const loop_record& l = m_loops[loop];
  const decoded_insn& d = l.insns[i];
  const fetch_lines_seen before = seen_fetch_lines(l);
  // The logged stores that touch this access's bytes first (the observer
  // hears of the miss after it); the others may stay logged.
  if (l.logs_stores && logged_stores_touch(address, 1u << d.a)) tell_logged_stores();
  // The count, cycles and queue before instruction i as run_loop() would
  // leave them there, the instruction charged (the memory system and an
  // observer read them).
  set_loop_position(l, iterations, l.stops[2 + 2 * i]);
  m_stats.cycles += d.cycles;
  // The interpreter's LOAD_SIMPLE / STORE_SIMPLE / FLOAD / FSTORE after
  // the hit path declined: the miss path, with the space the instruction
  // names. A value travels big-endian in the last `bytes` bytes of buf.
  const bool fp = d.code == op::FLOAD || d.code == op::FSTORE;
  const bool is_store = run_translator::loop_store_insn(d);
  const unsigned bytes = 1u << d.a;
  const std::uint32_t space = loop_access_space(d);
  std::uint8_t buf[8] = {};
  if (is_store) loop_register_bytes(d, buf);
  std::uint64_t cycles = 0;
  const bool ok = m_bus.data_miss(is_store ? access_kind::STORE : access_kind::LOAD, address, space,
                                  static_cast<std::uint8_t>(l.head_pc & 3u), address,
                                  buf + 8 - bytes, bytes, cycles);
  if (!ok) {
    m_loop_fault = true;
    m_loop_fault_cycles = cycles;
    m_loop_fault_space = space;
    m_loop_fault_address = address;
    m_loop_fault_word = d.raw;
    return run_translator::LOOP_MISS_FAULT;
  }
  if (!is_store) {
    std::uint64_t value;
    std::memcpy(&value, buf, 8);
    value = __builtin_bswap64(value);
    if (!fp) {
      if (d.t != 0) m_state.gr[d.t] = static_cast<std::uint32_t>(value);
    } else if (bytes == 8) {
      m_state.fr[d.t] = value;
    } else {
      m_state.set_frw(d.t, static_cast<std::uint32_t>(value));
    }
  }
  // The tallies count a hit's cycles for it.
  m_loop_extra_cycles += cycles - l.data_hit_cycles;
  m_store_log.cycle_base = m_loop_start.cycles + m_loop_extra_cycles;
  return loop_goes_on(l, iterations, before);
}

std::uint64_t iss::loop_observed_hit(void* self, std::uint32_t loop, std::uint64_t iterations,
                                     std::uint32_t i, std::uint32_t address) {
  return static_cast<iss*>(self)->loop_observe(loop, iterations, i, address);
}

std::uint64_t iss::loop_observe(std::uint32_t loop, std::uint64_t iterations, std::uint32_t i,
                                std::uint32_t address) {
  const loop_record& l = m_loops[loop];
  const decoded_insn& d = l.insns[i];
  const fetch_lines_seen before = seen_fetch_lines(l);
  const bool fp = d.code == op::FLOAD || d.code == op::FSTORE;
  const bool is_store = run_translator::loop_store_insn(d);
  const unsigned bytes = 1u << d.a;
  // The bytes stored, or loaded (in the register now).
  std::uint8_t buf[8];
  loop_register_bytes(d, buf);
  if (l.logs_stores) {
    // An integer store's call comes when the log is full, its record in it.
    if (is_store && !fp) {
      tell_logged_stores();
      return loop_goes_on(l, iterations, before);
    }
    // A load told in brief (access_observer::after_quiet_load()) after the
    // logged stores that touch its bytes, if any; the others stay logged.
    if (!is_store) {
      if (logged_stores_touch(address, bytes)) tell_logged_stores();
      if (m_bus.observe_quiet_load(address, buf + 8 - bytes, bytes)) {
        return loop_goes_on(l, iterations, before);
      }
    }
    tell_logged_stores();  // the stores before this hit first
  }
  // As the interpreter tells a hit (execute_as<true>): after the access,
  // before the instruction completes -- its base cycles charged, the hit's
  // not yet -- with the state and the counts written back.
  set_loop_state(l, iterations, l.stops[2 + 2 * i]);
  m_stats.cycles += d.cycles;
  m_bus.observe_data_hit(is_store ? access_kind::STORE : access_kind::LOAD, address,
                         loop_access_space(d), static_cast<std::uint8_t>(l.head_pc & 3u), address,
                         buf + 8 - bytes, bytes);
  return loop_goes_on(l, iterations, before);
}

void iss::tell_logged_stores() {
  const auto count = static_cast<std::size_t>(m_store_log.next - m_store_records.data());
  m_store_span = {};
  if (count == 0) return;
  m_store_log.next = m_store_records.data();
  m_bus.observe_store_hits(m_store_records.data(), count);
}

bool iss::logged_stores_touch(std::uint32_t address, unsigned bytes) {
  store_span& s = m_store_span;
  if (s.seen == nullptr) s.seen = m_store_records.data();
  for (; s.seen != m_store_log.next; ++s.seen) {
    s.low = std::min(s.low, s.seen->paddr);
    s.high = std::max(s.high, s.seen->paddr + s.seen->len);
  }
  return address < s.high && s.low < std::uint64_t{address} + bytes;
}

}  // namespace pavp::cpu
