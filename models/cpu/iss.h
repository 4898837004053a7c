// Instruction-set simulator core of a PA-RISC 1.1 CPU (32-bit, big-endian):
// the unprivileged integer ISA, the FP loads/stores and XMPYU that gcc uses for
// integer multiplication, the FP operations (pavp/cpu/fpu.h), the instruction
// address queue with delay slots and nullification, and a pre-decoded
// instruction cache keyed by physical address, whose runs of plain ALU
// instructions execute as host code (pavp/cpu/run_translator.h). Plain C++:
// memory is reached only through cpu_bus.
//
// Typical use:
//   my_bus bus;                        // implements pavp::cpu::cpu_bus
//   pavp::cpu::iss cpu(bus);
//   cpu.state().set_pc(entry);
//   pavp::cpu::run_result r = cpu.run(1'000'000);
//   if (r.reason == pavp::cpu::stop_reason::TRAP && r.trap == pavp::cpu::TRAP_BREAK) ...
//
// Interruptions: with iss_config::deliver_interruptions = false (the
// default), a trap stops run() and leaves the queue pointing at the trapping
// instruction (IAOQ_Front = its address), as the hardware would present it in
// IIAOQ; external interrupts then stay pending in EIRR. With it true, traps
// and external interrupts go through the vector table at IVA (CR14) as the
// architecture describes (system.cpp), and run() stops only at its
// instruction limit, a bus error or an unmodelled instruction.
//
// System architecture: privilege levels, PSW, space and control registers,
// the interval timer (CR16, EIRR bit 0), EIRR/EIEM, RFI/RFIR with shadow
// registers, SSM/RSM/MTSM, and address translation through the split TLBs of
// pavp/cpu/mmu.h when PSW.C (fetch) / PSW.D (data) are set; with C=0/D=0
// addresses are absolute (paddr = offset).
#ifndef PAVP_CPU_ISS_H
#define PAVP_CPU_ISS_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pavp/common/host_memory.h"
#include "pavp/cpu/cpu_bus.h"
#include "pavp/cpu/cpu_state.h"
#include "pavp/cpu/decode.h"
#include "pavp/cpu/mmu.h"
#include "pavp/cpu/run_translator.h"

namespace pavp::cpu {

struct iss_config {
  // Bytes fetched through the bus when execution enters a new line (a power
  // of two, 4..256); the I-cache line size of the modelled CPU.
  unsigned fetch_line_bytes = 32;
  // Base cost in cycles per instruction class (ALU, LOAD, STORE, BRANCH,
  // SYSTEM); the bus adds the memory latency on top.
  std::array<std::uint32_t, static_cast<unsigned>(insn_class::COUNT_)> class_cycles{1, 1, 1, 1, 1};
  // Extra cycles of a taken branch.
  std::uint32_t taken_branch_cycles = 0;
  // Deliver interruptions through the vector table at IVA (true), or stop
  // run() at a trap without changing any interruption register (false).
  bool deliver_interruptions = false;
  // CPU cycles per interval-timer (CR16) tick; 1 counts every cycle.
  std::uint32_t timer_divider = 1;
  // TLB sizes and organisation.
  mmu_config mmu;
  // User-mode (syscall) emulation: execution reaching the gateway page
  // (offsets 0..0xfff, e.g. `ble 0x100(%sr2,%r0)` for a Linux syscall, 0xB0
  // for the light-weight syscalls) stops run() with stop_reason::GATEWAY
  // before that page is fetched; the emulator handles the call and resumes.
  bool gateway_stop = false;
  // Runs of plain ALU instructions within a line execute as host code made
  // for them (pavp/cpu/run_translator.h; x86-64 hosts), with the same
  // results, cycles and statistics as interpreting them; whether that is
  // faster depends on the code (BENCHMARKS.md, fourteenth round). False
  // interprets every instruction (tests compare the two).
  bool translate_runs = true;
  // With translate_runs: loops closed by a compare-and-branch back, of
  // instructions runs take, loads and stores without base modification
  // and XMPYU, execute as host code made for them (run_translator::
  // loop_plan, loops.cpp), the caches' hits in place, when their accesses
  // are absolute (PSW.D = 0, as pavp se runs programs): the same results,
  // cycles and statistics as interpreting them.
  bool translate_loops = true;
  // With translate_runs: whether every run executes as host code (true), or
  // only those that head a loop, the others interpreted
  // (run_translator::only_loop_runs): for code that mostly runs once, where
  // making a run's code costs more than it saves (the firmware's).
  bool runs_as_code = true;
  // The host code the translator may make; runs beyond it are interpreted.
  std::size_t run_code_bytes = run_translator::DEFAULT_MAX_CODE_BYTES;
};

enum class stop_reason : std::uint8_t {
  INSN_LIMIT,     // run() executed the number of instructions it was given
  TRAP,           // an interruption (trap number in run_result::trap)
  BUS_ERROR,      // the bus refused an access (address in run_result::ior)
  UNIMPLEMENTED,  // a valid instruction or mode the core does not model yet
  GATEWAY,        // execution reached the gateway page (iss_config::gateway_stop)
};

const char* to_string(stop_reason reason);

struct run_result {
  stop_reason reason = stop_reason::INSN_LIMIT;
  unsigned trap = 0;           // interruption number for TRAP (TRAP_BREAK, TRAP_ILLEGAL ...)
  std::uint32_t iir = 0;       // the instruction word that stopped the run
  std::uint32_t pc = 0;        // its IAOQ_Front (privilege in the low two bits)
  std::uint32_t space = 0;     // its IASQ_Front
  std::uint32_t isr = 0;       // data space of a data trap / bus error
  std::uint32_t ior = 0;       // data offset of a data trap / bus error
  std::uint64_t executed = 0;  // instructions completed (incl. nullified) in this run
};

struct iss_stats {
  std::uint64_t instructions = 0;  // completed, including nullified ones
  std::uint64_t nullified = 0;
  std::uint64_t cycles = 0;
  std::uint64_t fetch_lines = 0;  // line fetches through the bus
  std::uint64_t decodes = 0;      // pre-decode cache misses
  std::uint64_t loads = 0;
  std::uint64_t stores = 0;
  std::uint64_t taken_branches = 0;
};

class iss {
 public:
  explicit iss(cpu_bus& bus, const iss_config& config = {});
  ~iss();
  iss(const iss&) = delete;
  iss& operator=(const iss&) = delete;

  cpu_state& state() { return m_state; }
  const cpu_state& state() const { return m_state; }
  const iss_stats& stats() const { return m_stats; }
  const iss_config& config() const { return m_config; }
  // Runs of plain ALU instructions translated to host code so far
  // (iss_config::translate_runs); 0 when off or on a host without it.
  std::size_t translated_runs() const { return m_runs.translated(); }
  // Runs interpreted because no code space was left (run_code_bytes).
  std::size_t runs_without_code() const { return m_runs.refused(); }
  // Loops given host code (iss_config::translate_loops), and the
  // instructions their code completed.
  std::size_t translated_loops() const { return m_loops.size(); }
  std::uint64_t loop_instructions() const { return m_loop_instructions; }

  // Runs until a stop condition or until max_instructions more instructions
  // have completed; with deliver_interruptions each delivered trap also
  // counts as one, so a trap loop (IVA = 0, no handler) ends at the limit.
  // State changed through state() or mmu_unit() between runs is picked up
  // (a run starts a new translation epoch when PSW.C/D/P, a PID or the TLBs
  // changed, and recomputes the timer and pending events).
  run_result run(std::uint64_t max_instructions);

  // Forgets the fetched lines that overlap [paddr, paddr+len) (all of them
  // for invalidate_all_code), so that the next instruction there is fetched
  // through the instruction cache again (FIC, DMA or a loader writing code).
  // The pre-decoded slots need no dropping: fetch_line() checks them against
  // every line fetched.
  void invalidate_code(std::uint64_t paddr, std::uint64_t len);
  void invalidate_all_code();

  // Decodes now every instruction of the physical pages that already hold
  // executed code, as memory holds them (cpu_bus::peek_code), so that later
  // execution finds them decoded. Nothing a run shows changes: a decoded
  // slot is still checked against every line fetched, and costs the cycles
  // it would have cost decoded on the way; only iss_stats::decodes, which
  // counts decodes made while executing, is lower. Called before a run is
  // forked into branches (platform/study): each branch then finds its code
  // decoded, instead of decoding -- and so copying -- those pages itself.
  // Returns at once when nothing was decoded since the last call.
  void predecode();

  // ---- system architecture (system.cpp) ------------------------------
  // The TLBs; platform code may insert and purge directly (the ISS notices
  // the change at the next run()).
  mmu& mmu_unit() { return m_mmu; }
  const mmu& mmu_unit() const { return m_mmu; }

  // External interrupt lines: sets / clears bits of EIRR (bit i, BE
  // numbering, is mask 0x80000000 >> i; bit 0 is the interval timer). An
  // interrupt is taken between instructions when PSW.I = 1 and EIRR & EIEM
  // != 0, and interruption delivery is on.
  void raise_external(std::uint32_t eirr_bits);
  void lower_external(std::uint32_t eirr_bits);
  bool external_pending() const;

  // The interval timer: the free-running counter CR16 reads, and the CPU
  // cycles until it next equals the compare value (the last CR16 write),
  // which sets EIRR bit 0.
  std::uint32_t interval_timer() const;
  std::uint64_t cycles_to_timer_match() const;

  // Delivers an interruption now, as the hardware does (IPSW, IIASQ/IIAOQ,
  // IIR/ISR/IOR and the shadow registers when PSW.Q = 1, then PSW = 0 and
  // the queue at IVA + 32 * trap), whatever deliver_interruptions says.
  void deliver_interruption(unsigned trap, std::uint32_t iir = 0, std::uint32_t isr = 0,
                            std::uint32_t ior = 0);

  // Page rights of absolute data accesses (PSW.D = 0), for a platform that
  // runs a program without translation and still protects its memory as
  // Linux would (pavp se: read-only text, no page at 0). One byte per 4 KiB
  // page of the 4 GiB space: ABSOLUTE_READ, ABSOLUTE_WRITE. A load or store
  // the page does not allow takes trap 26 (data memory access rights), as a
  // TLB entry's rights would, with the address in ISR/IOR. Off (every
  // absolute access allowed, no check) until enable_absolute_rights(); the
  // table may be changed between runs.
  static constexpr std::uint8_t ABSOLUTE_READ = 1;
  static constexpr std::uint8_t ABSOLUTE_WRITE = 2;
  static constexpr std::size_t ABSOLUTE_RIGHTS_PAGES = std::size_t{1} << 20;
  // The table, ABSOLUTE_RIGHTS_PAGES bytes, zero (no access) at first: an
  // anonymous mapping, so that only the pages of it written cost the host
  // memory and time (host_memory::zeroed_block).
  std::uint8_t* enable_absolute_rights();

  // Counts of delivered interruptions by number (0..31).
  const std::array<std::uint64_t, 32>& interruption_counts() const { return m_interruptions; }
  // Called after each delivery with the interruption number; the state then
  // holds the saved IIASQ/IIAOQ, IPSW, IIR, ISR and IOR (tracing, tests).
  void set_interruption_hook(std::function<void(unsigned trap)> hook) {
    m_interruption_hook = std::move(hook);
  }

 private:
  struct decoded_page;

  // The pre-decoded page holding paddr (created when first needed), which
  // becomes the current one (m_cur_page).
  decoded_page& page_of(std::uint64_t paddr);
  // Decodes an UNDECODED slot from its raw word and sets its base cycles
  // from its class (execute() charges them and counts the decode).
  void decode_word(decoded_insn& slot) const;
  // A line's bytes as now fetched (or in memory): the slots whose word
  // changed become UNDECODED with the new word, and known (the page's copy
  // of the line) takes the bytes.
  // `first` is the line's first slot's index in its page.
  void renew_slots(decoded_insn* slots, unsigned first, std::uint8_t* known,
                   const std::uint8_t* bytes, unsigned len);
  // After a slot of the line holding `slots` (slot `first` of its page) was
  // decoded or renewed: marks the line's runs for the translator again
  // (iss_config::translate_runs), and the loops its branches close
  // (find_loops).
  void mark_runs(decoded_insn* line_slots, unsigned first);
  // Loops (run_translator::loop_plan) whose branch back or delay slot lies
  // in slots first .. first + count - 1 of the page whose slots start at
  // page: their heads are marked op::LOOP, their code made when first run.
  void find_loops(decoded_insn* page, unsigned first, unsigned count);
  // The loop headed by `head`, the slot at pc of the current line: makes its
  // code the first time, then runs it when this is the context it was made
  // for (m_state and m_stats written back). False when nothing ran: the
  // run at head goes on as usual.
  enum class loop_outcome { NOT_RUN, RAN, BUS_ERROR };
  loop_outcome run_loop(decoded_insn& head, std::uint32_t pc);
  // The miss path of a loop's code (run_translator::loop_plan::miss):
  // instruction i of loop `loop`, in the iteration after `iterations`,
  // missed the data cache at address; completes it as the interpreter
  // would and answers the cycle room left, or LOOP_MISS_STOP or
  // LOOP_MISS_FAULT.
  static std::uint64_t loop_miss(void* self, std::uint32_t loop, std::uint64_t iterations,
                                 std::uint32_t i, std::uint32_t address);
  std::uint64_t loop_access(std::uint32_t loop, std::uint64_t iterations, std::uint32_t i,
                            std::uint32_t address);
  // The observer's call of a loop's code (run_translator::loop_plan::
  // observe): instruction i's access at address hit; tells the bus's
  // observer as the interpreter would and answers as loop_access().
  static std::uint64_t loop_observed_hit(void* self, std::uint32_t loop, std::uint64_t iterations,
                                         std::uint32_t i, std::uint32_t address);
  std::uint64_t loop_observe(std::uint32_t loop, std::uint64_t iterations, std::uint32_t i,
                             std::uint32_t address);
  // The loop of run_index's run, made for pc in the current line: its index
  // in m_loops, or run_translator::LOOP_REFUSED.
  std::int32_t make_loop(decoded_insn& head, std::uint32_t pc);
  struct loop_record;
  // Whether each change of line of loop l would repeat its fetch as a hit
  // (switch_to_fetched_line() with refetch()); then its line_entries name
  // the instruction cache's entries.
  bool loop_lines_repeat(loop_record& l);
  // Tells the bus's observer the store hits the running loop's code logged
  // (loop_plan::stores) since the last call, in order, and empties the log:
  // before the memory system or the observer hears of an access to bytes
  // they touch (logged_stores_touch()), before a load or store is told in
  // full, and when the code returns.
  void tell_logged_stores();
  // Whether a store in the log may touch the `bytes` bytes at address (the
  // span of the log's addresses does).
  bool logged_stores_touch(std::uint32_t address, unsigned bytes);
  struct loop_stop;
  // The counts, queue and PSW.N/B at stop x of loop l after `iterations`
  // iterations, as run_loop() leaves them (m_loop_start and the misses'
  // extra cycles with the tallies).
  void set_loop_state(const loop_record& l, std::uint64_t iterations, const loop_stop& x);
  // Its instruction count, cycles, queue and PSW.N/B only (a miss's part).
  void set_loop_position(const loop_record& l, std::uint64_t iterations, const loop_stop& x);
  // What says whether the fetch lines were touched: the instruction cache's
  // dropped lines and debug writes, and the translation epoch.
  struct fetch_lines_seen {
    std::uint64_t dropped;
    std::uint64_t debug_writes;
    std::uint32_t epoch;
  };
  fetch_lines_seen seen_fetch_lines(const loop_record& l) const;
  // After a miss or an observer's call in loop l's code: the cycle room
  // left, or LOOP_MISS_STOP when the code must stop (the fetch lines were
  // touched since `before`, taken as the call began, or an event is within
  // reach).
  std::uint64_t loop_goes_on(const loop_record& l, std::uint64_t iterations,
                             const fetch_lines_seen& before) const;
  // A loop's load or store d (loop_access(), loop_observe()): the space it
  // names, and its register's value (GR t, or FR t's double or word)
  // big-endian in the last 1 << d.a bytes of buf.
  std::uint32_t loop_access_space(const decoded_insn& d) const;
  void loop_register_bytes(const decoded_insn& d, std::uint8_t (&buf)[8]) const;
  // Reads the line holding paddr through the instruction cache into m_line
  // and checks its pre-decoded slots against the words read.
  bool fetch_line(std::uint32_t vaddr, std::uint64_t paddr);
  // Forgets the current fetch line: the next instruction fetches again.
  void drop_fetch_line();
  // The instruction at pc lies in its entry of m_fetched, reached with the
  // same space, privilege and translations as then: make it current,
  // fetching it again (refetch) if it is another physical line than the
  // current one. False when it does not, or the fetch cannot be repeated;
  // then execute() translates and fetches as usual. Adds the fetch's cycles
  // to cycles.
  bool switch_to_fetched_line(std::uint32_t pc, std::uint64_t& cycles);
  // Entry index's fetch again, as a hit on the line it named
  // (cpu_bus::fetch_hit_cache), which then becomes the current line; false,
  // with nothing done, when the bus offers no such path or the line no
  // longer holds those bytes.
  bool refetch(unsigned index, std::uint64_t& cycles);
  void make_fetched_current(unsigned index);
  // The entry of m_fetched for the virtual line holding vaddr.
  unsigned fetched_index(std::uint32_t vaddr) const {
    return (vaddr >> m_line_shift) & (FETCHED_LINES - 1);
  }

  // Runs instructions (run() delivers the interruptions it stops at):
  // execute_as<false> for a bus whose data hits need no report, or
  // execute_as<true> when they are observed (cpu_bus::data_hits_observed),
  // so that the unobserved hit path carries no test for it.
  run_result execute(std::uint64_t max_instructions) {
    return m_bus.data_hits_observed() ? execute_as<true>(max_instructions)
                                      : execute_as<false>(max_instructions);
  }
  template <bool OBSERVED_HITS>
  run_result execute_as(std::uint64_t max_instructions);

  // A load or store (kind) of len bytes at (space:vaddr) = paddr goes first
  // to the data cache's inline hit path when the bus offers one
  // (cpu_bus::data_hit_cache) and the access is cached: data_hit() returns
  // true when it served it. What it declines, and every access when there is
  // no such path, goes through the bus's read()/write() (data_miss()). Both
  // add the access's cycles to cycles.
  bool data_hit(access_kind kind, std::uint32_t vaddr, std::uint32_t space, std::uint64_t paddr,
                std::uint8_t* data, unsigned len, std::uint64_t& cycles);
  bool data_miss(access_kind kind, std::uint32_t vaddr, std::uint32_t space, unsigned priv,
                 std::uint64_t paddr, std::uint8_t* data, unsigned len, std::uint64_t& cycles);

  // Data address translation: identity while PSW.D = 0, else through the
  // DTLB with the access checks. translate_data_fast() answers from the
  // translation cache (true; trap = 0 or the interruption number) or returns
  // false, and translate_data_slow() answers: 0 or the interruption number.
  // The slow path reads the privilege from m_state's queue.
  bool translate_data_fast(std::uint32_t vaddr, std::uint32_t space, access_kind kind,
                           unsigned priv, std::uint64_t& paddr, unsigned& trap);
  unsigned translate_data_slow(std::uint32_t vaddr, std::uint32_t space, access_kind kind,
                               std::uint64_t& paddr);
  // The absolute access's rights check (enable_absolute_rights): 0 or 26.
  unsigned absolute_rights_trap(std::uint32_t vaddr, access_kind kind) const;
  // FDC/PDC (DTLB) and FIC (ITLB) translation: 0 or non-access miss 17 / 16.
  unsigned translate_cache_op(std::uint32_t vaddr, std::uint32_t space, bool insn_side,
                              std::uint64_t& paddr);
  // TLB inserts and purges, PROBE, LPA, LCI: 0 or the interruption number
  // (with the faulting data address for the non-access miss).
  unsigned system_mmu_op(const decoded_insn& d, std::uint32_t& fault_space,
                         std::uint32_t& fault_ofs);
  // Instruction address translation (PSW.C = 1): 0 or trap 6 / 7.
  unsigned translate_fetch(std::uint32_t vaddr, std::uint32_t space, unsigned priv,
                           std::uint64_t& paddr);
  // Drops the translation fast path and recomputes the pending-event cycle
  // (after PSW, PID, EIEM, EIRR or TLB changes).
  void system_state_changed();
  // What every cached translation depends on besides its key (space, page,
  // privilege): PSW.C, D and P, the four PIDs and the TLBs' generation. As
  // it was at the last system_state_changed() in m_xlat_context; run()
  // starts a new epoch only when it differs.
  struct xlat_context {
    std::uint32_t psw_bits = 0;
    std::array<std::uint32_t, 4> pids{};
    std::uint64_t tlb_generation = ~0ull;
    bool operator!=(const xlat_context& o) const {
      return psw_bits != o.psw_bits || pids != o.pids || tlb_generation != o.tlb_generation;
    }
  };
  xlat_context translation_context() const;
  xlat_context m_xlat_context;
  void update_events();
  void arm_timer();
  // Handles the timer and external interrupts at an instruction boundary.
  void take_events();

  // The recovery counter (CR0). PA-RISC 2.0 manual, ch. 2 "Control
  // Registers": CR0 counts down by one for each non-nullified instruction
  // executed with PSW.R = 1 (an instruction that ends in an interruption does
  // not count), and when its leftmost bit is 1 with PSW.R = 1 a recovery
  // counter trap (3, group 2) is taken before the next instruction, IIAOQ
  // naming it. Counted lazily: while R = 1, CR0 is behind by the
  // non-nullified instructions since m_rctr_since; rctr_sync() folds them in
  // (before CR0 is read or written and at the end of a run), and
  // rctr_rebase() re-reads PSW.R and CR0 and sets m_insn_stop, the
  // instruction count at which execute() next looks at the counter (no
  // earlier than the trap can be due). `completing` is 1 when called from
  // an instruction that changed PSW.R or CR0 and completes afterwards: it
  // does not count under the new setting.
  void rctr_sync();
  void rctr_rebase(unsigned completing);

  // IASQ_Front takes IASQ_Back when an instruction completes. The two differ
  // only after BE (the one instruction that changes the back space) or RFI,
  // or when a run starts between such an instruction and the next: the
  // front then takes the back once the next instruction has completed, when
  // the instruction count reaches m_front_space_at (execute() looks there
  // at m_insn_stop, which is no later); else it is NEVER, and the common
  // completion carries no space at all. arm_front_space() sets it from the
  // queue with `completed` instructions done.
  static constexpr std::uint64_t NEVER = ~std::uint64_t{0};
  std::uint64_t m_front_space_at = NEVER;
  void arm_front_space(std::uint64_t completed);

  // One-entry-per-set translation caches in front of the TLBs, keyed by
  // (space, page, privilege) and valid for one epoch.
  struct xlat_slot {
    std::uint32_t space = 0;
    std::uint32_t key = ~0u;  // page address | privilege
    std::uint32_t ppage = 0;  // physical page address
    std::uint32_t epoch = 0;
    bool read = false, write = false, uncached = false;
  };
  static constexpr unsigned XLAT_SLOTS = 64;
  std::array<xlat_slot, XLAT_SLOTS> m_dxlat{};
  std::array<xlat_slot, XLAT_SLOTS> m_ixlat{};
  std::uint32_t m_epoch = 1;

  mmu m_mmu;
  std::uint64_t m_event_at = ~0ull;     // cycle at which take_events() must run
  std::uint64_t m_insn_limit = 0;       // this execute()'s instruction limit
  std::uint64_t m_insn_stop = 0;        // min(m_insn_limit, next recovery-counter check)
  std::uint64_t m_rctr_since = 0;       // non-nullified instructions at the last sync
  bool m_rctr_on = false;               // PSW.R at the last rebase
  std::uint64_t m_timer_match = ~0ull;  // cycle of the next CR16 match
  std::uint32_t m_timer_compare = 0;    // CR16 value the match was computed for
  std::array<std::uint64_t, 32> m_interruptions{};
  bool m_absolute_rights_on = false;
  // m_absolute_rights.data() while on, else nullptr; set by run() (the
  // table may be changed between runs).
  const std::uint8_t* m_absolute_rights_table = nullptr;
  host_memory::zeroed_block m_absolute_rights;  // one byte per page when on
  std::function<void(unsigned)> m_interruption_hook;

  cpu_bus& m_bus;
  iss_config m_config;
  cpu_state m_state;
  iss_stats m_stats;
  std::uint32_t m_line_mask;
  unsigned m_line_shift;            // log2 of the line size
  std::uint32_t m_gateway_end = 0;  // 0x1000 with gateway_stop, else 0

  // Current fetch line: its words as the instruction cache returned them,
  // its physical address, its pre-decoded slots, and the key it was reached
  // with (m_line_key, m_line_space below).
  alignas(8) std::uint8_t m_line[256];
  std::uint64_t m_line_paddr = ~0ull;
  decoded_insn* m_line_slots = nullptr;
  // The lines fetched last, one entry per virtual line index (direct
  // mapped: FETCHED_LINES consecutive lines have an entry each), as fetched:
  // physical line, slots, the virtual line and space (they chose the cache
  // set) and the bus's token. A loop over a few lines, or a call to a
  // function and back, comes back to lines that have an entry, and the core
  // repeats such a fetch as a hit on the I-cache line the token names
  // (refetch) without the lookup and the copy while the line's bytes have
  // not changed. m_line_paddr and m_line_slots are copies of the current
  // entry's, for execute(). Each entry also keeps the key it was current
  // with (virtual line | privilege, and space; NO_LINE_KEY after a
  // translation change), so that execute() can go back to it without
  // translating again (switch_to_fetched_line).
  // 1024 entries: 32 KB of code at 32-byte lines, printf's working set
  // (with 256, bench/se's stdio took 2.8% more host instructions:
  // BENCHMARKS.md).
  static constexpr unsigned FETCHED_LINES = 1024;
  static constexpr std::uint64_t NO_LINE_KEY = std::uint64_t{1} << 40;
  struct fetched_line {
    std::uint64_t paddr = ~0ull;
    decoded_insn* slots = nullptr;
    std::uint32_t vaddr = 0;  // the virtual line and space of the fetch
    std::uint32_t space = 0;
    cpu_bus::line_token token;
    std::uint64_t key = NO_LINE_KEY;  // as m_line_key: virtual line | privilege
    std::uint32_t key_space = 0;
    std::uint32_t key_epoch = 0;  // the key holds in this translation epoch only
  };
  std::array<fetched_line, FETCHED_LINES> m_fetched{};
  unsigned m_cur_fetched = 0;  // index of the current line in m_fetched
  // The current line's key for execute()'s one-test check: the virtual line
  // | privilege, valid in this translation epoch only (NO_LINE_KEY after a
  // change), and the space. An instruction at pc is in the line when
  // ((pc - m_line_key) & m_line_key_mask) == 0 (the difference is then the
  // offset in the line, with no privilege bits); NO_LINE_KEY is above any pc.
  // The space is not tested per instruction: a key other than NO_LINE_KEY
  // holds only while IASQ_Front is m_line_space, and every change of the
  // front space in a run (a BE, the deferred copy after it) goes through
  // set_front_space(), and RFI and interruptions through
  // system_state_changed(), which drop the key; a run starts by setting the
  // front space it finds (set from outside: set_pc, a debugger) the same way.
  std::uint64_t m_line_key = NO_LINE_KEY;
  std::uint64_t m_line_key_mask = 0;  // ~(line offset bits of a word address)
  std::uint32_t m_line_space = 0;
  void set_front_space(std::uint32_t space) {
    m_state.iasq_f = space;
    if (space != m_line_space) m_line_key = NO_LINE_KEY;
  }

  // Pre-decoded instructions, one block per 4 KiB physical page.
  std::unordered_map<std::uint64_t, std::unique_ptr<decoded_page>> m_pages;
  std::uint64_t m_cur_ppage = ~0ull;
  decoded_page* m_cur_page = nullptr;
  // m_pages.size() and m_stats.decodes at the end of the last predecode().
  std::size_t m_predecoded_pages = 0;
  std::uint64_t m_predecoded_decodes = ~0ull;

  // Host code for the runs of plain ALU instructions in the decoded lines.
  run_translator m_runs;

  // Loops with host code (run_translator::loop_plan): what run_loop() checks
  // before it runs one, and adds after it. Counts and cycles come as a
  // tally per iteration and per stop; each stop also names the queue,
  // PSW.N and PSW.B there and the fetch line then current.
  struct loop_tally {
    std::uint64_t instructions = 0, cycles = 0, fetch_lines = 0, loads = 0, stores = 0,
                  taken_branches = 0;
  };
  struct loop_line {
    unsigned index = 0;  // in m_fetched
    std::uint64_t paddr = 0;
    decoded_insn* slots = nullptr;
    std::uint64_t key = 0;
  };
  struct loop_stop {
    loop_tally tally;  // from the body's start (H fetched and charged)
    std::uint32_t iaoq_f = 0, iaoq_b = 0;
    bool psw_n = false, psw_b = false;
    unsigned line = 0;  // in loop_record::lines
  };
  struct loop_record {
    run_translator::loop_fn code = nullptr;
    std::uint32_t head_pc = 0, space = 0;
    unsigned count = 0;  // instructions per iteration
    bool fp = false;     // with FP loads, stores or XMPYU: the FPU must be on
    loop_tally iteration;
    std::vector<loop_stop> stops;
    std::vector<loop_line> lines;  // lines[0]: the first instruction's
    // While the code runs: the instruction cache's entry of each line
    // (loop_plan::line_entries).
    std::vector<std::uint8_t*> line_entries;
    std::vector<decoded_insn> insns;  // H .. D
    // What the code was made for.
    cache_core* icache = nullptr;
    cache_core* dcache = nullptr;
    bool observed = false;     // each hit told to the bus's observer
    bool logs_stores = false;  // its integer stores' hits logged (tell_logged_stores())
    std::uint8_t* icache_entries = nullptr;  // its line entries (cache_core::hit_view)
    unsigned icache_entry_bytes = 0;
    const std::uint8_t* rights = nullptr;
    std::uint64_t fetch_hit_cycles = 0, data_hit_cycles = 0;
    decoded_insn* first_slot = nullptr;  // H's slot; the words H .. D as made:
    std::vector<std::uint32_t> words;
    std::uint64_t code_changes = 0;  // m_code_changes when the words were last seen
  };
  std::vector<loop_record> m_loops;
  // Lines whose words changed (renew_slots()) so far: a loop looks at its
  // words again when this moved.
  std::uint64_t m_code_changes = 0;
  std::uint64_t m_loop_instructions = 0;
  // While a loop's code runs: the counts it started from, the cycles its
  // misses took beyond hits, and a bus error its miss path met.
  loop_tally m_loop_start;
  std::uint64_t m_loop_extra_cycles = 0;
  bool m_loop_fault = false;
  std::uint64_t m_loop_fault_cycles = 0;
  std::uint32_t m_loop_fault_space = 0;
  std::uint32_t m_loop_fault_address = 0;
  std::uint32_t m_loop_fault_word = 0;
  // The loops' log of store hits (loop_plan::stores).
  static constexpr std::size_t STORE_LOG_RECORDS = 256;
  std::vector<observed_store> m_store_records;
  run_translator::loop_plan::store_log m_store_log{};
  // The span of the log's addresses, over its records before `seen` (null:
  // none yet), for logged_stores_touch().
  struct store_span {
    const observed_store* seen = nullptr;
    std::uint64_t low = ~std::uint64_t{0};
    std::uint64_t high = 0;
  };
  store_span m_store_span;
};

}  // namespace pavp::cpu

#endif  // PAVP_CPU_ISS_H
