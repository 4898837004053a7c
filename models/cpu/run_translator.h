// Host code for runs of plain ALU instructions: the first piece of a
// translating executor beside the ISS's interpreter (pavp/cpu/iss.h).
//
// A run is two or more consecutive instructions of one fetch line that only
// compute on general registers, the carry/borrow bits and PSW.V: none reads
// or writes memory, traps, nullifies the next instruction or reads the
// queue. Its last instruction may be a compare-and-branch (CMPB, CMPIB,
// ADDB, ADDIB, BB) or B (BL without a link, taken always), and then also
// by that branch's delay slot when the slot is in the line and is such an
// instruction: the run ends as the branch completes, or as the delay slot
// completes or is nullified. A branch and its delay slot alone are a run
// too.
//
// The translator turns such a run into one host function that performs all
// of its instructions, in order, on a cpu_state. The ISS calls it in place
// of interpreting them one by one when nothing can happen between them (no
// event, instruction limit or recovery-counter check falls inside the run,
// and the run is entered in sequence, not as a delay slot), and otherwise
// calls the function of its first instruction only. Either way every
// register, carry bit, cycle and count comes out as interpretation gives it
// (run_translator_test compares the two executors).
//
// Host code is made for x86-64 hosts (Xbyak, from Debian's libxbyak-dev);
// on any other host available() is false and nothing is translated.
#ifndef PAVP_CPU_RUN_TRANSLATOR_H
#define PAVP_CPU_RUN_TRANSLATOR_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "pavp/cache/cache_core.h"
#include "pavp/cache/observed_store.h"
#include "pavp/cpu/cpu_state.h"
#include "pavp/cpu/decode.h"

namespace pavp::cpu {

class run_translator {
 public:
  // A translated run's code: performs its instructions on the state; for a
  // run that ends in a branch, returns 1 when the branch is taken, else 0.
  using run_fn = std::uint32_t (*)(cpu_state& state);

  struct run {
    run_fn all = nullptr;   // every instruction of the run (null until made)
    run_fn head = nullptr;  // its first instruction only (a branch: taken or not)
    // Instructions in the run (2..MAX_RUN) and the base cycles of all but
    // the first (the ISS charges the first's as for any instruction).
    std::uint32_t count = 0;
    std::uint32_t tail_cycles = 0;
    // The instructions before the one the ISS completes: the last, or the
    // branch before a delay slot.
    std::uint32_t leading = 0;
    // The cycles before the run's last instruction starts at most: an event
    // due within them falls inside the run (tail_cycles, and a taken
    // branch's before a delay slot).
    std::uint32_t inner_cycles = 0;
    // A run that ends in a branch (the last instruction, or the one before
    // its delay slot, with_delay_slot): its target's distance from the
    // run's first instruction, and whether the branch nullifies its delay
    // slot when taken and when not (,N: a taken forward or a not-taken
    // backward branch).
    bool ends_in_branch = false;
    bool with_delay_slot = false;
    bool nullify_taken = false;
    bool nullify_not_taken = false;
    std::uint32_t branch_delta = 0;
    // The first instruction's slot as decoded, which the run's mark
    // replaces in the pre-decoded line (restore()).
    decoded_insn first;
    // The loop this run heads (loop_plan): NO_LOOP, LOOP_WANTED (found,
    // its code not made yet: the slot is marked op::LOOP), LOOP_REFUSED, or
    // the loop's index in the executor that made it.
    std::int32_t loop = NO_LOOP;
  };
  static constexpr std::int32_t NO_LOOP = -1;
  static constexpr std::int32_t LOOP_WANTED = -2;
  static constexpr std::int32_t LOOP_REFUSED = -3;

  // ---- Loops ------------------------------------------------------------
  // A loop is an instruction H, the instructions after it up to a
  // compare-and-branch B back to H (or a B instruction without ,N, taken
  // always), and B's delay slot D, all in one page:
  // instructions a run takes, loads and stores without base modification
  // (LOAD_SIMPLE, STORE_SIMPLE of 1, 2 or 4 bytes; FLDW, FLDD, FSTW, FSTD),
  // XMPYU, and ways out: forward compare-and-branches past D, each with
  // such an instruction in its delay slot. Its code is entered at the
  // first instruction from H on that starts a run (marked op::LOOP), and an
  // iteration goes from there round to it again. The code performs,
  // iteration after iteration, what the interpreter would: the
  // instructions, each change of fetch line as a repeat hit in the
  // instruction cache (cache_core::touch(), in place), each load and store
  // as a hit in the data cache (cache_core::access_hit(), in place, for an
  // absolute access: PSW.D = 0), a load or store that misses through the
  // executor's miss path (loop_plan::miss), each hit told to the
  // executor's observer when there is one (loop_plan::observe). It stops
  // before whatever it does not serve -- an unaligned, protected or uncached access, a next
  // iteration that could reach the instruction limit or an event -- after
  // B when B is not taken and after a way out taken. Counts and cycles of
  // the instructions it completed are static per iteration and per stop, a
  // miss's cycles beyond a hit's aside; the executor adds them (loops.cpp).
  //
  // The code: loop_fn(state, insn_room, cycle_room, &stop) runs the body
  // from H's execution (H fetched and charged), and before each further
  // iteration takes n from insn_room and the iteration's cycles from
  // cycle_room, stopping when either would not stay positive. It returns
  // the iterations completed and sets stop:
  //   0            at the top, before the next iteration's first
  //                instruction (not fetched);
  //   1 + 2 * i    before instruction i, before its fetch (after a miss
  //                that must stop the code);
  //   2 + 2 * i    before instruction i, fetched and not charged (its
  //                access declined);
  //   2 * n + 1    after B, not taken;
  //   2 * n + 2 + i  after way out i, taken (before its delay slot).
  using loop_fn = std::uint64_t (*)(cpu_state& state, std::uint64_t insn_room,
                                    std::uint64_t cycle_room, std::uint32_t* stop);
  static constexpr unsigned MAX_LOOP = 32;  // instructions H .. D
  struct loop_plan {
    // The iteration from the slot the code is entered at (a run's first):
    // to B, D, then from H on; B at branch_at.
    std::vector<decoded_insn> insns;
    unsigned branch_at = 0;
    // Before instruction i (1 .. n-1), and before the first on the way
    // back (back_change): the index of the line it changes to, or -1 (the
    // same line). A change is the instruction cache's repeat hit on the
    // line's entry, whose address the executor keeps at line_entries[k]
    // while the code runs: it checks before that each line's fetch would
    // repeat as a hit (iss::fetched_line, cache_core::holds()), and nothing
    // the code does changes that.
    std::vector<int> change_before;
    int back_change = -1;
    std::uint8_t* const* line_entries = nullptr;
    cache_core::hit_view icache;
    cache_core::hit_view dcache;
    const std::uint8_t* absolute_rights = nullptr;  // one byte per page, or none
    std::uint8_t read_right = 0, write_right = 0;
    std::uint64_t iteration_cycles = 0;  // with every access a hit
    bool nullify_not_taken = false;
    // A load or store that misses (the lookup found no line) is not a
    // stop: the code calls miss(context, loop, iterations, i, address),
    // which completes instruction i through the memory system as the
    // interpreter would and answers the cycle room left (then the code goes
    // on), LOOP_MISS_STOP (stop after i: an event came within reach, the
    // fetch lines changed) or LOOP_MISS_FAULT (stop before i: the bus
    // refused the access).
    using miss_fn = std::uint64_t (*)(void* context, std::uint32_t loop, std::uint64_t iterations,
                                      std::uint32_t i, std::uint32_t address);
    miss_fn miss = nullptr;
    // With an observer that is told every hit (cpu_bus::data_hits_observed):
    // after each load or store that hit, the code calls observe(context,
    // loop, iterations, i, address), which tells it as the interpreter
    // would and answers as miss does (never LOOP_MISS_FAULT). Null: none.
    miss_fn observe = nullptr;
    // With an observer that takes store hits in batches (cpu_bus::
    // observer_takes_stores()): each integer store that hit is appended at
    // stores->next as the observer takes it instead -- its cycle being
    // stores->cycle_base + iterations * iteration_cycles + store_cycles[i],
    // its pc store_pcs[i] -- and observe is called only when that reaches
    // stores->end, to empty the log, this store's record included.
    struct store_log {
      observed_store* next;
      observed_store* end;
      std::uint64_t cycle_base;
    };
    store_log* stores = nullptr;
    std::vector<std::uint64_t> store_cycles;
    std::vector<std::uint32_t> store_pcs;
    void* miss_context = nullptr;
    std::uint32_t loop_index = 0;
    // The cpu_state the code is called with: the counts and entries above
    // that lie within a 32-bit displacement of it are addressed from it
    // (rdi) instead of through a 64-bit address loaded first. Null: none.
    const void* state = nullptr;
  };
  static constexpr std::uint64_t LOOP_MISS_STOP = 0;
  static constexpr std::uint64_t LOOP_MISS_FAULT = ~std::uint64_t{0};
  // Whether an instruction may be part of a loop's body (not B), whether
  // it is one of its loads and stores, and one of its stores.
  static bool loop_body_insn(const decoded_insn& d);
  static bool loop_access_insn(const decoded_insn& d) {
    return d.code == op::LOAD_SIMPLE || d.code == op::STORE_SIMPLE || d.code == op::FLOAD ||
           d.code == op::FSTORE;
  }
  static bool loop_store_insn(const decoded_insn& d) {
    return d.code == op::STORE_SIMPLE || d.code == op::FSTORE;
  }
  // The code of a loop; null when no code space is left (or on a host
  // without host code).
  loop_fn make_loop_code(const loop_plan& plan);

  // The longest run translated (a line of 256 bytes).
  static constexpr unsigned MAX_RUN = 64;
  // Host code the translator makes at most by default (runs beyond it are
  // interpreted: refused()).
  static constexpr std::size_t DEFAULT_MAX_CODE_BYTES = std::size_t{64} << 20;

  // max_code_bytes: the host code it may make, in areas of up to 1 MB
  // (smaller when the whole is smaller; below 16 KB there is no room for any
  // run's code).
  // taken_branch_cycles: what a taken branch adds (iss_config), for
  // run::inner_cycles.
  explicit run_translator(std::size_t max_code_bytes = DEFAULT_MAX_CODE_BYTES,
                          std::uint32_t taken_branch_cycles = 0);
  ~run_translator();
  run_translator(const run_translator&) = delete;
  run_translator& operator=(const run_translator&) = delete;

  // Whether this host gets translated code at all.
  static bool available();
  // Whether a decoded instruction can be part of a run, and whether it can
  // end one (the branches).
  static bool translatable(const decoded_insn& d);
  static bool translatable_branch(const decoded_insn& d);

  // Marks the runs of a line of count pre-decoded slots: each run's first
  // slot becomes op::RUN with its imm the run's index (its other fields
  // stay), after the marks the line had are taken back. Slots not yet
  // decoded end a run. Call after any slot of the line was decoded or
  // renewed. No code is made here: a line is marked again after every
  // decode in it, and most code runs once, before its line is complete.
  void mark_runs(decoded_insn* line, unsigned count);
  // Makes the code (run::all and run::head) of the run whose marked first
  // slot is head, in its line; called the first time the run executes. When
  // no code space is left (or on a host without host code) head becomes its
  // instruction as decoded again, to be interpreted, and the answer is
  // false.
  bool make_code(decoded_insn& head);
  // Loops only: make_code() makes code for a run that heads a loop (run::
  // loop LOOP_WANTED or a loop's index: its fallback when the loop's code
  // does not run), and every other run's head becomes its instruction again,
  // interpreted -- the marks stay until then, for find_loops().
  void only_loop_runs(bool on) { m_loops_only = on; }
  // Takes back the marks of a line: every op::RUN slot is its first
  // instruction's decoded form again.
  void restore(decoded_insn* line, unsigned count) const;
  // restore(), for a line whose words are about to change: its runs are
  // free for new marks (their code is never run again).
  void release(decoded_insn* line, unsigned count);

  const run& at(std::uint32_t index) const { return m_runs[index]; }
  // Whether a slot is a run's mark (op::RUN, or op::LOOP for a run that
  // heads a loop), and a slot as decoded: a mark stands for its run's first
  // instruction.
  static bool is_mark(const decoded_insn& slot) {
    return slot.code == op::RUN || slot.code == op::LOOP;
  }
  const decoded_insn& decoded(const decoded_insn& slot) const {
    return is_mark(slot) ? m_runs[static_cast<std::uint32_t>(slot.imm)].first : slot;
  }
  // Sets the loop the run at index heads (run::loop); the caller marks its
  // slot op::LOOP or op::RUN to match.
  void set_loop(std::uint32_t index, std::int32_t loop) { m_runs[index].loop = loop; }
  // Runs marked so far (again after each change of their line), and runs
  // given code.
  std::size_t runs() const { return m_runs.size(); }
  std::size_t translated() const { return m_translated; }
  // Runs that were to get code when no code space was left (interpreted).
  std::size_t refused() const { return m_refused; }
  std::size_t code_bytes() const { return m_code_bytes; }

 private:
  struct code_area;
  // Room for bytes of code in the current area (a new area when it has too
  // little left); null when the allowed code space is used up.
  std::uint8_t* code_room(std::size_t bytes);
  void code_used(std::size_t bytes);
  // A run's description from its slots (all but the last translatable).
  void describe(const decoded_insn* slots, unsigned count, run& out) const;

  std::vector<run> m_runs;
  std::vector<std::uint32_t> m_free;  // runs no line marks any more
  std::vector<std::unique_ptr<code_area>> m_areas;
  std::uint32_t m_taken_branch_cycles;
  std::size_t m_max_code_bytes;
  std::size_t m_area_bytes;
  std::size_t m_code_bytes = 0;
  bool m_loops_only = false;
  std::size_t m_translated = 0;
  std::size_t m_refused = 0;
};

}  // namespace pavp::cpu

#endif  // PAVP_CPU_RUN_TRANSLATOR_H
