// PA-RISC 1.1 ISS core: fetch, pre-decode cache and execution.
//
// Semantics follow the PA-RISC 1.1 architecture as summarised in
// parisc-isa.md §2; where that is silent, QEMU target/hppa/translate.c
// (do_add, do_sub, do_cond, do_unit_cond, trans_ds, do_cbranch, ...) was read
// as the most detailed public description.
#include "pavp/cpu/iss.h"

#include "pavp/cache/cache_core.h"
#include "pavp/cpu/fpu.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <iterator>

namespace pavp::cpu {

// The pre-decoded instructions of one physical page, and the page's bytes as
// they were when their slots were last checked: slot i holds the decoding of
// the word at bytes[4 * i] (or UNDECODED with that word as raw).
// fetched_by names, per line of the page, the entry of m_fetched that
// fetched it last: the one entry that may fetch it again (refetch).
struct iss::decoded_page {
  decoded_insn insn[1024];
  alignas(64) std::uint8_t bytes[4096] = {};
  std::uint16_t fetched_by[1024] = {};
};

const char* to_string(stop_reason reason) {
  switch (reason) {
    case stop_reason::INSN_LIMIT:
      return "instruction limit";
    case stop_reason::TRAP:
      return "trap";
    case stop_reason::BUS_ERROR:
      return "bus error";
    case stop_reason::UNIMPLEMENTED:
      return "unimplemented";
    case stop_reason::GATEWAY:
      return "gateway";
  }
  return "?";
}

namespace {

inline std::uint32_t load_be32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

inline void store_be32(std::uint8_t* p, std::uint32_t v) {
  p[0] = static_cast<std::uint8_t>(v >> 24);
  p[1] = static_cast<std::uint8_t>(v >> 16);
  p[2] = static_cast<std::uint8_t>(v >> 8);
  p[3] = static_cast<std::uint8_t>(v);
}

inline bool msb(std::uint32_t v) {
  return (v >> 31) != 0;
}

// Carry out of every bit position of a + b (+ carry in) = res: bit i is the
// carry out of bit i (holds for any carry in).
inline std::uint32_t carry_out(std::uint32_t a, std::uint32_t b, std::uint32_t res) {
  return (a & b) | ((a | b) & ~res);
}

// Add-type conditions (ADD, ADDI, ADDB, SUB,B, DS): cf = c*2+f, table 5-1 of
// the PA 1.1 manual, QEMU do_cond.
inline bool cond_add(unsigned cf, std::uint32_t res, bool carry, bool sv) {
  bool r;
  switch (cf >> 1) {
    case 0:
      r = false;
      break;  // never / TR
    case 1:
      r = res == 0;
      break;  // = / <>
    case 2:
      r = msb(res) != sv;
      break;  // < / >=
    case 3:
      r = (msb(res) != sv) || res == 0;
      break;  // <= / >
    case 4:
      r = !carry;
      break;  // NUV / UV
    case 5:
      r = !carry || res == 0;
      break;  // ZNV / VNZ
    case 6:
      r = sv;
      break;  // SV / NSV
    default:
      r = (res & 1u) != 0;
      break;  // OD / EV
  }
  return r != ((cf & 1u) != 0);
}

// Compare/subtract conditions on a - b (COMB, COMCLR, SUB, COMIB, COMICLR,
// SUBI): full-precision comparisons (QEMU do_sub_cond).
inline bool cond_sub(unsigned cf, std::uint32_t a, std::uint32_t b, std::uint32_t res, bool sv) {
  bool r;
  const auto sa = static_cast<std::int32_t>(a);
  const auto sb = static_cast<std::int32_t>(b);
  switch (cf >> 1) {
    case 0:
      r = false;
      break;
    case 1:
      r = a == b;
      break;
    case 2:
      r = sa < sb;
      break;
    case 3:
      r = sa <= sb;
      break;
    case 4:
      r = a < b;
      break;  // << (borrow)
    case 5:
      r = a <= b;
      break;  // <<=
    case 6:
      r = sv;
      break;
    default:
      r = (res & 1u) != 0;
      break;
  }
  return r != ((cf & 1u) != 0);
}

// Logical conditions (AND, OR, XOR, ANDCM). The undefined encodings behave as
// if C=0 and V=0 (QEMU do_log_cond).
inline bool cond_logic(unsigned cf, std::uint32_t res) {
  const auto s = static_cast<std::int32_t>(res);
  switch (cf) {
    case 0:
    case 9:
    case 11:
    case 12:
      return false;
    case 1:
    case 8:
    case 10:
    case 13:
      return true;
    case 2:
      return res == 0;
    case 3:
      return res != 0;
    case 4:
      return s < 0;
    case 5:
      return s >= 0;
    case 6:
      return s <= 0;
    case 7:
      return s > 0;
    case 14:
      return (res & 1u) != 0;
    default:
      return (res & 1u) == 0;
  }
}

// Shift/extract/deposit/MOVB conditions (3-bit c): never, =, <, OD, and their
// negations (QEMU do_sed_cond).
inline bool cond_sed(unsigned c, std::uint32_t res) {
  bool r;
  switch (c & 3u) {
    case 0:
      r = false;
      break;
    case 1:
      r = res == 0;
      break;
    case 2:
      r = msb(res);
      break;
    default:
      r = (res & 1u) != 0;
      break;
  }
  return r != ((c & 4u) != 0);
}

// Unit conditions (UXOR, UADDCM, DCOR): cout is the carry-out vector of the
// operation (QEMU do_unit_cond).
inline bool cond_unit(unsigned cf, std::uint32_t res, std::uint32_t cout) {
  bool r;
  switch (cf >> 1) {
    case 2:
      r = ((res - 0x01010101u) & ~res & 0x80808080u) != 0;
      break;  // SBZ
    case 3:
      r = ((res - 0x00010001u) & ~res & 0x80008000u) != 0;
      break;  // SHZ
    case 4:
      r = (cout & 0x88888888u) != 0;
      break;  // SDC
    case 6:
      r = (cout & 0x80808080u) != 0;
      break;  // SBC
    case 7:
      r = (cout & 0x80008000u) != 0;
      break;  // SHC
    default:
      r = false;
      break;  // never, and the undefined 1 and 5
  }
  return r != ((cf & 1u) != 0);
}

// Extract len bits whose low end is at LSB position cpos.
inline std::uint32_t extract(std::uint32_t v, unsigned cpos, unsigned len, bool sign) {
  if (cpos + len > 32) len = 32 - cpos;
  if (sign) {
    return static_cast<std::uint32_t>(static_cast<std::int32_t>(v << (32 - cpos - len)) >>
                                      (32 - len));
  }
  return (v >> cpos) & low_mask(len);
}

// Deposit the low len bits of val at LSB position cpos into old (or zero).
inline std::uint32_t deposit(std::uint32_t old, std::uint32_t val, unsigned cpos, unsigned len,
                             bool merge) {
  if (cpos + len > 32) len = 32 - cpos;
  const std::uint32_t mask = low_mask(len) << cpos;
  const std::uint32_t bits = (val << cpos) & mask;
  return merge ? ((old & ~mask) | bits) : bits;
}

// New IAOQ value for BV/BE/BLE: the privilege can only stay or decrease
// (numerically increase): max(current, target low bits) (QEMU do_ibranch_priv).
inline std::uint32_t ibranch_priv(std::uint32_t target, unsigned cur) {
  const unsigned tp = target & 3u;
  return (target & ~3u) | (tp > cur ? tp : cur);
}

}  // namespace

// The ops in the order of enum class op (decode.h), COUNT_ last: execute_as()
// dispatches through a table of their labels built from this list, and the
// check below fails the build when the list and the enum disagree.
// clang-format off
#define PAVP_ISS_OPS(X) \
  X(UNDECODED) X(ILLEGAL) X(UNIMPLEMENTED) X(BREAK) X(SYNC) X(MFSP) X(MTSP) X(MFCTL) X(MTCTL) \
  X(LDSID) X(SYSTEM_PRIV) X(RFI) X(SSM) X(RSM) X(MTSM) X(DIAG) X(CACHE_OP) X(TLB_INSERT) \
  X(TLB_PURGE) X(PROBE) X(LPA) X(LCI) X(ADD) X(ADDL) X(ADDCB) X(SUB) X(SUBB) X(DS) X(CMPCLR) \
  X(ANDCM) X(AND) X(OR) X(XOR) X(UXOR) X(UADDCM) X(DCOR) X(LDIL) X(ADDIL) X(LDO) X(LOAD) \
  X(STORE) X(LOAD_SIMPLE) X(STORE_SIMPLE) X(LDCW) X(STBY) X(FLOAD) X(FSTORE) X(XMPYU) X(FPOP) \
  X(ADDI) X(SUBI) X(CMPICLR) X(CMPB) X(CMPIB) X(ADDB) X(ADDIB) X(BVB) X(BB) X(MOVB) X(MOVIB) \
  X(VSHD) X(SHD) X(VEXTR) X(EXTR) X(EXTRU) X(VDEP) X(DEP) X(VDEPI) X(DEPI) X(BL) X(GATE) X(BLR) \
  X(BV) X(BE) X(RUN) X(LOOP) X(COUNT_)
// clang-format on
namespace {
#define PAVP_ISS_OP_VALUE(name) op::name,
constexpr op k_op_order[] = {PAVP_ISS_OPS(PAVP_ISS_OP_VALUE)};
#undef PAVP_ISS_OP_VALUE
constexpr bool ops_in_enum_order() {
  for (std::size_t i = 0; i < std::size(k_op_order); ++i) {
    if (static_cast<std::size_t>(k_op_order[i]) != i) return false;
  }
  return std::size(k_op_order) == static_cast<std::size_t>(op::COUNT_) + 1;
}
static_assert(ops_in_enum_order(), "PAVP_ISS_OPS must list every op in enum order");
}  // namespace

iss::iss(cpu_bus& bus, const iss_config& config)
    : m_mmu(config.mmu),
      m_bus(bus),
      m_config(config),
      m_runs(config.run_code_bytes, config.taken_branch_cycles) {
  m_runs.only_loop_runs(!config.runs_as_code);
  unsigned line = m_config.fetch_line_bytes;
  if (line < 4 || line > 256 || (line & (line - 1)) != 0) line = 32;
  m_config.fetch_line_bytes = line;
  m_line_mask = line - 1;
  m_line_shift = static_cast<unsigned>(__builtin_ctz(line));
  m_line_key_mask = ~std::uint64_t{m_line_mask & ~3u};
  m_gateway_end = m_config.gateway_stop ? 0x1000u : 0u;
  std::memset(m_line, 0, sizeof m_line);
  if (m_config.timer_divider == 0) m_config.timer_divider = 1;
  arm_timer();
  update_events();
}

iss::~iss() = default;

void iss::invalidate_code(std::uint64_t paddr, std::uint64_t len) {
  // The pre-decoded slots need no invalidation: fetch_line() checks each
  // slot of a line against the word the instruction cache returned. Only the
  // current fetch line, which stands for the I-cache's copy, must be fetched
  // again when it lies in the range.
  if (len == 0) return;
  const std::uint64_t first = paddr & ~std::uint64_t{3};
  const std::uint64_t end = paddr + len;
  if ((m_line_paddr + m_line_mask + 1) > first && m_line_paddr < end) drop_fetch_line();
}

void iss::invalidate_all_code() {
  drop_fetch_line();
}

void iss::drop_fetch_line() {
  m_line_paddr = ~0ull;
  m_line_key = NO_LINE_KEY;
  for (fetched_line& f : m_fetched) {
    f.paddr = ~0ull;
    f.token = {};
    f.key = NO_LINE_KEY;
  }
}

// All three inlined into their callers: they run on every change of line.
__attribute__((always_inline)) inline void iss::make_fetched_current(unsigned index) {
  m_cur_fetched = index;
  m_line_paddr = m_fetched[index].paddr;
  m_line_slots = m_fetched[index].slots;
}

__attribute__((always_inline)) inline bool iss::refetch(unsigned index, std::uint64_t& cycles) {
  cache_core* const icache = m_bus.fetch_hit_cache();
  if (icache == nullptr || !icache->touch(m_fetched[index].token)) return false;
  // No call through the bus follows, so its uncached attribute stays as it
  // is: every load, store and cache operation sets it before its call.
  ++m_stats.fetch_lines;
  cycles += m_bus.fetch_hit_cycles();
  make_fetched_current(index);
  return true;
}

__attribute__((always_inline)) inline bool iss::switch_to_fetched_line(std::uint32_t pc,
                                                                       std::uint64_t& cycles) {
  const unsigned index = fetched_index(pc);
  const fetched_line& e = m_fetched[index];
  if ((((std::uint64_t{pc} - e.key) & m_line_key_mask) | (m_state.iasq_f ^ e.key_space)) != 0 ||
      e.key_epoch != m_epoch) {
    return false;
  }
  if (e.paddr != m_line_paddr) {  // another physical line: a fetch
    if (!refetch(index, cycles)) return false;
  } else {
    make_fetched_current(index);
  }
  m_line_key = e.key;
  m_line_space = e.key_space;
  return true;
}

void iss::decode_word(decoded_insn& slot) const {
  slot = decode(slot.raw);
  slot.cycles = m_config.class_cycles[static_cast<unsigned>(slot.cls)];
}

void iss::renew_slots(decoded_insn* slots, unsigned first, std::uint8_t* known,
                      const std::uint8_t* bytes, unsigned len) {
  ++m_code_changes;
  // A run's mark stands for the slots after it as they were decoded: the
  // line's runs are marked anew.
  m_runs.release(slots, len / 4);
  for (unsigned i = 0; i < len / 4; ++i) {
    const std::uint32_t word = load_be32(bytes + 4 * i);
    if (slots[i].raw != word) {
      slots[i] = decoded_insn{};
      slots[i].raw = word;
    }
  }
  std::memcpy(known, bytes, len);
  mark_runs(slots, first);
}

void iss::mark_runs(decoded_insn* line_slots, unsigned first) {
  if (!m_config.translate_runs) return;
  const unsigned count = (m_line_mask + 1) / 4;
  m_runs.mark_runs(line_slots, count);
  if (m_config.translate_loops) find_loops(line_slots - first, first, count);
}

void iss::predecode() {
  if (m_pages.size() == m_predecoded_pages && m_stats.decodes == m_predecoded_decodes) return;
  const unsigned line_bytes = m_line_mask + 1;
  std::uint8_t memory[4096];
  for (auto& [ppage, page] : m_pages) {
    if (!m_bus.peek_code(ppage << 12, memory, sizeof memory)) return;
    for (unsigned first = 0; first < 4096; first += line_bytes) {
      const std::uint64_t line_paddr = (ppage << 12) + first;
      decoded_insn* const slots = &page->insn[first / 4];
      // A line whose bytes in memory are not those last fetched takes
      // memory's (its next fetch compares them with the cache's), unless it
      // is one of the lines execution may go back to without a fetch.
      if (std::memcmp(&page->bytes[first], &memory[first], line_bytes) != 0) {
        if (std::any_of(m_fetched.begin(), m_fetched.end(),
                        [&](const fetched_line& f) { return f.paddr == line_paddr; })) {
          continue;
        }
        renew_slots(slots, first / 4, &page->bytes[first], &memory[first], line_bytes);
      }
      bool decoded = false;
      for (unsigned i = 0; i < line_bytes / 4; ++i) {
        if (slots[i].code == op::UNDECODED) {
          decode_word(slots[i]);
          decoded = true;
        }
      }
      if (decoded) mark_runs(slots, first / 4);
      // And every run's code made now: branches forked after this find it
      // made, instead of each making -- and so copying -- its own.
      for (unsigned i = 0; i < line_bytes / 4; ++i) {
        if (run_translator::is_mark(slots[i]) &&
            m_runs.at(static_cast<std::uint32_t>(slots[i].imm)).all == nullptr) {
          m_runs.make_code(slots[i]);
        }
      }
    }
  }
  m_predecoded_pages = m_pages.size();
  m_predecoded_decodes = m_stats.decodes;
}

iss::decoded_page& iss::page_of(std::uint64_t paddr) {
  const std::uint64_t ppage = paddr >> 12;
  if (ppage != m_cur_ppage || m_cur_page == nullptr) {
    auto& p = m_pages[ppage];
    if (!p) p = std::make_unique<decoded_page>();
    m_cur_page = p.get();
    m_cur_ppage = ppage;
  }
  return *m_cur_page;
}

bool iss::fetch_line(std::uint32_t vaddr, std::uint64_t paddr) {
  const std::uint64_t line_paddr = paddr & ~std::uint64_t{m_line_mask};
  const std::uint32_t line_vaddr = vaddr & ~m_line_mask;
  const std::uint32_t space = m_state.iasq_f;
  // Back to the line this entry fetched, through the same virtual line and
  // space (after a new translation epoch, which switch_to_fetched_line
  // needs).
  const unsigned index = fetched_index(line_vaddr);
  fetched_line& cur = m_fetched[index];
  if (cur.paddr == line_paddr && cur.vaddr == line_vaddr && cur.space == space &&
      refetch(index, m_stats.cycles)) {
    return true;
  }
  if (m_bus.uncached()) m_bus.set_uncached(false);  // fetches are cached
  // A new line: it takes the entry of its virtual line.
  m_cur_fetched = index;
  ++m_stats.fetch_lines;
  std::uint64_t cycles = 0;
  const bool ok = m_bus.fetch(line_vaddr, space, static_cast<std::uint8_t>(m_state.iaoq_f & 3u),
                              line_paddr, m_line, m_line_mask + 1, cycles, cur.token);
  m_stats.cycles += cycles;
  if (!ok) {
    drop_fetch_line();
    return false;
  }
  m_line_paddr = line_paddr;
  cur.paddr = line_paddr;
  cur.vaddr = line_vaddr;
  cur.space = space;
  decoded_page& page = page_of(line_paddr);
  const unsigned first = static_cast<unsigned>(line_paddr & 0xfffu);
  // One entry per line can fetch it again: another entry may hold the same
  // line through another virtual line and cache set, and the line's slots
  // now hold this fetch's words.
  std::uint16_t& last = page.fetched_by[first >> m_line_shift];
  if (last != index && m_fetched[last].paddr == line_paddr) m_fetched[last].token = {};
  last = static_cast<std::uint16_t>(index);
  m_line_slots = &page.insn[first >> 2];
  cur.slots = m_line_slots;
  // The line's slots must hold what the cache returned: a slot whose word
  // changed (code written and the I-cache refilled) is decoded again when it
  // executes.
  std::uint8_t* const known = &page.bytes[first];
  const unsigned bytes = m_line_mask + 1;
  if (bytes == 32 ? std::memcmp(known, m_line, 32) == 0 : std::memcmp(known, m_line, bytes) == 0) {
    return true;
  }
  renew_slots(m_line_slots, first >> 2, known, m_line, bytes);
  return true;
}

// Inlined into translate_data_fast(): pavp se checks every absolute access.
__attribute__((always_inline)) inline unsigned iss::absolute_rights_trap(std::uint32_t vaddr,
                                                                         access_kind kind) const {
  const std::uint8_t need = kind == access_kind::STORE ? ABSOLUTE_WRITE : ABSOLUTE_READ;
  return (m_absolute_rights_table[vaddr >> 12] & need) ? 0u : unsigned{TRAP_DMEM_ACCESS_RIGHTS};
}

// The fast path of data translation: absolute addressing, or a hit in the
// translation cache that allows the access. Anything else is for
// translate_data_slow (system.cpp).
__attribute__((always_inline)) inline bool iss::translate_data_fast(std::uint32_t vaddr,
                                                                    std::uint32_t space,
                                                                    access_kind kind, unsigned priv,
                                                                    std::uint64_t& paddr,
                                                                    unsigned& trap) {
  if (!(m_state.psw & PSW_D)) {
    paddr = vaddr;  // absolute addressing
    if (m_bus.uncached()) m_bus.set_uncached(false);
    trap = m_absolute_rights_table ? absolute_rights_trap(vaddr, kind) : 0;
    return true;
  }
  const xlat_slot& xs = m_dxlat[(vaddr >> 12) & (XLAT_SLOTS - 1)];
  if (xs.key == ((vaddr & ~0xfffu) | priv) && xs.space == space && xs.epoch == m_epoch &&
      (kind == access_kind::STORE ? xs.write : xs.read)) {
    paddr = xs.ppage | (vaddr & 0xfffu);
    if (xs.uncached != m_bus.uncached()) m_bus.set_uncached(xs.uncached);
    trap = 0;
    return true;
  }
  return false;
}

__attribute__((always_inline)) inline bool iss::data_hit(access_kind kind, std::uint32_t vaddr,
                                                         std::uint32_t space, std::uint64_t paddr,
                                                         std::uint8_t* data, unsigned len,
                                                         std::uint64_t& cycles) {
  cache_core* c = m_bus.data_hit_cache_now();
  if (c == nullptr ||
      !c->access_hit(kind, vaddr, paddr, (m_state.psw & PSW_D) ? space : 0, data, len)) {
    return false;
  }
  cycles += m_bus.data_hit_cycles();
  return true;
}

__attribute__((always_inline)) inline bool iss::data_miss(access_kind kind, std::uint32_t vaddr,
                                                          std::uint32_t space, unsigned priv,
                                                          std::uint64_t paddr, std::uint8_t* data,
                                                          unsigned len, std::uint64_t& cycles) {
  return m_bus.data_miss(kind, vaddr, space, static_cast<std::uint8_t>(priv), paddr, data, len,
                         cycles);
}

template <bool OBSERVED_HITS>
run_result iss::execute_as(std::uint64_t max_instructions) {
  run_result res;
  cpu_state& s = m_state;
  const std::uint64_t start = m_stats.instructions;
  m_insn_limit = start + max_instructions;
  arm_front_space(start);
  rctr_rebase(0);
  set_front_space(s.iasq_f);  // it may have been set between runs (set_pc, a debugger)

  // What every instruction reads and writes -- the queue's offsets, PSW.N,
  // the instruction and cycle counts -- lives in locals while instructions
  // run, so that the host keeps it in registers (a store to a general
  // register could otherwise alias the queue, which sits beside it in
  // m_state). write_back() writes the locals back to m_state and m_stats
  // before anything else may look at them or change them: a call through the
  // bus, the MMU's slow path, the system instructions that read or change
  // them (they call write_back() first), a stop; read_back() reads them
  // again afterwards (for those instructions: when they complete).
  std::uint64_t insns = m_stats.instructions;
  std::uint64_t cyc = m_stats.cycles;
  std::uint32_t iaoq_f = s.iaoq_f;
  std::uint32_t iaoq_b = s.iaoq_b;
  bool psw_n = s.psw_n;
  bool spilled = false;
  auto write_back = [&]() __attribute__((always_inline)) {
    m_stats.instructions = insns;
    m_stats.cycles = cyc;
    s.iaoq_f = iaoq_f;
    s.iaoq_b = iaoq_b;
    s.psw_n = psw_n;
    spilled = true;
  };
  auto read_back = [&]() __attribute__((always_inline)) {
    insns = m_stats.instructions;
    cyc = m_stats.cycles;
    iaoq_f = s.iaoq_f;
    iaoq_b = s.iaoq_b;
    psw_n = s.psw_n;
    spilled = false;
  };
  // Decodes an UNDECODED slot and charges its cycles.
  auto decode_here = [&](decoded_insn & slot) __attribute__((always_inline)) {
    decode_word(slot);
    cyc += slot.cycles;
    ++m_stats.decodes;
    mark_runs(m_line_slots, static_cast<unsigned>(m_line_paddr & 0xfffu) >> 2);
  };
  // A nullified instruction (PSW.N was set) completes without executing:
  // the queue advances, PSW.N and PSW.B clear, and it counts as nullified.
  auto complete_nullified = [&]() __attribute__((always_inline)) {
    psw_n = false;
    s.psw_b = false;
    iaoq_f = iaoq_b;
    iaoq_b += 4;
    ++insns;
    ++m_stats.nullified;
  };

  // Stops the run at the current instruction, which does not complete: its
  // queue entry stays at IAOQ_Front. Interruption delivery goes here: with
  // interruptions modelled, a trap saves PSW in IPSW, the queue in IIASQ/IIAOQ,
  // the word in IIR (and ISR/IOR for data traps), clears PSW and continues at
  // IVA + 32 * trap instead of returning. `stop` is out of line and sees only
  // m_state and m_stats; `halt` (inline at each stop) writes the locals back
  // first.
  std::uint32_t insn_word = 0;
  auto stop = [this, &res, start](std::uint32_t iir, stop_reason why, unsigned trap,
                                  std::uint32_t isr, std::uint32_t ior) {
    res.reason = why;
    res.trap = trap;
    res.iir = iir;
    res.pc = m_state.iaoq_f;
    res.space = m_state.iasq_f;
    res.isr = isr;
    res.ior = ior;
    res.executed = m_stats.instructions - start;
    rctr_sync();
    return res;
  };
  auto halt = [&](stop_reason why, unsigned trap, std::uint32_t isr = 0, std::uint32_t ior = 0)
      __attribute__((always_inline)) {
    if (!spilled) write_back();
    return stop(insn_word, why, trap, isr, ior);
  };

  for (;;) {
    // The two stops below are rare (a run's end, a space change, the
    // recovery counter; a timer or external interrupt): marked so, the
    // common path runs straight on (host instructions -0.5% to -1.4% on four
    // of bench/se's five programs, matmul +0.4%: BENCHMARKS.md).
    // ---- the instruction limit and the recovery counter ----------------
    if (__builtin_expect(insns >= m_insn_stop, 0)) {
      if (insns >= m_front_space_at) {  // the instruction after a space change completed
        set_front_space(s.iasq_b);
        m_front_space_at = NEVER;
      }
      if (insns >= m_insn_limit) break;
      write_back();
      rctr_sync();
      if (m_rctr_on && (s.cr[CR_RC] & 0x80000000u) != 0) {
        insn_word = 0;
        return halt(stop_reason::TRAP, TRAP_RECOVERY_COUNTER);
      }
      rctr_rebase(0);  // nullified instructions did not count: look again later
      read_back();
    }
    // ---- timer and external interrupts (system.cpp) --------------------
    if (__builtin_expect(cyc >= m_event_at, 0)) {
      write_back();
      take_events();
      read_back();
    }

    // ---- fetch -----------------------------------------------------------
    // Within the current fetch line (same virtual line, space and privilege,
    // translations unchanged) the instruction comes from the line's slots;
    // otherwise the address is checked and translated, and a new physical
    // line is fetched through the instruction cache.
    const std::uint32_t pc = iaoq_f;
    // Within the line, pc - key is the instruction's byte offset in it.
    std::uint64_t in_line = std::uint64_t{pc} - m_line_key;
    if ((in_line & m_line_key_mask) != 0) {
      if (!switch_to_fetched_line(pc, cyc)) {
        write_back();
        const std::uint32_t vpc = pc & ~3u;
        if (vpc < m_gateway_end) {  // user-mode emulation of the gateway page
          insn_word = 0;
          return halt(stop_reason::GATEWAY, 0);
        }
        std::uint64_t ppc = vpc;  // absolute addressing while PSW.C = 0
        if (s.psw & PSW_C) {
          const xlat_slot& xs = m_ixlat[(vpc >> 12) & (XLAT_SLOTS - 1)];
          if (xs.key == ((vpc & ~0xfffu) | (pc & 3u)) && xs.space == s.iasq_f &&
              xs.epoch == m_epoch) {
            ppc = xs.ppage | (vpc & 0xfffu);
          } else if (const unsigned trap = translate_fetch(vpc, s.iasq_f, pc & 3u, ppc)) {
            insn_word = 0;
            return halt(stop_reason::TRAP, trap);
          }
        }
        if ((ppc & ~std::uint64_t{m_line_mask}) != m_line_paddr) {
          if (!fetch_line(vpc, ppc)) {
            insn_word = 0;
            return halt(stop_reason::BUS_ERROR, 0, s.iasq_f, vpc);
          }
        }
        const std::uint32_t line_vaddr = vpc & ~m_line_mask;
        m_line_key = line_vaddr | (pc & 3u);
        m_line_space = s.iasq_f;
        fetched_line& cur = m_fetched[m_cur_fetched];
        // Reached through another virtual line or space than it was fetched
        // with (an alias, no fetch needed here): a fetch through this key
        // would look in another cache set than the token names.
        if (cur.vaddr != line_vaddr || cur.space != m_line_space) cur.token = {};
        cur.key = m_line_key;
        cur.key_space = m_line_space;
        cur.key_epoch = m_epoch;
        read_back();
      }
      in_line = std::uint64_t{pc} - m_line_key;
    }
    // An undecoded slot costs 0 here; it is decoded (and charged) by the
    // nullified path or by the UNDECODED case of the switch.
    decoded_insn& slot_ref = m_line_slots[in_line >> 2];
    const decoded_insn& d = slot_ref;
    insn_word = d.raw;
    cyc += d.cycles;

    // ---- nullified instruction -------------------------------------------
    if (psw_n) {
      if (slot_ref.code == op::UNDECODED) decode_here(slot_ref);
      complete_nullified();
      continue;
    }

    // ---- execute -----------------------------------------------------------
    // The registers by reference to the array: addressed from the state
    // (one register for both), not through a pointer of their own that GCC
    // kept on the stack and reloaded in every handler.
    std::uint32_t(&gr)[32] = s.gr;
    // The privilege level, from the offset's low bits (used by few ops).
    auto pc_priv = [pc]() __attribute__((always_inline)) {
      return pc & 3u;
    };

    // The instruction completes: the queue advances (IAOQ_Back <- back;
    // IASQ_Back stays), PSW.N <- nullify, PSW.B <- taken. IASQ_Front takes
    // IASQ_Back only where they differ, after BE or RFI (m_front_space_at).
    auto advance = [&](std::uint32_t back, bool nullify, bool taken)
        __attribute__((always_inline)) {
      gr[0] = 0;
      iaoq_f = iaoq_b;
      iaoq_b = back;
      psw_n = nullify;
      s.psw_b = taken;
      ++insns;
    };
    // A taken branch completes in its case: the queue advances to the
    // target, the taken-branch cycles are charged and the case continues
    // with the next instruction; the common completion below is that of
    // every instruction that does not branch.
    auto take_branch = [&](std::uint32_t target, bool nullify) __attribute__((always_inline)) {
      advance(target, nullify, true);
      ++m_stats.taken_branches;
      cyc += m_config.taken_branch_cycles;
    };
    // The completion of an instruction that does not branch: called by the
    // cases whose condition may nullify the next instruction (they then
    // continue), and with false after the switch, where the others break.
    auto complete = [&](bool nullify) __attribute__((always_inline)) {
      if (spilled) read_back();
      advance(iaoq_b + 4, nullify, false);
    };
    // Conditional branch epilogue (QEMU do_cbranch): ,N nullifies the delay
    // slot of a taken forward or a not-taken backward branch. The branch
    // completes, taken or not.
    auto cbranch = [&](bool cond) __attribute__((always_inline)) {
      const bool nullify = (d.flags & F_NULLIFY) != 0 && (cond ? d.imm >= 0 : d.imm < 0);
      if (cond) {
        take_branch(pc + 8 + static_cast<std::uint32_t>(d.imm), nullify);
      } else {
        complete(nullify);
      }
    };
    // The same for the branch of a run (op::RUN) that starts at pc, from the
    // run's description.
    auto complete_run_branch = [&](const run_translator::run& r, bool taken)
        __attribute__((always_inline)) {
      if (taken) {
        take_branch(pc + r.branch_delta, r.nullify_taken);
      } else {
        complete(r.nullify_not_taken);
      }
    };
    // An absolute access (LDWA, STWA) forms no virtual address: the cache
    // sees space 0, as with PSW.D clear, and it is cached whatever the
    // access before it was (cpu_bus.h). Returns its space.
    auto absolute_access = [&]() __attribute__((always_inline)) {
      if (m_bus.uncached()) m_bus.set_uncached(false);
      return std::uint32_t{0};
    };
    auto data_space = [&](unsigned sfield, std::uint32_t base) {
      return sfield ? s.sr[sfield] : s.sr[4 + (base >> 30)];
    };
    // Data translation and access for loads and stores: the fast paths
    // inline, the slow ones with the locals written back.
    auto translate = [&](std::uint32_t vaddr, std::uint32_t space, access_kind kind,
                         std::uint64_t & paddr) __attribute__((always_inline)) {
      unsigned trap = 0;
      if (translate_data_fast(vaddr, space, kind, pc_priv(), paddr, trap)) return trap;
      write_back();
      trap = translate_data_slow(vaddr, space, kind, paddr);
      read_back();
      return trap;
    };
    auto access = [&](access_kind kind, std::uint32_t vaddr, std::uint32_t space,
                      std::uint64_t paddr, std::uint8_t * data, unsigned len, std::uint64_t& cycles)
        __attribute__((always_inline)) {
      if (data_hit(kind, vaddr, space, paddr, data, len, cycles)) {
        if constexpr (OBSERVED_HITS) {
          write_back();
          m_bus.observe_data_hit(kind, vaddr, space, static_cast<std::uint8_t>(pc_priv()), paddr,
                                 data, len);
          read_back();
        }
        return true;
      }
      write_back();
      const bool ok = data_miss(kind, vaddr, space, pc_priv(), paddr, data, len, cycles);
      read_back();
      return ok;
    };

    // A load's or store's access of `bytes` (1, 2 or 4) through the last
    // bytes of the word buffer buf. A word, the common size, with its length
    // known at the call: the hit path's copy is then one move, not a choice
    // among sizes. (The other sizes the same way measured slower:
    // BENCHMARKS.md.)
    auto sized_access = [&](access_kind kind, std::uint32_t vaddr, std::uint32_t space,
                            std::uint64_t paddr, std::uint8_t * buf, unsigned bytes,
                            std::uint64_t& cycles) __attribute__((always_inline)) {
      return bytes == 4 ? access(kind, vaddr, space, paddr, buf, 4, cycles)
                        : access(kind, vaddr, space, paddr, buf + 4 - bytes, bytes, cycles);
    };

  dispatch:
    // Threaded dispatch: a jump through a table of the ops' labels (GCC's
    // labels as values), one load and one jump where the switch's position-
    // independent jump table took four instructions and a jump (host
    // instructions -0.9% to -1.7% on bench/se's five programs: BENCHMARKS.md).
    // The switch stays for the meaning of break (complete the instruction
    // below) and continue (the next one), and its case labels name the ops;
    // its head is never run. Each case carries op_NAME, the table's label.
#define PAVP_ISS_OP_LABEL(name) &&op_##name,
    static const void* const k_op_labels[] = {PAVP_ISS_OPS(PAVP_ISS_OP_LABEL)};
#undef PAVP_ISS_OP_LABEL
    goto* k_op_labels[static_cast<std::size_t>(d.code)];
    switch (d.code) {
      case op::UNDECODED:
      op_UNDECODED:
        decode_here(slot_ref);
        goto dispatch;
      case op::ILLEGAL:
      op_ILLEGAL:
        return halt(stop_reason::TRAP, TRAP_ILLEGAL);
      case op::UNIMPLEMENTED:
      op_UNIMPLEMENTED:
        return halt(stop_reason::UNIMPLEMENTED, 0);

      // ---- system ----------------------------------------------------------
      case op::BREAK:
      op_BREAK:
        return halt(stop_reason::TRAP, TRAP_BREAK);
      case op::SYNC:
      op_SYNC:
        break;
      case op::MFSP:
      op_MFSP:
        gr[d.t] = s.sr[d.a];
        break;
      case op::MTSP:
      op_MTSP:
        if (d.a >= 5 && pc_priv() != 0) return halt(stop_reason::TRAP, TRAP_PRIV_REGISTER);
        s.sr[d.a] = gr[d.r1];
        break;
      case op::MFCTL: {
      op_MFCTL:
        const unsigned cr = d.r2;
        std::uint32_t v;
        if (cr == CR_SAR) {
          v = s.cr[CR_SAR] & 31u;
        } else if (cr == CR_ITMR) {
          write_back();  // the timer reads the cycle count
          if ((s.psw & PSW_S) && pc_priv() != 0) return halt(stop_reason::TRAP, TRAP_PRIV_REGISTER);
          v = interval_timer();
        } else {
          if (cr != 26 && cr != 27 && pc_priv() != 0) {
            return halt(stop_reason::TRAP, TRAP_PRIV_REGISTER);
          }
          if (cr == CR_RC) {
            write_back();  // the recovery counter reads the instruction counts
            rctr_sync();
          }
          v = s.cr[cr];
        }
        gr[d.t] = v;
        break;
      }
      case op::MTCTL: {
      op_MTCTL:
        const unsigned cr = d.r2;
        const std::uint32_t v = gr[d.r1];
        if (cr == CR_SAR) {
          s.cr[CR_SAR] = v & 31u;
          break;
        }
        write_back();  // below: the timer and recovery counter read the counts
        if (pc_priv() != 0) return halt(stop_reason::TRAP, TRAP_PRIV_REGISTER);
        if (cr == CR_IIASQ || cr == CR_IIAOQ) {
          // Writing the queue shifts it: front <- back, back <- value.
          s.cr[cr] = s.cr_back[cr - CR_IIASQ];
          s.cr_back[cr - CR_IIASQ] = v;
        } else if (cr == CR_EIRR) {
          s.cr[cr] &= ~v;  // writing ones clears requests
          update_events();
        } else if (cr == CR_RC) {
          rctr_sync();
          s.cr[cr] = v;
          rctr_rebase(1);
        } else {
          s.cr[cr] = v;
          if (cr == CR_ITMR) {
            arm_timer();  // the interval timer compare value
            update_events();
          } else if (cr == CR_EIEM) {
            update_events();
          } else if (cr == CR_PID1 || cr == CR_PID2 || cr == CR_PID3 || cr == CR_PID4) {
            system_state_changed();
          }
        }
        break;
      }
      case op::LDSID:
      op_LDSID:
        gr[d.t] = data_space(d.a, gr[d.r2]);
        break;
      case op::SYSTEM_PRIV:
      op_SYSTEM_PRIV:
        if (pc_priv() != 0) return halt(stop_reason::TRAP, TRAP_PRIV_OPERATION);
        return halt(stop_reason::UNIMPLEMENTED, 0);
      case op::RFI:
      op_RFI:
        write_back();
        // PSW <- IPSW, queue <- IIASQ/IIAOQ (front, back); RFIR also restores
        // the shadowed registers (QEMU helper_rfi / helper_rfi_r).
        if (pc_priv() != 0) return halt(stop_reason::TRAP, TRAP_PRIV_OPERATION);
        if (d.a) {
          static constexpr unsigned shadowed[7] = {1, 8, 9, 16, 17, 24, 25};
          for (unsigned i = 0; i < 7; ++i) gr[shadowed[i]] = s.shadow[i];
        }
        s.set_psw(s.cr[CR_IPSW]);
        s.iaoq_f = s.cr[CR_IIAOQ];
        s.iaoq_b = s.cr_back[1];
        s.iasq_f = s.cr[CR_IIASQ];
        s.iasq_b = s.cr_back[0];
        ++m_stats.instructions;
        arm_front_space(m_stats.instructions);
        rctr_rebase(0);
        system_state_changed();
        read_back();
        continue;
      case op::SSM:
      op_SSM:
      case op::RSM:
      op_RSM:
      case op::MTSM: {
      op_MTSM:
        write_back();
        // t <- the old system mask; PSW |= i, &= ~i, or = GR[r] (QEMU
        // helper_swap_system_mask). The PA 1.1 system mask is G F R Q P D I.
        if (pc_priv() != 0) return halt(stop_reason::TRAP, TRAP_PRIV_OPERATION);
        constexpr std::uint32_t sm = PSW_G | PSW_F | PSW_R | PSW_Q | PSW_P | PSW_D | PSW_I;
        const std::uint32_t old = s.psw & sm;
        std::uint32_t v = old;
        if (d.code == op::SSM) v |= static_cast<std::uint32_t>(d.imm) & sm;
        if (d.code == op::RSM) v &= ~static_cast<std::uint32_t>(d.imm);
        if (d.code == op::MTSM) v = gr[d.r1] & sm;
        s.psw = (s.psw & ~sm) | v;
        if (d.code != op::MTSM) gr[d.t] = old;
        rctr_rebase(1);
        system_state_changed();
        break;
      }
      case op::DIAG:
      op_DIAG:
        // Implementation-specific diagnostics (cache hashing, BTLB ...): a
        // no-op at privilege 0 here, a privileged operation trap otherwise
        // (QEMU trans_diag).
        if (pc_priv() != 0) return halt(stop_reason::TRAP, TRAP_PRIV_OPERATION);
        break;
      case op::TLB_INSERT:
      op_TLB_INSERT:
      case op::TLB_PURGE:
      op_TLB_PURGE:
      case op::PROBE:
      op_PROBE:
      case op::LPA:
      op_LPA:
      case op::LCI: {
      op_LCI:
        write_back();
        std::uint32_t fault_space = 0, fault_ofs = 0;
        const unsigned trap = system_mmu_op(d, fault_space, fault_ofs);
        if (trap != 0) return halt(stop_reason::TRAP, trap, fault_space, fault_ofs);
        break;
      }
      case op::CACHE_OP: {
      op_CACHE_OP:
        write_back();
        // a: 1 FDC, 2 FDCE, 3 PDC, 4 FIC, 5 FICE. Post-modify: the address is
        // GR[b], then GR[b] += GR[x] with ,M.
        static constexpr cache_op ops[] = {cache_op::NONE, cache_op::FDC, cache_op::FDCE,
                                           cache_op::PDC,  cache_op::FIC, cache_op::FICE};
        if (d.a == 3 && pc_priv() != 0) return halt(stop_reason::TRAP, TRAP_PRIV_OPERATION);
        const std::uint32_t base = gr[d.r2];
        const std::uint32_t ofs = base + gr[d.r1];
        const std::uint32_t addr = d.m ? base : ofs;
        const std::uint32_t space = (d.pos & 8u) ? s.sr[d.pos & 7u] : data_space(d.pos, base);
        std::uint64_t paddr = addr;
        if (d.a == 1 || d.a == 3 || d.a == 4) {  // FDC, PDC, FIC: by address
          if (const unsigned trap = translate_cache_op(addr, space, d.a == 4, paddr)) {
            return halt(stop_reason::TRAP, trap, space, addr);
          }
        }
        std::uint64_t cycles = 0;
        if (!m_bus.cache_op(ops[d.a], addr, space, static_cast<std::uint8_t>(pc_priv()), paddr,
                            cycles)) {
          return halt(stop_reason::BUS_ERROR, 0, space, addr);
        }
        m_stats.cycles += cycles;
        if (d.a >= 4) {
          invalidate_code(paddr & ~std::uint64_t{m_line_mask}, m_line_mask + 1);
        }
        if (d.m) gr[d.r2] = ofs;
        break;
      }

      // ---- arithmetic / logical --------------------------------------------
      case op::ADD: {
      op_ADD:
        const std::uint32_t orig = gr[d.r1];
        const std::uint32_t a = orig << d.a;
        const std::uint32_t b = gr[d.r2];
        const std::uint64_t sum = std::uint64_t{a} + b + ((d.flags & F_CARRY) ? (s.cb >> 31) : 0u);
        const auto r = static_cast<std::uint32_t>(sum);
        bool carry = (sum >> 32) != 0;
        bool sv = msb((r ^ a) & ~(a ^ b));
        if (d.a) {
          // SHnADD: bits shifted out count as overflow (newer QEMU do_add_sv/uv).
          const std::int32_t hi = static_cast<std::int32_t>(orig) >> (31 - d.a);
          if (hi != 0 && hi != -1) sv = true;
          if ((orig >> (32 - d.a)) != 0) carry = true;
        }
        if ((d.flags & F_TSV) && sv) return halt(stop_reason::TRAP, TRAP_OVERFLOW);
        const bool c = d.cond ? cond_add(d.cond, r, carry, sv) : false;
        if ((d.flags & F_TC) && c) return halt(stop_reason::TRAP, TRAP_CONDITIONAL);
        if (!(d.flags & F_NOCB)) s.cb = carry_out(a, b, r);
        gr[d.t] = r;
        complete(c);
        continue;
      }
      case op::ADDL:
      op_ADDL:
        gr[d.t] = (gr[d.r1] << d.a) + gr[d.r2];
        break;
      case op::ADDCB: {
      op_ADDCB:
        const std::uint32_t a = gr[d.r1] << d.a;
        const std::uint32_t b = gr[d.r2];
        const std::uint32_t r = a + b + ((d.flags & F_CARRY) ? (s.cb >> 31) : 0u);
        s.cb = carry_out(a, b, r);
        gr[d.t] = r;
        break;
      }
      case op::SUB:
      op_SUB:
      case op::SUBB: {
      op_SUBB:
        const std::uint32_t a = gr[d.r1];
        const std::uint32_t b = gr[d.r2];
        const std::uint32_t nb = ~b;
        const std::uint32_t cin = d.code == op::SUBB ? (s.cb >> 31) : 1u;
        const std::uint64_t sum = std::uint64_t{a} + nb + cin;
        const auto r = static_cast<std::uint32_t>(sum);
        const bool carry = (sum >> 32) != 0;
        const bool sv = msb((r ^ a) & (a ^ b));
        if ((d.flags & F_TSV) && sv) return halt(stop_reason::TRAP, TRAP_OVERFLOW);
        bool c = false;
        if (d.cond) {
          c = d.code == op::SUBB ? cond_add(d.cond, r, carry, sv) : cond_sub(d.cond, a, b, r, sv);
        }
        if ((d.flags & F_TC) && c) return halt(stop_reason::TRAP, TRAP_CONDITIONAL);
        s.cb = carry_out(a, nb, r);
        gr[d.t] = r;
        complete(c);
        continue;
      }
      case op::DS: {
      op_DS:
        // Divide step (QEMU trans_ds): add1 = GR[r1] << 1 | C; add or subtract
        // GR[r2] depending on V; new V = C xor GR[r2]{0}.
        const std::uint32_t in1 = gr[d.r1];
        const std::uint32_t in2 = gr[d.r2];
        const std::uint32_t add1 = (in1 << 1) | (s.cb >> 31);
        const std::uint32_t add2 = s.psw_v ? ~in2 : in2;
        const std::uint64_t sum = std::uint64_t{add1} + add2 + (s.psw_v ? 1u : 0u);
        const auto r = static_cast<std::uint32_t>(sum);
        const bool carry = (sum >> 32) != 0;
        s.cb = carry_out(add1, add2, r);
        s.psw_v = carry != msb(in2);
        gr[d.t] = r;
        complete(d.cond && cond_add(d.cond, r, carry, msb((r ^ add1) & ~(add1 ^ add2))));
        continue;
      }
      case op::CMPCLR: {
      op_CMPCLR:
        const std::uint32_t a = gr[d.r1];
        const std::uint32_t b = gr[d.r2];
        const std::uint32_t r = a - b;
        const bool nullify = cond_sub(d.cond, a, b, r, msb((r ^ a) & (a ^ b)));
        gr[d.t] = 0;
        complete(nullify);
        continue;
      }
      case op::ANDCM: {
      op_ANDCM:
        const std::uint32_t r = gr[d.r1] & ~gr[d.r2];
        gr[d.t] = r;
        complete(d.cond && cond_logic(d.cond, r));
        continue;
      }
      case op::AND: {
      op_AND:
        const std::uint32_t r = gr[d.r1] & gr[d.r2];
        gr[d.t] = r;
        complete(d.cond && cond_logic(d.cond, r));
        continue;
      }
      case op::OR: {
      op_OR:
        const std::uint32_t r = gr[d.r1] | gr[d.r2];
        gr[d.t] = r;
        complete(d.cond && cond_logic(d.cond, r));
        continue;
      }
      case op::XOR: {
      op_XOR:
        const std::uint32_t r = gr[d.r1] ^ gr[d.r2];
        gr[d.t] = r;
        complete(d.cond && cond_logic(d.cond, r));
        continue;
      }
      case op::UXOR: {
      op_UXOR:
        const std::uint32_t a = gr[d.r1];
        const std::uint32_t b = gr[d.r2];
        const std::uint32_t r = a ^ b;
        gr[d.t] = r;
        complete(cond_unit(d.cond, r, carry_out(a, b, r)));
        continue;
      }
      case op::UADDCM: {
      op_UADDCM:
        const std::uint32_t a = gr[d.r1];
        const std::uint32_t b = ~gr[d.r2];
        const std::uint32_t r = a + b;
        const bool c = cond_unit(d.cond, r, carry_out(a, b, r));
        if ((d.flags & F_TC) && c) return halt(stop_reason::TRAP, TRAP_CONDITIONAL);
        gr[d.t] = r;
        complete(c);
        continue;
      }
      case op::DCOR: {
      op_DCOR:
        // Decimal correct: 6 per digit without carry (DCOR, subtract) or with
        // carry (IDCOR, add), from the PSW digit carries.
        const std::uint32_t digits = s.cb >> 3;
        const std::uint32_t sel = ((d.flags & F_INVERT) ? digits : ~digits) & 0x11111111u;
        const std::uint32_t corr = sel * 6u;
        const std::uint32_t in = gr[d.r2];
        const std::uint32_t r = (d.flags & F_INVERT) ? in + corr : in - corr;
        gr[d.t] = r;
        complete(cond_unit(d.cond, r, carry_out(in, corr, r)));
        continue;
      }

      // ---- immediates ------------------------------------------------------
      case op::LDIL:
      op_LDIL:
        gr[d.t] = static_cast<std::uint32_t>(d.imm);
        break;
      case op::ADDIL:
      op_ADDIL:
        gr[1] = gr[d.r2] + static_cast<std::uint32_t>(d.imm);
        break;
      case op::LDO:
      op_LDO:
        gr[d.t] = gr[d.r2] + static_cast<std::uint32_t>(d.imm);
        break;
      case op::ADDI: {
      op_ADDI:
        const auto a = static_cast<std::uint32_t>(d.imm);
        const std::uint32_t b = gr[d.r2];
        const std::uint64_t sum = std::uint64_t{a} + b;
        const auto r = static_cast<std::uint32_t>(sum);
        const bool carry = (sum >> 32) != 0;
        const bool sv = msb((r ^ a) & ~(a ^ b));
        if ((d.flags & F_TSV) && sv) return halt(stop_reason::TRAP, TRAP_OVERFLOW);
        const bool c = d.cond ? cond_add(d.cond, r, carry, sv) : false;
        if ((d.flags & F_TC) && c) return halt(stop_reason::TRAP, TRAP_CONDITIONAL);
        s.cb = carry_out(a, b, r);
        gr[d.t] = r;
        complete(c);
        continue;
      }
      case op::SUBI: {
      op_SUBI:
        const auto a = static_cast<std::uint32_t>(d.imm);
        const std::uint32_t b = gr[d.r2];
        const std::uint32_t nb = ~b;
        const std::uint64_t sum = std::uint64_t{a} + nb + 1u;
        const auto r = static_cast<std::uint32_t>(sum);
        const bool sv = msb((r ^ a) & (a ^ b));
        if ((d.flags & F_TSV) && sv) return halt(stop_reason::TRAP, TRAP_OVERFLOW);
        s.cb = carry_out(a, nb, r);
        gr[d.t] = r;
        complete(d.cond ? cond_sub(d.cond, a, b, r, sv) : false);
        continue;
      }
      case op::CMPICLR: {
      op_CMPICLR:
        const auto a = static_cast<std::uint32_t>(d.imm);
        const std::uint32_t b = gr[d.r2];
        const std::uint32_t r = a - b;
        const bool nullify = cond_sub(d.cond, a, b, r, msb((r ^ a) & (a ^ b)));
        gr[d.t] = 0;
        complete(nullify);
        continue;
      }

      // ---- loads and stores --------------------------------------------------
      case op::LOAD_SIMPLE: {
      op_LOAD_SIMPLE:
        // LOAD's work without base modification, absolute addressing or LDCW.
        const std::uint32_t base = gr[d.r2];
        const std::uint32_t addr = base + (gr[d.r1] << d.len) + static_cast<std::uint32_t>(d.imm);
        const std::uint32_t space = data_space(d.pos, base);
        const unsigned bytes = 1u << d.a;
        if (addr & (bytes - 1)) return halt(stop_reason::TRAP, TRAP_UNALIGNED, space, addr);
        std::uint64_t paddr = addr;
        if (const unsigned trap = translate(addr, space, access_kind::LOAD, paddr)) {
          return halt(stop_reason::TRAP, trap, space, addr);
        }
        std::uint8_t buf[4] = {0, 0, 0, 0};
        std::uint64_t cycles = 0;
        const bool ok = sized_access(access_kind::LOAD, addr, space, paddr, buf, bytes, cycles);
        cyc += cycles;
        if (!ok) return halt(stop_reason::BUS_ERROR, 0, space, addr);
        ++m_stats.loads;
        gr[d.t] = load_be32(buf);
        break;
      }
      case op::STORE_SIMPLE: {
      op_STORE_SIMPLE:
        // STORE's work without base modification or absolute addressing.
        const std::uint32_t value = gr[d.t];
        const std::uint32_t base = gr[d.r2];
        const std::uint32_t addr = base + static_cast<std::uint32_t>(d.imm);
        const std::uint32_t space = data_space(d.pos, base);
        const unsigned bytes = 1u << d.a;
        if (addr & (bytes - 1)) return halt(stop_reason::TRAP, TRAP_UNALIGNED, space, addr);
        std::uint64_t paddr = addr;
        if (const unsigned trap = translate(addr, space, access_kind::STORE, paddr)) {
          return halt(stop_reason::TRAP, trap, space, addr);
        }
        std::uint8_t buf[4];
        store_be32(buf, value);
        std::uint64_t cycles = 0;
        const bool ok = sized_access(access_kind::STORE, addr, space, paddr, buf, bytes, cycles);
        cyc += cycles;
        if (!ok) return halt(stop_reason::BUS_ERROR, 0, space, addr);
        ++m_stats.stores;
        break;
      }
      case op::LOAD:
      op_LOAD:
      case op::LDCW: {
      op_LDCW:
        const std::uint32_t base = gr[d.r2];
        const unsigned shift = (d.flags & F_SCALE) ? d.a : 0u;
        const std::uint32_t ofs = base + (gr[d.r1] << shift) + static_cast<std::uint32_t>(d.imm);
        const std::uint32_t addr = d.m > 0 ? base : ofs;
        std::uint32_t space = data_space(d.pos, base);
        const unsigned bytes = 1u << d.a;
        if ((d.flags & F_ABS) && pc_priv() != 0)
          return halt(stop_reason::TRAP, TRAP_PRIV_OPERATION);
        if (addr & (bytes - 1)) return halt(stop_reason::TRAP, TRAP_UNALIGNED, space, addr);
        std::uint64_t paddr = addr;
        if (__builtin_expect((d.flags & F_ABS) != 0, 0)) {
          space = absolute_access();
        } else {
          // LDCW also stores: it needs write access and a dirty page.
          const access_kind k = d.code == op::LDCW ? access_kind::STORE : access_kind::LOAD;
          if (const unsigned trap = translate(addr, space, k, paddr)) {
            return halt(stop_reason::TRAP, trap, space, addr);
          }
        }
        std::uint8_t buf[4] = {0, 0, 0, 0};
        std::uint64_t cycles = 0;
        const bool ok = sized_access(access_kind::LOAD, addr, space, paddr, buf, bytes, cycles);
        if (!ok) {
          cyc += cycles;
          return halt(stop_reason::BUS_ERROR, 0, space, addr);
        }
        ++m_stats.loads;
        if (d.code == op::LDCW) {
          // Load and clear: the zero store completes the same instruction.
          std::uint8_t zero[4] = {0, 0, 0, 0};
          if (!access(access_kind::STORE, addr, space, paddr, zero, 4, cycles)) {
            cyc += cycles;
            return halt(stop_reason::BUS_ERROR, 0, space, addr);
          }
          ++m_stats.stores;
        }
        cyc += cycles;
        if (d.m) gr[d.r2] = ofs;
        gr[d.t] = load_be32(buf);  // after the base update: t wins when t == b
        break;
      }
      case op::STORE: {
      op_STORE:
        const std::uint32_t value = gr[d.t];
        const std::uint32_t base = gr[d.r2];
        const std::uint32_t ofs = base + static_cast<std::uint32_t>(d.imm);
        const std::uint32_t addr = d.m > 0 ? base : ofs;
        std::uint32_t space = data_space(d.pos, base);
        const unsigned bytes = 1u << d.a;
        if ((d.flags & F_ABS) && pc_priv() != 0)
          return halt(stop_reason::TRAP, TRAP_PRIV_OPERATION);
        if (addr & (bytes - 1)) return halt(stop_reason::TRAP, TRAP_UNALIGNED, space, addr);
        std::uint64_t paddr = addr;
        if (__builtin_expect((d.flags & F_ABS) != 0, 0)) {
          space = absolute_access();
        } else {
          if (const unsigned trap = translate(addr, space, access_kind::STORE, paddr)) {
            return halt(stop_reason::TRAP, trap, space, addr);
          }
        }
        std::uint8_t buf[4];
        store_be32(buf, value);
        std::uint64_t cycles = 0;
        const bool ok = sized_access(access_kind::STORE, addr, space, paddr, buf, bytes, cycles);
        cyc += cycles;
        if (!ok) return halt(stop_reason::BUS_ERROR, 0, space, addr);
        ++m_stats.stores;
        if (d.m) gr[d.r2] = ofs;
        break;
      }
      case op::STBY: {
      op_STBY:
        // Store bytes (QEMU do_stby_b / do_stby_e): ,B stores bytes addr..end
        // of the word, ,E stores the bytes of the word before addr.
        const std::uint32_t value = gr[d.t];
        const std::uint32_t base = gr[d.r2];
        const std::uint32_t ofs = base + static_cast<std::uint32_t>(d.imm);
        const std::uint32_t addr = d.m ? base : ofs;
        const std::uint32_t space = data_space(d.pos, base);
        const unsigned off = addr & 3u;
        std::uint64_t paddr = addr;
        if (const unsigned trap = translate(addr, space, access_kind::STORE, paddr)) {
          return halt(stop_reason::TRAP, trap, space, addr);
        }
        std::uint8_t buf[4];
        store_be32(buf, value);
        std::uint64_t cycles = 0;
        bool ok = true;
        if (!(d.flags & F_INVERT)) {
          ok = access(access_kind::STORE, addr, space, paddr, buf + off, 4 - off, cycles);
        } else if (off != 0) {
          ok = access(access_kind::STORE, addr & ~3u, space, paddr & ~std::uint64_t{3}, buf, off,
                      cycles);
        }
        cyc += cycles;
        if (!ok) return halt(stop_reason::BUS_ERROR, 0, space, addr);
        ++m_stats.stores;
        if (d.m) gr[d.r2] = ofs & ~3u;
        break;
      }

      // ---- floating-point loads, stores and XMPYU ------------------------------
      case op::FLOAD:
      op_FLOAD:
      case op::FSTORE: {
      op_FSTORE:
        if (!s.fpu_enabled()) return halt(stop_reason::TRAP, TRAP_ASSIST_EMULATION);
        const std::uint32_t base = gr[d.r2];
        const unsigned shift = (d.flags & F_SCALE) ? d.a : 0u;
        const std::uint32_t ofs = base + (gr[d.r1] << shift) + static_cast<std::uint32_t>(d.imm);
        const std::uint32_t addr = d.m > 0 ? base : ofs;
        const std::uint32_t space = data_space(d.pos, base);
        const unsigned bytes = 1u << d.a;
        const bool store = d.code == op::FSTORE;
        if (addr & (bytes - 1)) return halt(stop_reason::TRAP, TRAP_UNALIGNED, space, addr);
        std::uint64_t paddr = addr;
        if (const unsigned trap =
                translate(addr, space, store ? access_kind::STORE : access_kind::LOAD, paddr)) {
          return halt(stop_reason::TRAP, trap, space, addr);
        }
        std::uint8_t buf[8];
        std::uint64_t cycles = 0;
        bool ok;
        if (store) {
          if (bytes == 8) {
            store_be32(buf, static_cast<std::uint32_t>(s.fr[d.t] >> 32));
            store_be32(buf + 4, static_cast<std::uint32_t>(s.fr[d.t]));
          } else {
            store_be32(buf, s.frw(d.t));
          }
          ok = bytes == 8 ? access(access_kind::STORE, addr, space, paddr, buf, 8, cycles)
                          : access(access_kind::STORE, addr, space, paddr, buf, 4, cycles);
        } else {
          ok = bytes == 8 ? access(access_kind::LOAD, addr, space, paddr, buf, 8, cycles)
                          : access(access_kind::LOAD, addr, space, paddr, buf, 4, cycles);
        }
        cyc += cycles;
        if (!ok) return halt(stop_reason::BUS_ERROR, 0, space, addr);
        if (store) {
          ++m_stats.stores;
          if (d.t == 0) fp_status_stored(s);  // storing fr0L clears T (fpu.h)
        } else {
          ++m_stats.loads;
          if (bytes == 8) {
            s.fr[d.t] = (std::uint64_t{load_be32(buf)} << 32) | load_be32(buf + 4);
          } else {
            s.set_frw(d.t, load_be32(buf));
          }
        }
        if (d.m) gr[d.r2] = ofs;
        break;
      }
      case op::XMPYU: {
      op_XMPYU:
        // Unsigned 32 x 32 -> 64 multiply of word registers; fr0 as an
        // operand reads as zero (QEMU trans_xmpyu, load_frw0_i64).
        if (!s.fpu_enabled()) return halt(stop_reason::TRAP, TRAP_ASSIST_EMULATION);
        const std::uint64_t x = d.r1 != 0 ? s.frw(d.r1) : 0u;
        const std::uint64_t y = d.r2 != 0 ? s.frw(d.r2) : 0u;
        s.fr[d.t] = x * y;
        break;
      }
      case op::FPOP: {
      op_FPOP:
        if (!s.fpu_enabled()) return halt(stop_reason::TRAP, TRAP_ASSIST_EMULATION);
        bool nullify = false;
        const unsigned trap = fp_execute(s, d, nullify);
        if (trap != 0) return halt(stop_reason::TRAP, trap);
        complete(nullify);
        continue;
      }

      // ---- conditional branches ----------------------------------------------
      case op::CMPB:
      op_CMPB:
      case op::CMPIB: {
      op_CMPIB:
        const std::uint32_t a =
            d.code == op::CMPB ? gr[d.r1] : static_cast<std::uint32_t>(std::int32_t{d.i5});
        const std::uint32_t b = gr[d.r2];
        const std::uint32_t r = a - b;
        cbranch(cond_sub(d.cond, a, b, r, msb((r ^ a) & (a ^ b))));
        continue;
      }
      case op::ADDB:
      op_ADDB:
      case op::ADDIB: {
      op_ADDIB:
        const std::uint32_t a =
            d.code == op::ADDB ? gr[d.r1] : static_cast<std::uint32_t>(std::int32_t{d.i5});
        const std::uint32_t b = gr[d.r2];
        const std::uint64_t sum = std::uint64_t{a} + b;
        const auto r = static_cast<std::uint32_t>(sum);
        const bool c = cond_add(d.cond, r, (sum >> 32) != 0, msb((r ^ a) & ~(a ^ b)));
        gr[d.r2] = r;
        cbranch(c);
        continue;
      }
      case op::BVB:
      op_BVB:
        // c = 0: branch if the bit at SAR (big-endian) is 1.
        cbranch(msb(gr[d.r1] << s.sar()) != (d.cond != 0));
        continue;
      case op::BB:
      op_BB:
        cbranch(msb(gr[d.r1] << d.pos) != (d.cond != 0));
        continue;
      case op::MOVB:
      op_MOVB:
      case op::MOVIB: {
      op_MOVIB:
        const std::uint32_t v =
            d.code == op::MOVB ? gr[d.r1] : static_cast<std::uint32_t>(std::int32_t{d.i5});
        gr[d.r2] = v;
        cbranch(cond_sed(d.cond, v));
        continue;
      }

      // ---- shift / extract / deposit ---------------------------------------------
      case op::VSHD:
      op_VSHD:
      case op::SHD: {
      op_SHD:
        const unsigned sa = d.code == op::VSHD ? s.sar() : d.pos;
        const std::uint64_t pair = (std::uint64_t{gr[d.r1]} << 32) | gr[d.r2];
        const auto r = static_cast<std::uint32_t>(pair >> sa);
        gr[d.t] = r;
        complete(d.cond && cond_sed(d.cond, r));
        continue;
      }
      case op::EXTRU: {
      op_EXTRU:
        const std::uint32_t r = (gr[d.r1] >> d.pos) & static_cast<std::uint32_t>(d.imm);
        gr[d.t] = r;
        complete(d.cond && cond_sed(d.cond, r));
        continue;
      }
      case op::VEXTR:
      op_VEXTR:
      case op::EXTR: {
      op_EXTR:
        const unsigned cpos = d.code == op::VEXTR ? 31u - s.sar() : d.pos;
        const std::uint32_t r = extract(gr[d.r1], cpos, d.len, (d.flags & F_SIGNED) != 0);
        gr[d.t] = r;
        complete(d.cond && cond_sed(d.cond, r));
        continue;
      }
      case op::VDEP:
      op_VDEP:
      case op::DEP:
      op_DEP:
      case op::VDEPI:
      op_VDEPI:
      case op::DEPI: {
      op_DEPI:
        const unsigned cpos = (d.code == op::VDEP || d.code == op::VDEPI) ? 31u - s.sar() : d.pos;
        const std::uint32_t val = (d.code == op::VDEP || d.code == op::DEP)
                                      ? gr[d.r1]
                                      : static_cast<std::uint32_t>(d.imm);
        const std::uint32_t r = deposit(gr[d.t], val, cpos, d.len, (d.flags & F_MERGE) != 0);
        gr[d.t] = r;
        complete(d.cond && cond_sed(d.cond, r));
        continue;
      }

      // ---- unconditional branches ------------------------------------------------
      case op::BL:
      op_BL:
        gr[d.t] = iaoq_b + 4;
        take_branch(pc + 8 + static_cast<std::uint32_t>(d.imm), (d.flags & F_NULLIFY) != 0);
        continue;
      case op::GATE: {
      op_GATE:
        // In a delay slot (PSW.B) GATE is illegal (QEMU trans_b_gate). With
        // code translation off the target runs at privilege 0. With it on,
        // a gateway page (access-rights type 4..7) promotes to level
        // type - 4 when that is more privileged; otherwise the level stays.
        if (s.psw_b) return halt(stop_reason::TRAP, TRAP_ILLEGAL);
        unsigned new_priv = 0;
        if (s.psw & PSW_C) {
          new_priv = pc_priv();
          const tlb_entry* e = m_mmu.itlb_lookup(s.iasq_f, pc);
          if (e != nullptr && e->type() >= 4 && e->type() - 4 < pc_priv()) new_priv = e->type() - 4;
        }
        gr[d.t] = ((iaoq_b + 4) & ~3u) | pc_priv();
        take_branch(((pc + 8 + static_cast<std::uint32_t>(d.imm)) & ~3u) | new_priv,
                    (d.flags & F_NULLIFY) != 0);
        continue;
      }
      case op::BLR: {
      op_BLR:
        const std::uint32_t target = pc + 8 + (gr[d.r1] << 3);
        gr[d.t] = iaoq_b + 4;
        take_branch(target, (d.flags & F_NULLIFY) != 0);
        continue;
      }
      case op::BV:
      op_BV:
        take_branch(ibranch_priv(gr[d.r2] + (gr[d.r1] << 3), pc_priv()),
                    (d.flags & F_NULLIFY) != 0);
        continue;
      case op::BE: {
      op_BE:
        const std::uint32_t target =
            ibranch_priv(gr[d.r2] + static_cast<std::uint32_t>(d.imm), pc_priv());
        const std::uint32_t space = s.sr[d.a];
        if (d.flags & F_LINK) {
          gr[31] = iaoq_b + 4;
          s.sr[0] = s.iasq_b;
        }
        // The one instruction that changes the back space: IASQ_Back <-
        // space once the queue has advanced (the front takes the old back
        // here, and the new one after the next instruction).
        take_branch(target, (d.flags & F_NULLIFY) != 0);
        set_front_space(s.iasq_b);
        s.iasq_b = space;
        if (space != s.iasq_f) {
          m_front_space_at = insns + 1;
          m_insn_stop = std::min(m_insn_stop, m_front_space_at);
        }
        continue;
      }
      // ---- a run of plain ALU instructions as host code --------------------
      case op::RUN: {
      op_RUN:
        // All of it when it is entered in sequence and nothing is due
        // before its last instruction: no instruction-limit, recovery-
        // counter or space check (m_insn_stop) and no event (m_event_at);
        // the first instruction's cycles are charged already. Else its first
        // instruction alone. Either way the last one completes below, or,
        // when it is a branch, here.
        const run_translator::run& r = m_runs.at(static_cast<std::uint32_t>(d.imm));
        // Its first execution makes its code; without code space the slot
        // is its instruction again, interpreted from now on.
        if (__builtin_expect(r.all == nullptr, 0) && !m_runs.make_code(slot_ref)) goto dispatch;
        if (__builtin_expect(iaoq_b == pc + 4 && insns + r.count <= m_insn_stop &&
                                 cyc + r.inner_cycles < m_event_at,
                             1)) {
          const std::uint32_t taken = r.all(s);
          insns += r.leading;
          cyc += r.tail_cycles;
          iaoq_b += 4 * r.leading;
          if (r.ends_in_branch) {
            complete_run_branch(r, taken);
            if (r.with_delay_slot) {  // and then its delay slot
              if (psw_n) {
                complete_nullified();
              } else {
                complete(false);
              }
            }
            continue;
          }
        } else if (r.leading == 0) {  // its first instruction is the branch
          complete_run_branch(r, r.head(s) != 0);
          continue;
        } else {
          r.head(s);
        }
        break;
      }
      case op::LOOP:
      op_LOOP:
        // A run that heads a loop (loops.cpp): the loop's code when it is
        // entered in sequence and ran (the locals read back with its
        // counts, queue and line); else the run.
        if (iaoq_b == pc + 4) {
          write_back();
          const loop_outcome ran = run_loop(slot_ref, pc);
          read_back();
          if (ran == loop_outcome::RAN) continue;
          if (ran == loop_outcome::BUS_ERROR) {  // its miss path met one: that instruction's
            insn_word = m_loop_fault_word;
            return halt(stop_reason::BUS_ERROR, 0, m_loop_fault_space, m_loop_fault_address);
          }
        }
        goto op_RUN;
      case op::COUNT_:
      op_COUNT_:
        return halt(stop_reason::TRAP, TRAP_ILLEGAL);
      default:
        // Every op has its case and its label (decode() yields no other
        // value): the table's jump needs no range check.
        __builtin_unreachable();
    }

    // ---- complete: advance the queue -------------------------------------
    // (No branch taken and no condition to nullify by: branches complete in
    // their cases through take_branch() or cbranch(), and the cases whose
    // condition may nullify through complete().)
    complete(false);
  }
  write_back();
  res.reason = stop_reason::INSN_LIMIT;
  res.pc = s.iaoq_f;
  res.space = s.iasq_f;
  res.executed = m_stats.instructions - start;
  rctr_sync();
  return res;
}

template run_result iss::execute_as<false>(std::uint64_t);
template run_result iss::execute_as<true>(std::uint64_t);

}  // namespace pavp::cpu
