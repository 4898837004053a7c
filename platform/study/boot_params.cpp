#include "platform/study/boot_params.h"

#include <algorithm>
#include <string>
#include <utility>

#include "firmware/include/firmware_contract.h"

namespace pavp {

std::uint32_t alias_bytes(const cache_params& dcache) {
  if (dcache.index == index_function::PHYSICAL) return 1;
  return static_cast<std::uint32_t>(dcache.sets() * dcache.line_bytes);
}

namespace {

// PAVP_SCENARIO_*: scenario_names() lists the scenarios in code order.
std::uint32_t scenario_code(const std::string& name) {
  const auto& names = scenario_names();
  return static_cast<std::uint32_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

}  // namespace

std::vector<std::uint8_t> boot_parameter_block(const run_spec& spec,
                                               const boot_params_machine& machine) {
  const platform_config& c = spec.config;
  // The platform's oracle (sim-control) makes every decision, so the block
  // names it (PAVP_SCHEDULE_PLATFORM) rather than the schedule's kind, and its
  // seed, which serves the kernel's built-in oracle on boards without
  // sim-control (qemu-system-hppa), stays 0: the booted kernel is the same
  // for every schedule, which run_firmware_branches relies on.
  const std::uint64_t seed = 0;
  const placement_spec& placement = c.kernel.placement;
  const std::pair<std::uint32_t, std::uint32_t> fields[] = {
      {PAVP_BP_MAGIC, PAVP_BP_MAGIC_VALUE},
      {PAVP_BP_VERSION, PAVP_BP_VERSION_VALUE},
      {PAVP_BP_SIZE, PAVP_BP_SIZE_VALUE_EXT},
      // The kernel asks sim-control (every pavp board has one) for its fix
      // at the first fork (PAVP_QUERY_FIX), so fixes that boot alike have
      // one block; the blocks of the qemu tests name the fix here instead.
      {PAVP_BP_FIX, 0u},
      {PAVP_BP_SCENARIO, scenario_code(c.workload.scenario)},
      {PAVP_BP_SCHEDULE, PAVP_SCHEDULE_PLATFORM},
      {PAVP_BP_SEED_HI, static_cast<std::uint32_t>(seed >> 32)},
      {PAVP_BP_SEED_LO, static_cast<std::uint32_t>(seed)},
      {PAVP_BP_STEP_LIMIT, c.workload.step_limit},
      {PAVP_BP_TICK_CYCLES, 0},
      {PAVP_BP_RAM_SIZE, static_cast<std::uint32_t>(c.map.dram.size)},
      {PAVP_BP_CPU_HZ, c.cpu.clock_mhz * 1'000'000u},
      {PAVP_BP_DCACHE_SIZE, static_cast<std::uint32_t>(c.dcache.size_bytes)},
      {PAVP_BP_DCACHE_LINE, c.dcache.line_bytes},
      {PAVP_BP_DCACHE_WAYS, c.dcache.associativity},
      {PAVP_BP_ICACHE_SIZE, static_cast<std::uint32_t>(c.icache.size_bytes)},
      {PAVP_BP_ICACHE_LINE, c.icache.line_bytes},
      {PAVP_BP_ICACHE_WAYS, c.icache.associativity},
      {PAVP_BP_ALIAS_BYTES, alias_bytes(c.dcache)},
      {PAVP_BP_CONSOLE_BASE, static_cast<std::uint32_t>(c.map.console.base)},
      {PAVP_BP_SIMCTL_BASE, static_cast<std::uint32_t>(c.map.simctl.base)},
      {PAVP_BP_FLAGS,
       (machine.verbose_kernel ? PAVP_BPF_VERBOSE : 0u) |
           (spec.fix.kernel_code == PAVP_FIX_COLOUR_ALLOC ? PAVP_BPF_COLOUR_ALLOC : 0u)},
      {PAVP_BP_ELEMENTS, c.workload.elements},
      {PAVP_BP_ELEM_STRIDE, c.workload.elem_stride},
      {PAVP_BP_EXTRA_THREADS, c.workload.extra_threads},
      {PAVP_BP_TOUCH_PAGES, c.workload.touch_pages},
      {PAVP_BP_HEAP_SIZE, c.workload.heap_size},
      {PAVP_BP_DTLB_ENTRIES, machine.dtlb_entries},
      {PAVP_BP_ITLB_ENTRIES, machine.itlb_entries},
      {PAVP_BP_PLACEMENT, placement.kind == placement_spec::kind_t::RANDOM ? PAVP_PLACEMENT_RANDOM
                                                                           : PAVP_PLACEMENT_LINEAR},
      {PAVP_BP_PLACEMENT_SEED_HI, static_cast<std::uint32_t>(placement.seed >> 32)},
      {PAVP_BP_PLACEMENT_SEED_LO, static_cast<std::uint32_t>(placement.seed)},
      {PAVP_BP_PREEMPT_EVERY, c.kernel.preempt_every},
      {PAVP_BP_PAIR_LOOPS_A1, c.workload.pair_loops_a1},
      {PAVP_BP_PAIR_LOOPS_A2, c.workload.pair_loops_a2},
      {PAVP_BP_PROGRAM_ADDR, machine.program_addr},
      {PAVP_BP_PROGRAM_SIZE, machine.program_size},
      {PAVP_BP_ARGS_ADDR, machine.args_addr},
      {PAVP_BP_ARGS_SIZE, machine.args_size},
      {PAVP_BP_PROCESS_BUDGET, c.workload.process_budget},
  };
  std::vector<std::uint8_t> block(PAVP_BP_SIZE_VALUE_EXT, 0);
  for (const auto& [offset, value] : fields) {
    block[offset] = static_cast<std::uint8_t>(value >> 24);
    block[offset + 1] = static_cast<std::uint8_t>(value >> 16);
    block[offset + 2] = static_cast<std::uint8_t>(value >> 8);
    block[offset + 3] = static_cast<std::uint8_t>(value);
  }
  return block;
}

}  // namespace pavp
