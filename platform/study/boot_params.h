// The boot parameter block of a firmware run (firmware_contract.h, "Boot
// parameter block"): what the kernel reads at boot from
// PAVP_BOOT_PARAMS_ADDR -- the fix, the schedule kind, the workload's sizes,
// the machine's caches, TLBs, RAM and device addresses -- as the big-endian
// bytes the platform writes there before the CPU starts.
#ifndef PAVP_PLATFORM_STUDY_BOOT_PARAMS_H
#define PAVP_PLATFORM_STUDY_BOOT_PARAMS_H

#include <cstdint>
#include <vector>

#include "platform/study/run_spec.h"

namespace pavp {

// What the block says besides the run spec: the CPU's TLB sizes (the
// kernel's flush_tlb_all loops over them) and the kernel's verbosity.
struct boot_params_machine {
  std::uint32_t dtlb_entries = 0;
  std::uint32_t itlb_entries = 0;  // the unified TLB's size on a unified-TLB CPU
  bool verbose_kernel = false;     // PAVP_BPF_VERBOSE
  // nptl: where the platform placed the program and its arguments in RAM
  // (0, 0: none; the kernel runs its embedded nptl_fork.elf).
  std::uint32_t program_addr = 0, program_size = 0;
  std::uint32_t args_addr = 0, args_size = 0;
};

// The block (PAVP_BP_SIZE_VALUE_EXT bytes), every field set.
std::vector<std::uint8_t> boot_parameter_block(const run_spec& spec,
                                               const boot_params_machine& machine);

// The data-cache colour span the block gives the kernel: bytes of one way for
// a virtually indexed cache, 1 (no aliasing) for a physically indexed one.
std::uint32_t alias_bytes(const cache_params& dcache);

}  // namespace pavp

#endif  // PAVP_PLATFORM_STUDY_BOOT_PARAMS_H
