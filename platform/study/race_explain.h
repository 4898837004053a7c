// pavp run --explain: the race of one run told as numbered steps in the
// seed's terms (shared/seeds/000_0dd4d9eea7dcd355.txt, steps (1)-(11)),
// reconstructed from what that run did -- its markers, thread switches,
// schedule decisions, flush loops, the user accesses after the fork began,
// the kernel's PTE stores in ptep_set_wrprotect and the coherence checker's
// stale reads -- not a template filled with constants.
//
//   race_recorder rec(names);      // fed by the run's callbacks
//   ... simulate ...
//   std::vector<race_step> steps = rec.steps(run_object);
//   std::string text = race_text(steps);
//
// Threads are named as the seed names them: the threads of the first process
// (pid 1), ... by tid; the process the fork makes, B. Workload
// objects are named from firmware/include/pavp_fw.h's layout and the
// workload ELF's symbol `heads`: ELEM.next, cache.prev, in_flight_stack, ...
#ifndef PAVP_PLATFORM_STUDY_RACE_EXPLAIN_H
#define PAVP_PLATFORM_STUDY_RACE_EXPLAIN_H

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pavp/tlm/access_extension.h"
#include "platform/study/coherence_checker.h"

namespace pavp {

// One step of the story.
struct race_step {
  std::string seed_step;  // "(5)", "(1)-(2)", or "" when the seed has no counterpart
  std::uint64_t cycle = 0;
  std::string text;
};

// What the recorder needs to name things.
struct race_names {
  std::function<std::string(std::uint32_t pc)> function_of;  // the function at a pc
  std::optional<std::uint32_t> heads;  // the workload's `heads` (virtual), if known
  std::uint32_t elements = 4;          // workload.elements
  std::uint32_t elem_stride = 4096;    // workload.elem_stride
  std::uint32_t line_bytes = 32;       // D-cache line
};

class race_recorder {
 public:
  explicit race_recorder(race_names names);

  // The run's events, in simulation order.
  void marker(bool begin, std::uint32_t id, std::uint64_t cycle, std::uint32_t pid,
              std::uint32_t tid);
  void current(std::uint64_t cycle, std::uint32_t pid, std::uint32_t tid);
  void decision(std::uint64_t cycle, std::uint32_t point, std::uint32_t n_choices,
                std::uint32_t choice, std::uint32_t pid, std::uint32_t tid);
  void cache_op(std::uint64_t cycle, const access_extension& ext, std::uint32_t pid,
                std::uint32_t tid);
  // A load or store that went through; data holds its bytes.
  void data(std::uint64_t cycle, std::uint32_t pc, std::uint32_t pid, std::uint32_t tid,
            const access_extension& ext, std::uint64_t paddr, const std::uint8_t* data,
            unsigned len, bool store);
  void stale(const stale_read& s);

  // The steps, in the order they happened, for the run object `run` (its
  // outcome and kernel results end the story). A run without a stale read
  // gives one step saying so.
  std::vector<race_step> steps(const nlohmann::ordered_json& run) const;

  // A name for a virtual address of the workload ("ELEM.prev"), or "".
  std::string object_name(std::uint32_t vaddr) const;

 private:
  struct access {
    std::uint64_t cycle;
    std::uint32_t pc, pid, tid;
    std::uint32_t vaddr;
    std::uint64_t paddr;
    std::uint32_t value;
    unsigned len;
    bool store;
    std::uint8_t privilege;
  };
  struct mark {
    bool begin;
    std::uint32_t id;
    std::uint64_t cycle;
    std::uint32_t pid, tid;
  };
  struct switch_to {
    std::uint64_t cycle;
    std::uint32_t pid, tid;
  };
  struct choice {
    std::uint64_t cycle;
    std::uint32_t point, n, chosen, pid, tid;
  };
  struct op_run {
    pavp::cache_op op;
    std::uint64_t first_cycle, last_cycle;
    std::uint64_t count;
    std::uint32_t pid, tid;
  };

  std::string thread_name(std::uint32_t pid, std::uint32_t tid) const;
  std::string value_name(std::uint32_t value) const;

  race_names m_names;
  bool m_in_fork = false;
  bool m_forked = false;
  std::vector<mark> m_marks;
  std::vector<switch_to> m_switches;
  std::vector<choice> m_choices;
  std::vector<op_run> m_op_runs;    // inside the first fork
  std::vector<access> m_accesses;   // user accesses after the fork began; PTE stores
  std::vector<stale_read> m_stale;  // the first few
  std::uint64_t m_stale_count = 0;
};

// A process's name as the seed gives it: A for the first process (pid 1), B
// for any other (the process the fork makes).
const char* seed_process_name(std::uint32_t pid);
// A thread's name as the seed gives it, ... for the threads of A,
// by tid; B for B's.
std::string seed_thread_name(std::uint32_t pid, std::uint32_t tid);

// What a schedule point of the kernel is (firmware_contract.h,
// PAVP_SCHED_POINT_*): "copy_page_range's pte_alloc, which may sleep", ...
const char* sched_point_name(std::uint32_t point);

// The steps as numbered lines, headed by a line naming the seed document.
std::string race_text(const std::vector<race_step>& steps);

// The steps as JSON: [{"step": 1, "seed_step": "(1)-(2)", "cycle": ..., "text": ...}],
// and back (from a run object's "explain"; none if it has none).
nlohmann::ordered_json race_json(const std::vector<race_step>& steps);
std::vector<race_step> race_steps_of(const nlohmann::ordered_json& run);

}  // namespace pavp

#endif  // PAVP_PLATFORM_STUDY_RACE_EXPLAIN_H
