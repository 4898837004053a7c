// `pavp se [OPTIONS] PROGRAM.elf [ARGS...]`: runs a static hppa-linux-gnu
// program in syscall-emulation mode on the board's CPU, caches and DRAM.
//
// Options (before the program; everything after it goes to the guest):
//   --preset NAME, --config FILE, --set KEY=VALUE   the platform (pavp config)
//   --stats                  CPU, cache and DRAM statistics on stderr afterwards
//   --max-instructions N     stop after N instructions (0: no limit); default
//                            limits.instructions, else k_se_default_limit
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
inline constexpr int k_se_exit_limit = 124;  // as coreutils timeout(1)

// args: everything after "se". Returns the exit status; prints its own errors.
int se_main(const std::vector<std::string>& args);

}  // namespace pavp

#endif  // PAVP_PLATFORM_SE_SE_COMMAND_H
