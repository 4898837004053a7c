// The test harness of the ISS benches (iss_test, fpu_test, system_test): a
// flat memory the ISS runs against, a machine with a test program loaded, the
// lookup of the programs tests/cpu/CMakeLists.txt builds into
// PAVP_ISS_PROGRAM_DIR, and qemu-hppa (PAVP_QEMU_HPPA) as an oracle: the
// registers it prints when BREAK stops a program, and its `-d cpu` trace of
// every instruction for a lockstep run.
//
//   TEST(IssProgram, Example) {
//     REQUIRE_PROGRAM("arith");
//     machine m;
//     m.load("arith");
//     m.run_to_break();
//     expect_same_as_qemu(m, "arith");
//   }
#ifndef PAVP_TESTS_CPU_ISS_HARNESS_H
#define PAVP_TESTS_CPU_ISS_HARNESS_H

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pavp/cpu/iss.h"
#include "platform/board/elf_loader.h"

namespace pavp::test {

// The size of flat_memory: physical addresses 0 .. MEM_SIZE-1.
constexpr std::uint64_t MEM_SIZE = 16u << 20;

// PA-RISC is big-endian.
inline std::uint32_t load_be32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         p[3];
}
inline void store_be32(std::uint8_t* p, std::uint32_t v) {
  p[0] = static_cast<std::uint8_t>(v >> 24);
  p[1] = static_cast<std::uint8_t>(v >> 16);
  p[2] = static_cast<std::uint8_t>(v >> 8);
  p[3] = static_cast<std::uint8_t>(v);
}

// A flat memory implementing the CPU bus, counting what it is asked.
class flat_memory : public cpu::cpu_bus {
 public:
  std::vector<std::uint8_t> mem = std::vector<std::uint8_t>(MEM_SIZE, 0);
  std::uint64_t fetches = 0, loads = 0, stores = 0, cache_ops = 0;
  std::uint32_t extra_cycles = 0;  // added per access
  pavp::cache_op last_op = pavp::cache_op::NONE;

  bool read(access_kind kind, std::uint32_t, std::uint32_t, std::uint8_t, std::uint64_t paddr,
            void* data, unsigned len, std::uint64_t& cycles) override;
  bool write(access_kind, std::uint32_t, std::uint32_t, std::uint8_t, std::uint64_t paddr,
             const void* data, unsigned len, std::uint64_t& cycles) override;
  bool cache_op(pavp::cache_op op, std::uint32_t, std::uint32_t, std::uint8_t, std::uint64_t,
                std::uint64_t&) override;
  // The memory, except the words in peek_words: what a fetch would not
  // return (a line the instruction cache holds older than memory).
  bool peek_code(std::uint64_t paddr, void* data, unsigned len) override;
  std::map<std::uint64_t, std::uint32_t> peek_words;

  std::uint32_t word(std::uint64_t a) const { return load_be32(mem.data() + a); }
  std::uint64_t dword(std::uint64_t a) const {
    return (std::uint64_t{word(a)} << 32) | word(a + 4);
  }
  void set_word(std::uint64_t a, std::uint32_t v) { store_be32(mem.data() + a, v); }
};

// The test program `name` (an ELF built by tests/cpu/CMakeLists.txt).
std::string program_path(const std::string& name);
bool have_program(const std::string& name);

// Skips the test when the program was not built (no hppa cross toolchain).
#define REQUIRE_PROGRAM(name)                                                                  \
  do {                                                                                         \
    if (!::pavp::test::have_program(name)) GTEST_SKIP() << "program " << name << " not built"; \
  } while (0)

// Whether a program CMake's find_program looked for was found.
bool have_tool(const std::string& path);
// Whether qemu-hppa (user mode) is installed.
bool have_qemu();

// A CPU over a flat memory with the FPU enabled (CCR 0xC0, as Linux runs
// user programs); load() starts a program at its ELF entry at privilege 3,
// like a user process under qemu-hppa.
struct machine {
  static constexpr std::uint32_t CODE = 0x1000;  // where run_words places its words

  flat_memory bus;
  cpu::iss cpu;
  elf_image elf;

  explicit machine(const cpu::iss_config& cfg = {});

  void load(const std::string& name);
  std::uint32_t sym(const std::string& name) const;
  // Runs up to limit instructions; expects the stop at a BREAK.
  cpu::run_result run_to_break(std::uint64_t limit = 50'000'000);
  // Runs the words at CODE followed by BREAK 0,0 (privilege 3).
  cpu::run_result run_words(const std::vector<std::uint32_t>& words);

  cpu::cpu_state& s() { return cpu.state(); }
  std::uint32_t gr(unsigned i) const { return cpu.state().gr[i]; }
  // The FP status register (the left half of fr0).
  std::uint32_t status() { return static_cast<std::uint32_t>(s().fr[0] >> 32); }
  void set_status(std::uint32_t v) { s().fr[0] = std::uint64_t{v} << 32; }
};

// Two ISSs that ran the same code by different executors (host code on and
// off): every register, carry bit, PSW bit, the queue, IIAOQ, every
// statistic and the interruptions taken must be equal (EXPECT_*, each
// failure naming `where`).
void expect_same_core(const cpu::iss& a, const cpu::iss& b, const std::string& where);

// One register dump of qemu-hppa (hppa_cpu_dump_state): the queue, PSW
// without C/B, C/B{k} as hex digit k (digit 7 = word carry), the GRs.
struct qemu_record {
  std::uint32_t ia_f = 0, ia_b = 0, psw = 0, cb = 0;
  std::array<std::uint32_t, 32> gr{};
};

// The registers qemu-hppa prints when BREAK stops program `name`; none when
// it did not stop at a BREAK.
std::optional<qemu_record> qemu_at_break(const std::string& name);
// The state before every instruction of program `name` under
// qemu-hppa -singlestep -d cpu.
std::vector<qemu_record> qemu_trace(const std::string& name);

// Compares the ISS state after run_to_break with qemu-hppa's at the BREAK:
// IAOQ front, GR1..31, the carry/borrow bits and PSW.V (prints a note and
// returns when qemu-hppa is not installed).
void expect_same_as_qemu(const machine& m, const std::string& name);

// What a lockstep run compares after every instruction.
enum class lockstep_check {
  FRONT_AND_GRS,  // IAOQ front and GR1..31
  ALL,            // also IAOQ back and the carry/borrow bits
};

// Runs program `name` one instruction at a time from QEMU's first state and
// asserts the ISS matches every dump of qemu_trace(name). Needs the program
// and qemu-hppa (the caller skips without them).
void expect_lockstep_with_qemu(const std::string& name, lockstep_check check);

}  // namespace pavp::test

#endif  // PAVP_TESTS_CPU_ISS_HARNESS_H
