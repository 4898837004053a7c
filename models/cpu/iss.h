// Instruction-set simulator core of a PA-RISC 1.1 CPU (32-bit, big-endian):
// the unprivileged integer ISA, the FP loads/stores and XMPYU that gcc uses for
// integer multiplication, the FP operations (pavp/cpu/fpu.h), the instruction
// address queue with delay slots and nullification, and a pre-decoded
// instruction cache keyed by physical address. Plain C++: memory is reached
// only through cpu_bus.
//
// Typical use:
//   my_bus bus;                        // implements pavp::cpu::cpu_bus
//   pavp::cpu::iss cpu(bus);
//   cpu.state().set_pc(entry);
//   pavp::cpu::run_result r = cpu.run(1'000'000);
//   if (r.reason == pavp::cpu::stop_reason::TRAP && r.trap == pavp::cpu::TRAP_BREAK) ...
//
// Interruptions are not delivered yet: a trap stops run() and leaves the
// queue pointing at the trapping instruction (IAOQ_Front = its address), as
// the hardware would present it in IIAOQ. Translation (PSW C/D) is not
// modelled yet: with C=0/D=0 addresses are absolute (paddr = offset); an
// access with translation on stops run() with stop_reason::UNIMPLEMENTED.
#ifndef PAVP_CPU_ISS_H
#define PAVP_CPU_ISS_H

#include <array>
#include <cstdint>
#include <memory>
#include <unordered_map>

#include "pavp/cpu/cpu_bus.h"
#include "pavp/cpu/cpu_state.h"
#include "pavp/cpu/decode.h"

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
};

enum class stop_reason : std::uint8_t {
  INSN_LIMIT,     // run() executed the number of instructions it was given
  TRAP,           // an interruption (trap number in run_result::trap)
  BUS_ERROR,      // the bus refused an access (address in run_result::ior)
  UNIMPLEMENTED,  // a valid instruction or mode the core does not model yet
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

  // Runs until a stop condition or until max_instructions more instructions
  // have completed.
  run_result run(std::uint64_t max_instructions);

  // Drops pre-decoded instructions of [paddr, paddr+len) and the fetch line
  // buffer (FIC, DMA or a loader writing code). Every executed word is also
  // compared with the word its decoded form came from, so a stale entry is
  // never executed; these calls free the cache and force a re-fetch.
  void invalidate_code(std::uint64_t paddr, std::uint64_t len);
  void invalidate_all_code();

 private:
  struct decoded_page;

  decoded_insn& slot(std::uint64_t paddr);
  bool fetch_line(std::uint32_t vaddr, std::uint64_t paddr);

  // Address translation (identity while PSW C/D are 0); the TLB goes here.
  bool translate_data(std::uint32_t vaddr, std::uint32_t space, access_kind kind,
                      std::uint64_t& paddr);

  cpu_bus& m_bus;
  iss_config m_config;
  cpu_state m_state;
  iss_stats m_stats;
  std::uint32_t m_line_mask;

  // Current fetch line.
  alignas(8) std::uint8_t m_line[256];
  std::uint64_t m_line_paddr = ~0ull;

  // Pre-decoded instructions, one block per 4 KiB physical page.
  std::unordered_map<std::uint64_t, std::unique_ptr<decoded_page>> m_pages;
  std::uint64_t m_cur_ppage = ~0ull;
  decoded_page* m_cur_page = nullptr;
};

}  // namespace pavp::cpu

#endif  // PAVP_CPU_ISS_H
