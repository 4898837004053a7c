#include "pavp/cpu/run_translator.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#if defined(__x86_64__)
#define PAVP_RUN_TRANSLATOR_HOST 1
#include <xbyak/xbyak.h>
#else
#define PAVP_RUN_TRANSLATOR_HOST 0
#endif

namespace pavp::cpu {

namespace {

// Host code goes into areas of this size (or the whole allowed, when less),
// mapped readable, writable and executable once; runs are only ever added,
// never changed.
constexpr std::size_t AREA_BYTES = std::size_t{1} << 20;
// Room kept for one run's code: MAX_RUN instructions of at most ~70 bytes.
constexpr std::size_t RUN_CODE_RESERVE = 8192;
// Room kept for one loop's code: MAX_LOOP instructions of at most ~400
// bytes (an access in place), and its stops.
constexpr std::size_t LOOP_CODE_RESERVE = 32768;

}  // namespace

struct run_translator::code_area {
  std::uint8_t* base = nullptr;
  std::size_t bytes = 0;
  std::size_t used = 0;
  explicit code_area(std::size_t size) : bytes(size) {
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    if (p != MAP_FAILED) base = static_cast<std::uint8_t*>(p);
  }
  ~code_area() {
    if (base != nullptr) munmap(base, bytes);
  }
  code_area(const code_area&) = delete;
  code_area& operator=(const code_area&) = delete;
};

run_translator::run_translator(std::size_t max_code_bytes, std::uint32_t taken_branch_cycles)
    : m_taken_branch_cycles(taken_branch_cycles),
      m_max_code_bytes(max_code_bytes),
      m_area_bytes(std::min(AREA_BYTES, max_code_bytes)) {}
run_translator::~run_translator() = default;

bool run_translator::available() {
  return PAVP_RUN_TRANSLATOR_HOST != 0;
}

bool run_translator::translatable(const decoded_insn& d) {
  switch (d.code) {
    // Never a condition, trap or nullification.
    case op::ADDL:
    case op::ADDCB:
    case op::LDIL:
    case op::ADDIL:
    case op::LDO:
      return true;
    // Without a condition (and for the adds and subtracts without the
    // overflow trap; the condition trap needs a condition).
    case op::SUB:
    case op::SUBB:
    case op::ADDI:
    case op::SUBI:
      return d.cond == 0 && (d.flags & F_TSV) == 0;
    case op::DS:
    case op::AND:
    case op::OR:
    case op::XOR:
    case op::ANDCM:
    case op::SHD:
    case op::EXTRU:
    case op::EXTR:
    case op::DEP:
    case op::DEPI:
      return d.cond == 0;
    default:
      return false;
  }
}

bool run_translator::translatable_branch(const decoded_insn& d) {
  switch (d.code) {
    case op::CMPB:
    case op::CMPIB:
    case op::ADDB:
    case op::ADDIB:
    case op::BB:
      return true;
    // B (BL without a link): taken always.
    case op::BL:
      return d.t == 0;
    default:
      return false;
  }
}

void run_translator::restore(decoded_insn* line, unsigned count) const {
  for (unsigned i = 0; i < count; ++i) {
    line[i] = decoded(line[i]);
  }
}

void run_translator::release(decoded_insn* line, unsigned count) {
  for (unsigned i = 0; i < count; ++i) {
    if (is_mark(line[i])) m_free.push_back(static_cast<std::uint32_t>(line[i].imm));
  }
  restore(line, count);
}

std::uint8_t* run_translator::code_room(std::size_t bytes) {
  if (m_areas.empty() || m_areas.back()->used + bytes > m_area_bytes) {
    auto area = m_code_bytes + m_area_bytes > m_max_code_bytes || m_area_bytes < bytes
                    ? nullptr
                    : std::make_unique<code_area>(m_area_bytes);
    if (area == nullptr || area->base == nullptr) return nullptr;
    m_areas.push_back(std::move(area));
    m_code_bytes += m_area_bytes;
  }
  return m_areas.back()->base + m_areas.back()->used;
}

void run_translator::code_used(std::size_t bytes) {
  m_areas.back()->used += (bytes + 15) & ~std::size_t{15};
}

bool run_translator::loop_body_insn(const decoded_insn& d) {
  switch (d.code) {
    case op::LOAD_SIMPLE:
    case op::STORE_SIMPLE:
      return d.a <= 2;
    case op::FLOAD:
      return d.m == 0 && (d.a == 2 || d.a == 3);
    case op::FSTORE:  // (a store of fr0's left half also changes the status: not here)
      return d.m == 0 && (d.a == 2 || d.a == 3) && d.t != 0;
    case op::XMPYU:
      return d.t < 32;
    default:
      return translatable(d);
  }
}

void run_translator::mark_runs(decoded_insn* line, unsigned count) {
  // The line's marks as they were: a run found again with the same length
  // keeps its code (lines are marked again after every decode in them).
  std::int32_t was[MAX_RUN];
  for (unsigned i = 0; i < count && i < MAX_RUN; ++i) {
    was[i] = is_mark(line[i]) ? line[i].imm : -1;
  }
  restore(line, count);
  if (!available() || count > MAX_RUN) return;
  unsigned i = 0;
  while (i < count) {
    // A stretch of translatable instructions from i, possibly ending in a
    // branch, or a branch alone, and then the branch's delay slot when the
    // line holds it and it is translatable.
    unsigned n = 0;
    while (i + n < count && translatable(line[i + n])) ++n;
    const bool branch = i + n < count && translatable_branch(line[i + n]);
    if (branch) ++n;
    const bool delay_slot = branch && i + n < count && translatable(line[i + n]);
    if (delay_slot) ++n;
    if (n < 2) {
      i += n > 0 ? n : 1;
      continue;
    }
    // Runs start at i .. last_start, each of two instructions or more (at
    // the branch too when its delay slot follows).
    const unsigned last_start = i + n - 2;
    // Execution may enter the run at any of its instructions (a branch's
    // target, a return): each but the last starts a run of its own to the
    // end -- except the one after a branch. That one is mostly entered as
    // the branch's delay slot, where only its own code could run: a call
    // for one instruction, costlier than interpreting it (bench/se's crc32
    // and matmul took more host instructions with such runs).
    for (unsigned k = i; k <= last_start; ++k) {
      const unsigned len = i + n - k;
      if (k > 0 && line[k - 1].cls == insn_class::BRANCH) continue;
      std::int32_t index;
      if (was[k] >= 0 && m_runs[static_cast<std::uint32_t>(was[k])].count == len) {
        index = was[k];
        was[k] = -1;  // kept
      } else {
        run r;
        describe(&line[k], len, r);
        if (!m_free.empty()) {
          index = static_cast<std::int32_t>(m_free.back());
          m_free.pop_back();
          m_runs[static_cast<std::uint32_t>(index)] = r;
        } else {
          m_runs.push_back(r);
          index = static_cast<std::int32_t>(m_runs.size() - 1);
        }
      }
      const std::int32_t loop = m_runs[static_cast<std::uint32_t>(index)].loop;
      line[k].code = loop != NO_LOOP && loop != LOOP_REFUSED ? op::LOOP : op::RUN;
      line[k].imm = index;
    }
    i += n;
  }
  // The line's old runs not found again are free for new ones (their code,
  // if made, stays where it is, unused).
  for (unsigned k = 0; k < count && k < MAX_RUN; ++k) {
    if (was[k] >= 0) m_free.push_back(static_cast<std::uint32_t>(was[k]));
  }
}

#if PAVP_RUN_TRANSLATOR_HOST

namespace {

using namespace Xbyak::util;

bool writes_carries(const decoded_insn& d) {
  switch (d.code) {
    case op::ADDCB:
    case op::ADDI:
    case op::SUB:
    case op::SUBB:
    case op::SUBI:
    case op::DS:
      return true;
    default:
      return false;
  }
}

// Emits a run's code: the state's address in rdi (the first argument of
// run_fn), eax, ecx, edx, esi and r8d-r11d free (caller-saved in the System
// V ABI), nothing on the stack. Each instruction reads its general
// registers from the state and writes its result back before the next one,
// as the interpreter does (GR0 is never written, so reads of it give 0).
//
// The carry/borrow bits and PSW.V are kept in host registers between the
// instructions of a run: inside a run only the word carry (CB's bit 31) is
// ever read (by ADD,C, SUB,B and DS), so an instruction whose carries a later
// one of the run replaces keeps just that bit, in esi (0 or 1); the last
// instruction to write them computes all 32 and stores them. PSW.V likewise
// lives in r8d from a DS to the next, and the last DS stores it.
class run_emitter : public Xbyak::CodeGenerator {
 public:
  run_emitter(std::size_t max_bytes, void* where) : Xbyak::CodeGenerator(max_bytes, where) {}

  // The code of a run of count instructions; for a run that ends in a
  // branch and its delay slot, nullify_taken and nullify_not_taken say when
  // the delay slot does not execute.
  void emit_run(const decoded_insn* slots, unsigned count, bool nullify_taken,
                bool nullify_not_taken) {
    const bool delay_slot = count >= 2 && run_translator::translatable_branch(slots[count - 2]);
    if (delay_slot) --count;
    const bool branch = run_translator::translatable_branch(slots[count - 1]);
    if (branch) --count;
    for (unsigned i = 0; i < count; ++i) {
      bool carries_final = true;
      bool v_final = true;
      for (unsigned j = i + 1; j < count; ++j) {
        if (writes_carries(slots[j])) carries_final = false;
        if (slots[j].code == op::DS) v_final = false;
      }
      instruction(slots[i], carries_final, v_final);
    }
    if (branch) this->branch(slots[count]);
    if (delay_slot) {
      // eax (taken) kept on the stack across the delay slot's code, which
      // runs unless the branch nullifies it; every carry and V bit is in the
      // state by now (the last writer before the branch stored them).
      Xbyak::Label done;
      if (nullify_taken) {  // (never both: a branch is forward or backward)
        test(eax, eax);
        jnz(done);
      } else if (nullify_not_taken) {
        test(eax, eax);
        jz(done);
      }
      push(rax);
      instruction(slots[count + 1], true, true);
      pop(rax);
      CodeGenerator::L(done);
    }
    ret();
  }

  // The code of a loop (run_translator::loop_plan, loop_fn). rdi holds the
  // state throughout; the iterations completed are counted in r12, the
  // rooms left in r13 (instructions) and r15 (cycles), the stop's address
  // is in r14, and rbx and rbp hold the data cache's line entries and
  // bytes. Every instruction stores what it computes, carries and PSW.V
  // included, so that the state is whole wherever the code stops.
  void emit_loop(const run_translator::loop_plan& p) {
    const auto n = static_cast<unsigned>(p.insns.size());
    m_state_base = static_cast<const std::uint8_t*>(p.state);
    push(rbx);
    push(rbp);
    push(r12);
    push(r13);
    push(r14);
    push(r15);
    mov(r13, rsi);
    mov(r15, rdx);
    mov(r14, rcx);
    xor_(r12d, r12d);
    mov(rbx, reinterpret_cast<std::uintptr_t>(p.dcache.entries));
    mov(rbp, reinterpret_cast<std::uintptr_t>(p.dcache.data));
    std::vector<Xbyak::Label> stops(3 * n + 2);
    Xbyak::Label top, body, out, iteration_done;
    jmp(body, T_NEAR);
    CodeGenerator::L(top);
    // One iteration more: its instructions and cycles must fit the rooms.
    inc(r12);
    sub(r13, static_cast<std::uint32_t>(n));
    jb(stops[0], T_NEAR);
    if (p.iteration_cycles <= std::numeric_limits<std::int32_t>::max()) {
      sub(r15, static_cast<std::uint32_t>(p.iteration_cycles));
    } else {
      mov(rax, p.iteration_cycles);
      sub(r15, rax);
    }
    jbe(stops[0], T_NEAR);
    if (p.back_change >= 0) line_change(p, static_cast<unsigned>(p.back_change));
    CodeGenerator::L(body);
    for (unsigned i = 0; i < n; ++i) {
      const decoded_insn& d = p.insns[i];
      if (i > 0 && p.change_before[i] >= 0) {
        line_change(p, static_cast<unsigned>(p.change_before[i]));
      }
      if (i == p.branch_at) {
        // Not taken: out of the loop (B is taken always).
        if (d.code != op::BL) jump_if(branch_condition(d) ^ 1u, stops[2 * n + 1]);
      } else if (run_translator::translatable_branch(d)) {  // a way out
        jump_if(branch_condition(d), stops[2 * n + 2 + i]);
      } else if (d.code == op::XMPYU) {
        // Unsigned 32 x 32 -> 64 of word registers, fr0 reading as zero
        // (the interpreter's XMPYU).
        if (d.r1 != 0) {
          mov(eax, fr_word(d.r1));
        } else {
          xor_(eax, eax);
        }
        if (d.r2 != 0) {
          mov(ecx, fr_word(d.r2));
        } else {
          xor_(ecx, ecx);
        }
        imul(rax, rcx);
        mov(qword[rdi + offsetof(cpu_state, fr) + 8 * d.t], rax);
      } else if (run_translator::loop_access_insn(d)) {
        // After a miss that must stop, the state is that before the next
        // instruction's fetch, or the next iteration's.
        access(p, d, i, stops[2 + 2 * i], i + 1 < n ? stops[1 + 2 * (i + 1)] : iteration_done);
      } else {
        instruction(d, true, true);
      }
    }
    jmp(top, T_NEAR);
    for (unsigned k = 0; k < stops.size(); ++k) {
      CodeGenerator::L(stops[k]);
      mov(dword[r14], k);
      jmp(out, T_NEAR);
    }
    CodeGenerator::L(iteration_done);
    inc(r12);
    jmp(stops[0], T_NEAR);
    CodeGenerator::L(out);
    mov(rax, r12);
    pop(r15);
    pop(r14);
    pop(r13);
    pop(r12);
    pop(rbp);
    pop(rbx);
    ret();
  }

 private:
  // A change of fetch line as iss::switch_to_fetched_line() makes it with
  // iss::refetch() (the executor checked that it would, loop_plan): the
  // repeat hit's LRU stamp, count and cycles (cache_core::touch()) on the
  // instruction cache's entry for line k.
  void line_change(const run_translator::loop_plan& p, unsigned k) {
    mov(rdx, near_state(&p.line_entries[k]));
    count_hit(p.icache, rdx, rcx, 0);
  }

  // The qword at host address `at`: from the state (rdi, m_state_base) when
  // a 32-bit displacement reaches it, else through rax, loaded with the
  // address first.
  Xbyak::Address near_state(const void* at) {
    if (m_state_base != nullptr) {
      const auto delta = static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(at) -
                                                   reinterpret_cast<std::uintptr_t>(m_state_base));
      if (delta >= std::numeric_limits<std::int32_t>::min() &&
          delta <= std::numeric_limits<std::int32_t>::max()) {
        return qword[rdi + static_cast<std::int32_t>(delta)];
      }
    }
    mov(rax, reinterpret_cast<std::uintptr_t>(at));
    return qword[rax];
  }

  // A hit's bookkeeping in a cache (access_hit(), touch()): the entry at
  // `entry` gets the clock's next LRU stamp, the hit of kind slot `kind`
  // (FETCH, LOAD, STORE) is counted with its cycles. rax and `scratch` are
  // overwritten.
  void count_hit(const cache_core::hit_view& c, const Xbyak::Reg64& entry,
                 const Xbyak::Reg64& scratch, unsigned kind) {
    const Xbyak::Address clock = near_state(c.clock);
    mov(scratch, clock);
    inc(scratch);
    mov(clock, scratch);
    mov(qword[entry + c.last_use_offset], scratch);
    inc(near_state(&c.hits[kind]));
    add(near_state(c.cycles), static_cast<std::uint32_t>(c.hit_latency_cycles));
  }

  // A load or store without base modification, absolute (PSW.D = 0: the
  // physical address is the offset, the space 0): the interpreter's
  // LOAD_SIMPLE / STORE_SIMPLE with iss::translate_data_fast() and
  // cache_core::access_hit() in place. What they would not serve as a hit
  // -- unaligned, not allowed by the rights table, uncached -- goes to
  // `stop`, nothing changed; a miss to the plan's miss path, and from
  // there on, or to `stop` or `after` as it answers.
  void access(const run_translator::loop_plan& p, const decoded_insn& d, unsigned i,
              const Xbyak::Label& stop, const Xbyak::Label& after) {
    const cache_core::hit_view& dc = p.dcache;
    const bool fp = d.code == op::FLOAD || d.code == op::FSTORE;
    const bool is_store = run_translator::loop_store_insn(d);
    const unsigned bytes = 1u << d.a;
    // r8d <- the address: base + (index << shift) + displacement.
    const unsigned shift = fp ? ((d.flags & F_SCALE) ? d.a : 0u) : d.len;
    load(r8d, d.r2);
    if (d.code != op::STORE_SIMPLE && d.r1 != 0) {
      mov(eax, gr(d.r1));
      if (shift) shl(eax, shift);
      add(r8d, eax);
    }
    if (d.imm != 0) add(r8d, d.imm);
    if (bytes > 1) {
      test(r8d, bytes - 1);
      jnz(stop, T_NEAR);
    }
    if (p.absolute_rights != nullptr) {
      mov(rax, reinterpret_cast<std::uintptr_t>(p.absolute_rights));
      mov(ecx, r8d);
      shr(ecx, 12);
      test(byte[rax + rcx], is_store ? p.write_right : p.read_right);
      jz(stop, T_NEAR);
    }
    if (dc.uncached_size != 0) {  // paddr - base < size, for a 32-bit address
      constexpr std::uint64_t top = std::uint64_t{1} << 32;
      const bool below_top = dc.uncached_base < top && dc.uncached_size <= top - dc.uncached_base;
      if (below_top && dc.uncached_base + dc.uncached_size == top) {
        cmp(r8d, static_cast<std::uint32_t>(dc.uncached_base));  // the range runs to the top
        jae(stop, T_NEAR);
      } else if (below_top) {
        mov(eax, r8d);  // below the top: the 32-bit difference does as well
        sub(eax, static_cast<std::uint32_t>(dc.uncached_base));
        cmp(eax, static_cast<std::uint32_t>(dc.uncached_size));
        jb(stop, T_NEAR);
      } else {
        mov(rax, r8);
        mov(rcx, dc.uncached_base);
        sub(rax, rcx);
        mov(rcx, dc.uncached_size);
        cmp(rax, rcx);
        jb(stop, T_NEAR);
      }
    }
    // rcx <- the tag, rsi <- the set's first entry, r9 <- its address.
    mov(rcx, r8);
    shr(rcx, static_cast<int>(dc.line_shift));
    mov(rsi, dc.set_mask);
    and_(rsi, rcx);
    multiply(rsi, rsi, dc.ways);
    multiply(r9, rsi, dc.entry_bytes);
    add(r9, rbx);
    std::vector<Xbyak::Label> way(dc.ways);
    Xbyak::Label hit, done;
    for (unsigned w = 0; w < dc.ways; ++w) {
      cmp(qword[r9 + w * dc.entry_bytes + dc.tag_offset], rcx);
      je(way[w], T_NEAR);
    }
    // The miss path.
    call_executor(p, p.miss, i);
    cmp(rax, -1);  // LOOP_MISS_FAULT
    je(stop, T_NEAR);
    test(rax, rax);  // LOOP_MISS_STOP
    jz(after, T_NEAR);
    mov(r15, rax);
    jmp(done, T_NEAR);
    for (unsigned w = dc.ways; w-- > 0;) {
      CodeGenerator::L(way[w]);
      if (w > 0) {
        add(rsi, static_cast<int>(w));
        add(r9, static_cast<int>(w * dc.entry_bytes));
        jmp(hit, T_NEAR);
      }
    }
    CodeGenerator::L(hit);
    // The LRU stamp and the counts, then the bytes (access_hit()).
    count_hit(dc, r9, rdx, is_store ? 2 : 1);
    shl(rsi, static_cast<int>(dc.line_shift));
    add(rsi, rbp);
    mov(eax, r8d);
    and_(eax, static_cast<std::uint32_t>(dc.line_mask));
    add(rsi, rax);
    if (fp && bytes == 8) {  // a double register, big-endian in memory
      if (is_store) {
        mov(rax, qword[rdi + offsetof(cpu_state, fr) + 8 * d.t]);
        bswap(rax);
        mov(qword[rsi], rax);
      } else {
        mov(rax, qword[rsi]);
        bswap(rax);
        mov(qword[rdi + offsetof(cpu_state, fr) + 8 * d.t], rax);
      }
    } else if (fp) {  // a word register, a double's left or right half
      if (is_store) {
        mov(eax, fr_word(d.t));
        bswap(eax);
        mov(dword[rsi], eax);
      } else {
        mov(eax, dword[rsi]);
        bswap(eax);
        mov(fr_word(d.t), eax);
      }
    } else if (is_store) {
      load(eax, d.t);
      if (bytes == 4) {
        bswap(eax);
        mov(dword[rsi], eax);
      } else if (bytes == 2) {
        rol(ax, 8);
        mov(word[rsi], ax);
      } else {
        mov(byte[rsi], al);
      }
    } else {
      if (bytes == 4) {
        mov(eax, dword[rsi]);
        bswap(eax);
      } else if (bytes == 2) {
        movzx(eax, word[rsi]);
        rol(ax, 8);
      } else {
        movzx(eax, byte[rsi]);
      }
      store(d.t, eax);
    }
    if (is_store) mov(byte[r9 + dc.dirty_offset], 1);  // the line is dirty (access_hit())
    if (p.observe != nullptr) {                        // the hit told, as a miss is served
      Xbyak::Label told;
      if (p.stores != nullptr && is_store && !fp) {  // or logged, told when the log is full
        using log = run_translator::loop_plan::store_log;
        mov(rax, reinterpret_cast<std::uintptr_t>(p.stores));
        mov(rdx, qword[rax + offsetof(log, next)]);
        mov(ecx, r8d);
        mov(qword[rdx + offsetof(observed_store, paddr)], rcx);
        // Its cycle: the base, the iterations', its place in the iteration's.
        imul(rcx, r12, static_cast<int>(p.iteration_cycles));
        mov(rsi, p.store_cycles[i]);
        add(rcx, rsi);
        add(rcx, qword[rax + offsetof(log, cycle_base)]);
        mov(qword[rdx + offsetof(observed_store, cycle)], rcx);
        mov(dword[rdx + offsetof(observed_store, pc)], p.store_pcs[i]);
        mov(dword[rdx + offsetof(observed_store, len)], bytes);
        // The register's last `bytes` bytes, big-endian from data[0].
        load(ecx, d.t);
        if (bytes < 4) shl(ecx, static_cast<int>(32 - 8 * bytes));
        bswap(ecx);
        mov(dword[rdx + offsetof(observed_store, data)], ecx);
        add(rdx, static_cast<int>(sizeof(observed_store)));
        mov(qword[rax + offsetof(log, next)], rdx);
        cmp(rdx, qword[rax + offsetof(log, end)]);
        jb(told, T_NEAR);
      }
      call_executor(p, p.observe, i);
      test(rax, rax);  // LOOP_MISS_STOP
      jz(after, T_NEAR);
      mov(r15, rax);
      CodeGenerator::L(told);
    }
    CodeGenerator::L(done);
  }

  // A call of the executor's miss path or observer for instruction i, with
  // the address in r8d (the fifth argument); rdi kept on the stack, which
  // it leaves 16-byte aligned at the call. Its answer is in rax.
  void call_executor(const run_translator::loop_plan& p, run_translator::loop_plan::miss_fn fn,
                     unsigned i) {
    push(rdi);
    mov(rdi, reinterpret_cast<std::uintptr_t>(p.miss_context));
    mov(esi, p.loop_index);
    mov(rdx, r12);
    mov(ecx, i);
    mov(rax, reinterpret_cast<std::uintptr_t>(fn));
    call(rax);
    pop(rdi);
  }

  // The loop's state, which near_state() addresses from, or none.
  const std::uint8_t* m_state_base = nullptr;
  bool m_c_in_esi = false;  // esi holds the word carry; CB in the state is stale
  bool m_v_in_r8d = false;  // r8d holds PSW.V; the state's is stale

  void instruction(const decoded_insn& d, bool carries_final, bool v_final) {
    switch (d.code) {
      case op::LDIL:
        if (d.t != 0) mov(gr(d.t), static_cast<std::uint32_t>(d.imm));
        break;
      case op::ADDIL:
        load(eax, d.r2);
        add_imm(eax, d.imm);
        mov(gr(1), eax);
        break;
      case op::LDO:
        load(eax, d.r2);
        add_imm(eax, d.imm);
        store(d.t, eax);
        break;
      case op::ADDL:
        load(eax, d.r1);
        if (d.a) shl(eax, d.a);
        if (d.r2 != 0) add(eax, gr(d.r2));
        store(d.t, eax);
        break;
      case op::ADDCB:
        // a = GR[r1] << sh, b = GR[r2], r = a + b (+ C).
        load(ecx, d.r1);
        if (d.a) shl(ecx, d.a);
        load(edx, d.r2);
        sum(d.flags & F_CARRY ? carry_in::WORD_CARRY : carry_in::NONE, carries_final);
        store(d.t, eax);
        break;
      case op::ADDI:
        mov(ecx, static_cast<std::uint32_t>(d.imm));
        load(edx, d.r2);
        sum(carry_in::NONE, carries_final);
        store(d.t, eax);
        break;
      case op::SUB:
      case op::SUBB:
      case op::SUBI:
        // r = a + ~b + 1 (SUB, SUBI) or + C (SUB,B).
        if (d.code == op::SUBI) {
          mov(ecx, static_cast<std::uint32_t>(d.imm));
        } else {
          load(ecx, d.r1);
        }
        load(edx, d.r2);
        not_(edx);
        sum(d.code == op::SUBB ? carry_in::WORD_CARRY : carry_in::ONE, carries_final);
        store(d.t, eax);
        break;
      case op::DS: {
        // add1 = GR[r1] << 1 | C; add2 = V ? ~GR[r2] : GR[r2]; r = add1 +
        // add2 + V; V <- the carry out xor GR[r2]'s sign (QEMU trans_ds).
        load(ecx, d.r1);
        shl(ecx, 1);
        if (m_c_in_esi) {
          or_(ecx, esi);
        } else {
          mov(eax, cb());
          shr(eax, 31);
          or_(ecx, eax);
        }
        if (!m_v_in_r8d) movzx(r8d, psw_v());
        load(edx, d.r2);
        mov(r9d, r8d);
        neg(r9d);  // 0 or all ones
        xor_(edx, r9d);
        sum(carry_in::V, carries_final);
        // sum() leaves the carry out in r11d and add2 in edx, whose sign
        // xor the old V is GR[r2]'s.
        mov(r10d, edx);
        shr(r10d, 31);
        xor_(r10d, r8d);
        xor_(r10d, r11d);
        if (v_final) {
          mov(psw_v(), r10b);
          m_v_in_r8d = false;
        } else {
          mov(r8d, r10d);
          m_v_in_r8d = true;
        }
        store(d.t, eax);
        break;
      }
      case op::AND:
      case op::OR:
      case op::XOR:
      case op::ANDCM:
        load(eax, d.r1);
        load(ecx, d.r2);
        if (d.code == op::AND) and_(eax, ecx);
        if (d.code == op::OR) or_(eax, ecx);
        if (d.code == op::XOR) xor_(eax, ecx);
        if (d.code == op::ANDCM) {
          not_(ecx);
          and_(eax, ecx);
        }
        store(d.t, eax);
        break;
      case op::SHD:
        // (GR[r1]:GR[r2]) >> sa, the low word.
        load(eax, d.r2);
        load(edx, d.r1);
        shl(rdx, 32);
        or_(rax, rdx);
        if (d.pos) shr(rax, d.pos);
        store(d.t, eax);
        break;
      case op::EXTRU:
        load(eax, d.r1);
        if (d.pos) shr(eax, d.pos);
        and_(eax, static_cast<std::uint32_t>(d.imm));
        store(d.t, eax);
        break;
      case op::EXTR: {
        const unsigned cpos = d.pos;
        const unsigned len = cpos + d.len > 32 ? 32 - cpos : d.len;
        load(eax, d.r1);
        if (d.flags & F_SIGNED) {
          if (32 - cpos - len) shl(eax, 32 - cpos - len);
          if (32 - len) sar(eax, 32 - len);
        } else {
          if (cpos) shr(eax, cpos);
          if (len < 32) and_(eax, low_mask(len));
        }
        store(d.t, eax);
        break;
      }
      case op::DEP:
      case op::DEPI: {
        const unsigned cpos = d.pos;
        const unsigned len = cpos + d.len > 32 ? 32 - cpos : d.len;
        const std::uint32_t mask = low_mask(len) << cpos;
        if (d.code == op::DEP) {
          load(eax, d.r1);
          if (cpos) shl(eax, cpos);
          and_(eax, mask);
        } else {
          mov(eax, (static_cast<std::uint32_t>(d.imm) << cpos) & mask);
        }
        if (d.flags & F_MERGE) {
          load(ecx, d.t);
          and_(ecx, ~mask);
          or_(eax, ecx);
        }
        store(d.t, eax);
        break;
      }
      default:
        break;  // translatable() admits nothing else
    }
  }

  // x86 conditions, each with its negation next to it (cc ^ 1); NEVER and
  // ALWAYS for a branch with no condition to test.
  enum cc : unsigned { E, NE, L, GE, LE, G, B, AE, BE, A, O, NO, NZ, Z, NEVER, ALWAYS };
  void set_al(unsigned c) {
    switch (c) {
      case E:
        sete(al);
        break;
      case NE:
        setne(al);
        break;
      case L:
        setl(al);
        break;
      case GE:
        setge(al);
        break;
      case LE:
        setle(al);
        break;
      case G:
        setg(al);
        break;
      case B:
        setb(al);
        break;
      case AE:
        setae(al);
        break;
      case BE:
        setbe(al);
        break;
      case A:
        seta(al);
        break;
      case O:
        seto(al);
        break;
      case NO:
        setno(al);
        break;
      case NZ:
        setnz(al);
        break;
      default:
        setz(al);
        break;
    }
  }

  // ecx <- a compare-and-branch's first operand: GR[r1], or its im5.
  void first_operand(const decoded_insn& d, bool from_register) {
    if (from_register) {
      load(ecx, d.r1);
    } else {
      mov(ecx, static_cast<std::uint32_t>(std::int32_t{d.i5}));
    }
  }

  // The branch that ends a run: its register write (ADDB, ADDIB) and its
  // condition, eax <- 1 when taken, else 0.
  void branch(const decoded_insn& d) {
    const unsigned c = branch_condition(d);
    if (c == NEVER || c == ALWAYS) {
      mov(eax, c == ALWAYS ? 1 : 0);
      return;
    }
    set_al(c);
    movzx(eax, al);
  }

  // A branch's register write (ADDB, ADDIB) and its condition in the
  // flags: the x86 condition under which it is taken (QEMU do_cond /
  // do_sub_cond), or NEVER / ALWAYS, with nothing compared.
  unsigned branch_condition(const decoded_insn& d) {
    const unsigned c = d.cond >> 1;
    const unsigned negate = d.cond & 1u;
    switch (d.code) {
      case op::CMPB:
      case op::CMPIB: {
        // On a - b: =, <, <=, <<, <<=, SV, OD.
        first_operand(d, d.code == op::CMPB);
        if (c == 0) return NEVER ^ negate;
        if (c == 7) {
          load(edx, d.r2);
          sub(ecx, edx);
          test(cl, 1);
          return NZ ^ negate;
        }
        if (d.r2 != 0) {
          cmp(ecx, gr(d.r2));
        } else {
          test(ecx, ecx);  // (cmp ecx, 0: the same flags)
        }
        static constexpr unsigned on_sub[] = {0, E, L, LE, B, BE, O, 0};
        return on_sub[c] ^ negate;
      }
      case op::ADDB:
      case op::ADDIB: {
        // On r = a + b, written to GR[r2]: =, <, <=, NUV, ZNV, SV, OD.
        first_operand(d, d.code == op::ADDB);
        load(edx, d.r2);
        add(edx, ecx);
        store(d.r2, edx);  // a move: the flags stay
        static constexpr unsigned on_add[] = {0, E, L, LE, AE, 0, O, 0};
        if (c == 0) return NEVER ^ negate;
        if (c == 5) {  // no carry, or zero
          setae(al);
          setz(cl);
          or_(al, cl);
          return NZ ^ negate;  // (or leaves ZF as al == 0)
        }
        if (c == 7) {
          test(dl, 1);
          return NZ ^ negate;
        }
        return on_add[c] ^ negate;
      }
      case op::BB:
        // Taken when the bit at big-endian position pos is 1 (c = 0) or 0.
        load(ecx, d.r1);
        bt(ecx, 31 - d.pos);
        return d.cond ? AE : B;
      default:  // BL (B): no condition, no link; translatable_branch() admits nothing else
        return ALWAYS;
    }
  }

  // Jumps to `to` when condition c (branch_condition()) holds.
  void jump_if(unsigned c, const Xbyak::Label& to) {
    switch (c) {
      case NEVER:
        break;
      case ALWAYS:
        jmp(to, T_NEAR);
        break;
      case E:
        je(to, T_NEAR);
        break;
      case NE:
        jne(to, T_NEAR);
        break;
      case L:
        jl(to, T_NEAR);
        break;
      case GE:
        jge(to, T_NEAR);
        break;
      case LE:
        jle(to, T_NEAR);
        break;
      case G:
        jg(to, T_NEAR);
        break;
      case B:
        jb(to, T_NEAR);
        break;
      case AE:
        jae(to, T_NEAR);
        break;
      case BE:
        jbe(to, T_NEAR);
        break;
      case A:
        ja(to, T_NEAR);
        break;
      case O:
        jo(to, T_NEAR);
        break;
      case NO:
        jno(to, T_NEAR);
        break;
      case NZ:
        jnz(to, T_NEAR);
        break;
      default:
        jz(to, T_NEAR);
        break;
    }
  }

  // dst <- src * k, by a shift when k is a power of two.
  void multiply(const Xbyak::Reg64& dst, const Xbyak::Reg64& src, unsigned k) {
    if (k != 0 && (k & (k - 1)) == 0) {
      if (dst != src) mov(dst, src);
      const int shift = __builtin_ctz(k);
      if (shift != 0) shl(dst, shift);
    } else {
      imul(dst, src, static_cast<int>(k));
    }
  }

  Xbyak::Address gr(unsigned r) const { return dword[rdi + 4 * r]; }
  // FP word register w: fr[w & 31]'s left half (the high word) or, with
  // bit 5, its right half (cpu_state::frw).
  Xbyak::Address fr_word(unsigned w) const {
    return dword[rdi + offsetof(cpu_state, fr) + 8 * (w & 31u) + ((w & 32u) ? 0 : 4)];
  }
  Xbyak::Address cb() const { return dword[rdi + offsetof(cpu_state, cb)]; }
  Xbyak::Address psw_v() const { return byte[rdi + offsetof(cpu_state, psw_v)]; }
  void load(const Xbyak::Reg32& reg, unsigned r) {
    if (r == 0) {
      xor_(reg, reg);
    } else {
      mov(reg, gr(r));
    }
  }
  void store(unsigned r, const Xbyak::Reg32& reg) {
    if (r != 0) mov(gr(r), reg);
  }
  void add_imm(const Xbyak::Reg32& reg, std::int32_t imm) {
    if (imm != 0) add(reg, imm);
  }

  enum class carry_in { NONE, ONE, WORD_CARRY, V };
  // eax <- ecx + edx + the carry in, and the carries: all 32 of them to the
  // state when `final`, (a & b) | ((a | b) & ~r), else the word carry to
  // esi. The carry out of bit 31 is left in r11d (0 or 1).
  void sum(carry_in in, bool final) {
    mov(eax, ecx);
    switch (in) {
      case carry_in::NONE:
        add(eax, edx);
        break;
      case carry_in::ONE:
        stc();
        adc(eax, edx);
        break;
      case carry_in::WORD_CARRY:
        if (m_c_in_esi) {
          bt(esi, 0);
        } else {
          bt(cb(), 31);
        }
        adc(eax, edx);
        break;
      case carry_in::V:
        bt(r8d, 0);
        adc(eax, edx);
        break;
    }
    setc(r11b);
    movzx(r11d, r11b);
    if (final) {
      mov(r9d, ecx);
      and_(r9d, edx);
      mov(r10d, ecx);
      or_(r10d, edx);
      mov(esi, eax);
      not_(esi);
      and_(r10d, esi);
      or_(r9d, r10d);
      mov(cb(), r9d);
      m_c_in_esi = false;
    } else {
      mov(esi, r11d);
      m_c_in_esi = true;
    }
  }
};

}  // namespace

bool run_translator::make_code(decoded_insn& head) {
  run& r = m_runs[static_cast<std::uint32_t>(head.imm)];
  if (m_loops_only && r.loop != LOOP_WANTED && r.loop < 0) {
    head = r.first;  // heads no loop: interpreted
    return false;
  }
  if (code_room(2 * RUN_CODE_RESERVE) == nullptr) {
    head = r.first;  // no code space: interpreted
    ++m_refused;
    return false;
  }
  decoded_insn slots[MAX_RUN];
  slots[0] = r.first;
  // (The others may start runs of their own, marked.)
  const decoded_insn* line_from = &head;
  for (unsigned i = 1; i < r.count; ++i) {
    const decoded_insn& d = line_from[i];
    slots[i] = decoded(d);
  }
  auto emit = [&](unsigned n) -> run_fn {
    run_emitter e(RUN_CODE_RESERVE, code_room(RUN_CODE_RESERVE));
    e.emit_run(slots, n, r.nullify_taken, r.nullify_not_taken);
    code_used(e.getSize());
    return reinterpret_cast<run_fn>(const_cast<std::uint8_t*>(e.getCode()));
  };
  r.all = emit(r.count);
  r.head = emit(1);
  ++m_translated;
  return true;
}

run_translator::loop_fn run_translator::make_loop_code(const loop_plan& plan) {
  std::uint8_t* const where = code_room(LOOP_CODE_RESERVE);
  if (where == nullptr) return nullptr;
  run_emitter e(LOOP_CODE_RESERVE, where);
  e.emit_loop(plan);
  code_used(e.getSize());
  return reinterpret_cast<loop_fn>(const_cast<std::uint8_t*>(e.getCode()));
}

#else

run_translator::loop_fn run_translator::make_loop_code(const loop_plan&) {
  return nullptr;
}

bool run_translator::make_code(decoded_insn& head) {
  head = m_runs[static_cast<std::uint32_t>(head.imm)].first;
  return false;
}

#endif

void run_translator::describe(const decoded_insn* slots, unsigned count, run& out) const {
  out.count = count;
  out.tail_cycles = 0;
  out.with_delay_slot = count >= 2 && translatable_branch(slots[count - 2]);
  const unsigned at = out.with_delay_slot ? count - 2 : count - 1;  // the branch, if any
  out.leading = at;
  const decoded_insn& branch = slots[at];
  out.ends_in_branch = translatable_branch(branch);
  if (out.ends_in_branch) {
    // (QEMU do_cbranch) ,N nullifies the delay slot of a taken forward or a
    // not-taken backward branch; B,N that of B, always taken, either way.
    const bool n = (branch.flags & F_NULLIFY) != 0;
    const bool always = branch.code == op::BL;
    out.nullify_taken = n && (always || branch.imm >= 0);
    out.nullify_not_taken = n && !always && branch.imm < 0;
    out.branch_delta = 4 * at + 8 + static_cast<std::uint32_t>(branch.imm);
  }
  for (unsigned i = 1; i < count; ++i) out.tail_cycles += slots[i].cycles;
  out.inner_cycles = out.tail_cycles + (out.with_delay_slot ? m_taken_branch_cycles : 0);
  out.first = slots[0];
}

}  // namespace pavp::cpu
