// `pavp se [OPTIONS] PROGRAM.elf [ARGS...]`: runs a static hppa-linux-gnu
// program in syscall-emulation mode on the board's CPU, caches and DRAM.
//
// Options (before the program; everything after it goes to the guest):
//   --preset NAME, --config FILE, --set KEY=VALUE   the platform (pavp config)
//   --stats                  CPU, cache and DRAM statistics on stderr afterwards
//   --max-instructions N     stop after N instructions (0: no limit); default
//                            limits.instructions, else k_se_default_limit
// The quantum is k_se_quantum_ns unless the configuration sets cpu.quantum_ns.
//   --help
//
// Exit status: the program's exit status; 128 + signal when it is killed
// (abort: 134; a trap it causes: the signal Linux would deliver);
// k_se_exit_limit when an instruction or time limit stops it; 2 for a bad
// command line, configuration or program file (one line on stderr).
#ifndef PAVP_PLATFORM_SE_SE_COMMAND_H
#define PAVP_PLATFORM_SE_SE_COMMAND_H

#include <cstdint>
#include <string>
#include <vector>

namespace pavp {

inline constexpr std::uint64_t k_se_default_limit = 20'000'000'000ull;
// The CPU's temporal-decoupling quantum when the configuration leaves
// cpu.quantum_ns at its default: 100 us, not the board's 1 us. A user
// program touches no device, so no other process ever has anything to do
// while the CPU runs: the quantum only sets how often the CPU thread
// returns to the SystemC kernel, and every result is the same under either
// (the five bench/se programs' --stats checked equal; the sieve 10% faster,
// crc32 and matmul 25-35%: BENCHMARKS.md, twenty-first round). Given in the
// configuration, cpu.quantum_ns is taken as it is.
inline constexpr std::uint64_t k_se_quantum_ns = 100'000;
inline constexpr int k_se_exit_limit = 124;  // as coreutils timeout(1)

// args: everything after "se". Returns the exit status; prints its own errors.
int se_main(const std::vector<std::string>& args);

}  // namespace pavp

#endif  // PAVP_PLATFORM_SE_SE_COMMAND_H
