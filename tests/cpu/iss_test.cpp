// Tests of the PA-RISC 1.1 ISS core (pavp::cpu::iss) on assembled programs.
//
// Each program in tests/cpu/asm ends in BREAK 0,0. It runs on the ISS over a
// flat memory; the test then checks registers it can derive by hand and, when
// qemu-hppa is installed, runs the same ELF under QEMU user mode and compares
// the final general registers, the carry/borrow bits and PSW.V (QEMU prints
// them when the BREAK stops it).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "iss_harness.h"
#include "pavp/cpu/iss.h"
#include "platform/board/elf_loader.h"

namespace host {
// The same C workload the PA-RISC programs run, compiled for the host.
#include "workload.c"
}  // namespace host

namespace {

using namespace pavp::cpu;
using namespace pavp::test;

// ---------------------------------------------------------------------------
// Decoder

TEST(IssDecode, FieldFormulasOfKnownEncodings) {
  // ldw -84(%r30),%r2: no base modification, so the simple form
  decoded_insn d = decode(0x4BC23F59);
  EXPECT_EQ(d.code, op::LOAD_SIMPLE);
  EXPECT_EQ(d.r2, 30);
  EXPECT_EQ(d.r1, 0);
  EXPECT_EQ(d.len, 0);
  EXPECT_EQ(d.t, 2);
  EXPECT_EQ(d.imm, -84);
  EXPECT_EQ(d.m, 0);
  // stb %r4,0(%r20)
  d = decode(0x0E841200);
  EXPECT_EQ(d.code, op::STORE_SIMPLE);
  EXPECT_EQ(d.r2, 20);
  EXPECT_EQ(d.t, 4);
  EXPECT_EQ(d.a, 0);
  EXPECT_EQ(d.imm, 0);
  // stwm %r3,64(%r30): post-modify
  d = decode(0x6FC30080);
  EXPECT_EQ(d.code, op::STORE);
  EXPECT_EQ(d.t, 3);
  EXPECT_EQ(d.imm, 64);
  EXPECT_EQ(d.m, 1);
  // ldw,s r26(ret0),ret0: scaled indexed, the index shifted by the size
  d = decode(0x0F9A209C);
  EXPECT_EQ(d.code, op::LOAD_SIMPLE);
  EXPECT_EQ(d.r2, 28);
  EXPECT_EQ(d.r1, 26);
  EXPECT_TRUE(d.flags & F_SCALE);
  EXPECT_EQ(d.len, 2);
  // ldwa 0(%r5),%r7 (absolute) and ldb r21(r19),ret0 (indexed, not scaled)
  EXPECT_EQ(decode(0x0CA01187).code, op::LOAD);
  d = decode(0x0E75001C);
  EXPECT_EQ(d.code, op::LOAD_SIMPLE);
  EXPECT_EQ(d.len, 0);
  EXPECT_EQ(d.a, 0);
  // ldw,mb -4(sp),r3
  d = decode(0x0FD930A3);
  EXPECT_EQ(d.code, op::LOAD);
  EXPECT_EQ(d.imm, -4);
  EXPECT_EQ(d.m, -1);
  // stw,ma r3,4(sp)
  d = decode(0x0FC312A8);
  EXPECT_EQ(d.code, op::STORE);
  EXPECT_EQ(d.t, 3);
  EXPECT_EQ(d.imm, 4);
  EXPECT_EQ(d.m, 1);
  // ldcw 0(r9),r12
  d = decode(0x0D2011CC);
  EXPECT_EQ(d.code, op::LDCW);
  EXPECT_EQ(d.r2, 9);
  EXPECT_EQ(d.t, 12);
  // bl .+16,%r2: target = pc + 8 + 8
  d = decode(0xE8400010);
  EXPECT_EQ(d.code, op::BL);
  EXPECT_EQ(d.t, 2);
  EXPECT_EQ(d.imm, 8);
  // bv r0(rp)
  d = decode(0xE840C000);
  EXPECT_EQ(d.code, op::BV);
  EXPECT_EQ(d.r2, 2);
  // be 0x100(%sr2,%r0) / ble 0xb0(%sr2,%r0)
  d = decode(0xE0008200);
  EXPECT_EQ(d.code, op::BE);
  EXPECT_EQ(d.a, 2);
  EXPECT_EQ(d.imm, 0x100);
  EXPECT_FALSE(d.flags & F_LINK);
  d = decode(0xE4008160);
  EXPECT_EQ(d.code, op::BE);
  EXPECT_EQ(d.imm, 0xb0);
  EXPECT_TRUE(d.flags & F_LINK);
  // nop, copy
  EXPECT_EQ(decode(0x08000240).code, op::OR);
  // addi,tc,<> 1,r0,r0 (__builtin_trap)
  d = decode(0xB0003002);
  EXPECT_EQ(d.code, op::ADDI);
  EXPECT_TRUE(d.flags & F_TC);
  EXPECT_EQ(d.imm, 1);
  EXPECT_EQ(d.cond, 3);
  // ldil L%0x12345000,r4 ; ldo 0x678(r4),r4
  d = decode(0x20826246);
  EXPECT_EQ(d.code, op::LDIL);
  EXPECT_EQ(static_cast<std::uint32_t>(d.imm), 0x12345000u);
  d = decode(0x34840CF0);
  EXPECT_EQ(d.code, op::LDO);
  EXPECT_EQ(d.imm, 0x678);
  // break 1,2
  EXPECT_EQ(decode(0x00004001).code, op::BREAK);
  // fldw -16(sp),fr22R ; fstd fr22,-16(sp) ; xmpyu fr22R,fr22,fr22
  d = decode(0x27C11056);
  EXPECT_EQ(d.code, op::FLOAD);
  EXPECT_EQ(d.r2, 30);
  EXPECT_EQ(d.imm, -16);
  EXPECT_EQ(d.t, 22 + 32);
  EXPECT_EQ(d.a, 2);
  d = decode(0x2FC11216);
  EXPECT_EQ(d.code, op::FSTORE);
  EXPECT_EQ(d.t, 22);
  EXPECT_EQ(d.a, 3);
  d = decode(0x3AD64796);
  EXPECT_EQ(d.code, op::XMPYU);
  EXPECT_EQ(d.r1, 22 + 32);
  EXPECT_EQ(d.r2, 22);
  EXPECT_EQ(d.t, 22);
}

TEST(IssDecode, Pa20AndReservedEncodingsAreIllegal) {
  for (std::uint32_t major : {0x14u, 0x16u, 0x17u, 0x1Cu, 0x1Eu, 0x1Fu, 0x27u, 0x2Eu, 0x2Fu, 0x36u,
                              0x3Bu, 0x3Cu, 0x3Du, 0x3Eu, 0x3Fu, 0x07u, 0x0Fu, 0x15u}) {
    EXPECT_EQ(decode(major << 26).code, op::ILLEGAL) << "major 0x" << std::hex << major;
  }
  for (std::uint32_t ext3 : {3u, 4u, 5u, 7u}) {
    EXPECT_EQ(decode((0x3Au << 26) | (ext3 << 13)).code, op::ILLEGAL) << "0x3A ext3 " << ext3;
  }
  for (std::uint32_t ext4 : {3u, 4u, 5u, 11u, 13u, 15u}) {
    EXPECT_EQ(decode((0x03u << 26) | (1u << 12) | (ext4 << 6)).code, op::ILLEGAL)
        << "0x03 ext4 " << ext4;
  }
  EXPECT_EQ(decode(0x08000260).code, op::ILLEGAL);  // the "d" bit
}

TEST(IssDecode, EveryWordDecodesWithoutCrashing) {
  std::mt19937 rng(1);
  for (unsigned i = 0; i < 2'000'000; ++i) {
    const decoded_insn d = decode(static_cast<std::uint32_t>(rng()));
    ASSERT_LT(static_cast<unsigned>(d.code), static_cast<unsigned>(op::COUNT_));
    ASSERT_NE(d.code, op::UNDECODED);
  }
}

// ---------------------------------------------------------------------------
// ELF loader

std::vector<std::uint8_t> read_bytes(const std::string& path) {
  std::vector<std::uint8_t> v;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return v;
  int c;
  while ((c = std::fgetc(f)) != EOF) v.push_back(static_cast<std::uint8_t>(c));
  std::fclose(f);
  return v;
}

TEST(IssElfLoader, LoadsSegmentsEntryAndSymbols) {
  REQUIRE_PROGRAM("mem");
  pavp::elf_image elf;
  std::string err;
  ASSERT_TRUE(elf.read_file(program_path("mem"), err)) << err;
  EXPECT_EQ(elf.entry(), 0x10000u);
  EXPECT_EQ(elf.symbol("_start").value_or(0), 0x10000u);
  EXPECT_TRUE(elf.symbol("buf").has_value());
  EXPECT_FALSE(elf.symbol("no_such_symbol").has_value());
  ASSERT_FALSE(elf.segments().empty());
  std::vector<std::uint8_t> mem(MEM_SIZE, 0xee);
  ASSERT_TRUE(elf.load_into(mem.data(), 0, mem.size(), err)) << err;
  // The first instruction of _start (copy r0,r1 = or r0,r0,r1) is in place,
  // and .data (buf) is loaded with its zeros.
  EXPECT_EQ(mem[0x10000], 0x08);
  EXPECT_EQ(mem[elf.symbol("buf").value()], 0x00);
}

TEST(IssElfLoader, RejectsBadInputWithAClearMessage) {
  REQUIRE_PROGRAM("mem");
  const std::vector<std::uint8_t> good = read_bytes(program_path("mem"));
  ASSERT_GT(good.size(), 100u);
  auto parse_error = [](std::vector<std::uint8_t> bytes) {
    pavp::elf_image elf;
    std::string err;
    EXPECT_FALSE(elf.parse(std::move(bytes), err));
    return err;
  };
  auto with = [&](std::size_t at, std::uint8_t v) {
    std::vector<std::uint8_t> b = good;
    b[at] = v;
    return b;
  };
  EXPECT_NE(parse_error(with(0, 0)).find("magic"), std::string::npos);
  EXPECT_NE(parse_error(with(4, 2)).find("ELFCLASS32"), std::string::npos);
  EXPECT_NE(parse_error(with(5, 1)).find("big-endian"), std::string::npos);
  EXPECT_NE(parse_error(with(19, 62)).find("EM_PARISC"), std::string::npos);
  EXPECT_NE(parse_error(with(17, 3)).find("ET_EXEC"), std::string::npos);
  EXPECT_NE(
      parse_error(std::vector<std::uint8_t>(good.begin(), good.begin() + 40)).find("truncated"),
      std::string::npos);
  EXPECT_NE(
      parse_error(std::vector<std::uint8_t>(good.begin(), good.begin() + 200)).find("truncated"),
      std::string::npos);
  pavp::elf_image elf;
  std::string err;
  EXPECT_FALSE(elf.read_file("/nonexistent/file.elf", err));
  EXPECT_NE(err.find("cannot open"), std::string::npos);
  ASSERT_TRUE(elf.parse(good, err)) << err;
  std::vector<std::uint8_t> small(0x8000);
  EXPECT_FALSE(elf.load_into(small.data(), 0, small.size(), err));
  EXPECT_NE(err.find("outside memory"), std::string::npos) << err;
}

TEST(IssState, PswFoldsNullifyDivideStepAndCarryBits) {
  cpu_state s;
  s.set_psw(PSW_N | PSW_V | PSW_Q | 0x8100u);
  EXPECT_TRUE(s.psw_n);
  EXPECT_TRUE(s.psw_v);
  EXPECT_TRUE(s.carry());
  EXPECT_EQ(s.cb, 0x80000008u);  // word carry and the carry out of the low digit
  EXPECT_EQ(s.get_psw(), PSW_N | PSW_V | PSW_Q | 0x8100u);
}

// ---------------------------------------------------------------------------
// Programs

TEST(IssProgram, ArithmeticAndLogicalConditionsMatchQemu) {
  REQUIRE_PROGRAM("arith");
  machine m;
  m.load("arith");
  m.run_to_break();
  // Non-trapping trap and overflow forms at the end (r4 = 5).
  EXPECT_EQ(m.gr(10), 5u);
  EXPECT_EQ(m.gr(11), 5u);
  EXPECT_EQ(m.gr(13), 10u);
  EXPECT_EQ(m.gr(14), 12u);
  EXPECT_EQ(m.gr(16), 95u);
  EXPECT_EQ(m.gr(19), 25u);
  expect_same_as_qemu(m, "arith");
}

TEST(IssProgram, ShiftExtractDepositMatchQemu) {
  REQUIRE_PROGRAM("shift");
  machine m;
  m.load("shift");
  m.run_to_break();
  EXPECT_EQ(m.gr(10), 0x21u);        // extru r3,31,8
  EXPECT_EQ(m.gr(11), 0xfffffff8u);  // extrs r3,3,4 (0x8 sign-extended)
  EXPECT_EQ(m.gr(12), 0x2100u);      // zdep r3,23,8
  EXPECT_EQ(m.gr(13), 0x87654321u << 5);
  EXPECT_EQ(m.gr(14), static_cast<std::uint32_t>(static_cast<std::int32_t>(0x87654321) >> 5));
  EXPECT_EQ(m.gr(15), 0x87654321u >> 5);
  EXPECT_EQ(m.gr(16), (0x87654321u >> 5) | (0x87654321u << 27));
  EXPECT_EQ(m.gr(17), 5u);
  expect_same_as_qemu(m, "shift");
}

TEST(IssProgram, LoadsAndStoresMatchQemu) {
  REQUIRE_PROGRAM("mem");
  machine m;
  m.load("mem");
  m.run_to_break();
  const std::uint32_t buf = m.sym("buf");
  EXPECT_EQ(m.bus.word(buf), 0xa5b6c7d8u);
  EXPECT_EQ(m.gr(27), 0xa5b6c7d8u);     // ldws,ma into its own base: the load wins
  EXPECT_EQ(m.gr(28), 1u);              // ldcw returns the old value ...
  EXPECT_EQ(m.gr(29), 0u);              // ... and leaves zero
  EXPECT_EQ(m.gr(30), m.sym("stack"));  // after two LDWM -64
  EXPECT_EQ(m.gr(25), 88u);
  EXPECT_EQ(m.gr(26), 77u);
  // STBY,B at offsets 0..3, STBY,E at offsets 0..3 of 0xffffffff words.
  const std::uint32_t sb = buf + 128;
  EXPECT_EQ(m.bus.word(sb + 0), 0x01000000u);  // then stbys,b,m r0 at +1..+3
  EXPECT_EQ(m.bus.word(sb + 4), 0xff020304u);
  EXPECT_EQ(m.bus.word(sb + 8), 0xffff0304u);
  EXPECT_EQ(m.bus.word(sb + 12), 0xffffff04u);
  EXPECT_EQ(m.bus.word(sb + 16), 0xffffffffu);
  EXPECT_EQ(m.bus.word(sb + 20), 0x01ffffffu);
  EXPECT_EQ(m.bus.word(sb + 24), 0x0102ffffu);
  EXPECT_EQ(m.bus.word(sb + 28), 0x010203ffu);
  expect_same_as_qemu(m, "mem");
}

TEST(IssProgram, BranchesDelaySlotsAndNullificationMatchQemu) {
  REQUIRE_PROGRAM("branch");
  machine m;
  m.load("branch");
  m.run_to_break();
  EXPECT_EQ(m.gr(10), 4950u);  // ADDIB loop with the add in the delay slot
  EXPECT_EQ(m.gr(11), 9u);     // ,N backward: delay slot only when taken
  EXPECT_EQ(m.gr(12), 10u);
  EXPECT_EQ(m.gr(13), 6u);   // BL delay slot, then the callee's BV delay slot
  EXPECT_EQ(m.gr(15), 0u);   // BL,N and BV,N skip their delay slots
  EXPECT_EQ(m.gr(18), 12u);  // BLR table entry 2
  EXPECT_EQ(m.gr(19), 23u);  // BV with index 3
  EXPECT_EQ(m.gr(20), 1u);
  EXPECT_EQ(m.gr(29), 2u);
  EXPECT_EQ(m.gr(30), 3u);       // BE's delay slot ran
  EXPECT_EQ(m.gr(24) & 3u, 3u);  // BLE link carries the privilege
  EXPECT_EQ(m.gr(25), 1u);       // one instruction at the BV target ...
  EXPECT_EQ(m.gr(26), 0u);       // ... then the target of the branch in its delay slot
  EXPECT_EQ(m.gr(27), 1u);       // a nullified branch is not taken
  EXPECT_EQ(m.gr(28), 0u);
  expect_same_as_qemu(m, "branch");
}

TEST(IssProgram, LibgccMillicodeDivideStepAndMultiply) {
  REQUIRE_PROGRAM("millicode");
  machine m;
  m.load("millicode");
  m.run_to_break();
  // Recompute the hashes on the host from the operand table.
  const std::uint32_t pairs = m.sym("pairs");
  const std::uint32_t end = m.sym("pairs_end");
  std::uint32_t h[5] = {0, 0, 0, 0, 0};
  for (std::uint32_t p = pairs; p < end; p += 8) {
    const std::uint32_t a = m.bus.word(p);
    const std::uint32_t b = m.bus.word(p + 4);
    const std::int64_t sa = static_cast<std::int32_t>(a);
    const std::int64_t sb = static_cast<std::int32_t>(b);
    const std::uint32_t r[5] = {a / b, static_cast<std::uint32_t>(sa / sb), a % b,
                                static_cast<std::uint32_t>(sa % sb), a * b};
    for (unsigned i = 0; i < 5; ++i) h[i] = h[i] * 9 + r[i];
  }
  EXPECT_EQ(m.gr(3), h[0]) << "$$divU";
  EXPECT_EQ(m.gr(4), h[1]) << "$$divI";
  EXPECT_EQ(m.gr(5), h[2]) << "$$remU";
  EXPECT_EQ(m.gr(6), h[3]) << "$$remI";
  EXPECT_EQ(m.gr(7), h[4]) << "$$mulI";
  expect_same_as_qemu(m, "millicode");
}

TEST(IssProgram, SpaceAndControlRegistersAndDecimalCorrect) {
  REQUIRE_PROGRAM("system");
  machine m;
  m.load("system");
  m.run_to_break();
  EXPECT_EQ(m.gr(4), 11u);
  EXPECT_EQ(m.gr(5), 12u);
  EXPECT_EQ(m.gr(6), 12u);      // ldsid (sr3,r0)
  EXPECT_EQ(m.gr(7), 0x4444u);  // ldsid (r0): sr4 from base bits 0..1 = 0
  EXPECT_EQ(m.gr(8), 45u & 31u);
  EXPECT_GT(m.gr(10), m.gr(9));  // the interval timer advances
  EXPECT_EQ(m.gr(12), 0x20u);    // 19 + 01 in BCD
  EXPECT_EQ(m.gr(14), 0u);       // 99999999 + 1 in BCD ...
  EXPECT_EQ(m.gr(15), 1u);       // ... with a carry
  EXPECT_EQ(m.gr(17), 0x67u);    // 0x28 + 0x39 = 0x61: digit carry out of the low digit -> +6

  m.cpu.state().set_pc(m.sym("priv0"), 0);
  m.cpu.state().cr[CR_EIRR] = 0x80000003u;
  m.run_to_break();
  EXPECT_EQ(m.gr(18), 0x100u);  // front after two writes
  EXPECT_EQ(m.cpu.state().cr_back[1], 0x104u);
  EXPECT_EQ(m.gr(19), 0x00000002u);  // writing ones clears EIRR bits
  EXPECT_EQ(m.gr(20), 7u);
  EXPECT_EQ(m.gr(21), 99u);
}

class IssWorkload : public ::testing::TestWithParam<const char*> {};

TEST_P(IssWorkload, GccCompiledCodeComputesWhatTheHostComputes) {
  const std::string name = std::string("workload_") + GetParam();
  REQUIRE_PROGRAM(name);
  machine m;
  m.load(name);
  m.run_to_break();
  EXPECT_EQ(m.gr(28), host::workload(0x1234567)) << name;
  expect_same_as_qemu(m, name);
}

INSTANTIATE_TEST_SUITE_P(OptLevels, IssWorkload,
                         ::testing::Values("O0", "O1", "O2", "O3", "Os", "fpu_O0", "fpu_O1",
                                           "fpu_O2", "fpu_O3", "fpu_Os"));

// ---------------------------------------------------------------------------
// Lockstep against QEMU: qemu-hppa -singlestep -d cpu dumps the registers
// before every instruction; the ISS must match at each of them.

class IssLockstep : public ::testing::TestWithParam<const char*> {};

TEST_P(IssLockstep, EveryInstructionMatchesQemu) {
  const std::string name = GetParam();
  REQUIRE_PROGRAM(name);
  if (!have_qemu()) GTEST_SKIP() << "qemu-hppa not installed";
  expect_lockstep_with_qemu(name, lockstep_check::ALL);
}

INSTANTIATE_TEST_SUITE_P(Programs, IssLockstep,
                         ::testing::Values("arith", "shift", "millicode", "mem", "branch",
                                           "workload_O0", "workload_O2", "workload_Os",
                                           "workload_fpu_O0", "workload_fpu_O2",
                                           "workload_fpu_O3"));

// ---------------------------------------------------------------------------
// Traps and stop conditions

struct trap_case {
  const char* label;
  unsigned privilege;
  stop_reason reason;
  unsigned trap;
  std::uint32_t ccr = 0xC0;
};

void PrintTo(const trap_case& c, std::ostream* os) {
  *os << c.label;
}

class IssTrap : public ::testing::TestWithParam<trap_case> {};

TEST_P(IssTrap, StopsWithTheRightTrapAtTheRightInstruction) {
  REQUIRE_PROGRAM("traps");
  const trap_case& tc = GetParam();
  machine m;
  m.load("traps");
  const std::uint32_t entry = m.sym(tc.label);
  m.cpu.state().set_pc(entry, tc.privilege);
  m.cpu.state().cr[CR_CCR] = tc.ccr;
  const run_result r = m.cpu.run(1000);
  EXPECT_EQ(r.reason, tc.reason) << tc.label << ": " << to_string(r.reason);
  EXPECT_EQ(r.trap, tc.trap) << tc.label;
  // The queue front and run_result::pc name the stopping instruction, whose
  // word is in IIR.
  EXPECT_EQ(r.pc, m.cpu.state().iaoq_f);
  EXPECT_EQ(r.iir, m.bus.word(r.pc & ~3u)) << tc.label;
  EXPECT_GE(r.pc & ~3u, entry);
  EXPECT_LT(r.pc & ~3u, entry + 64);
}

INSTANTIATE_TEST_SUITE_P(
    Traps, IssTrap,
    ::testing::Values(trap_case{"t_break", 3, stop_reason::TRAP, TRAP_BREAK},
                      trap_case{"t_illegal_pa20", 3, stop_reason::TRAP, TRAP_ILLEGAL},
                      trap_case{"t_illegal_d", 3, stop_reason::TRAP, TRAP_ILLEGAL},
                      trap_case{"t_illegal_major", 0, stop_reason::TRAP, TRAP_ILLEGAL},
                      trap_case{"t_unaligned_load", 3, stop_reason::TRAP, TRAP_UNALIGNED},
                      trap_case{"t_unaligned_store", 3, stop_reason::TRAP, TRAP_UNALIGNED},
                      trap_case{"t_unaligned_ldcw", 3, stop_reason::TRAP, TRAP_UNALIGNED},
                      trap_case{"t_overflow", 3, stop_reason::TRAP, TRAP_OVERFLOW},
                      trap_case{"t_overflow_imm", 3, stop_reason::TRAP, TRAP_OVERFLOW},
                      trap_case{"t_builtin_trap", 3, stop_reason::TRAP, TRAP_CONDITIONAL},
                      trap_case{"t_shadd_overflow", 3, stop_reason::TRAP, TRAP_OVERFLOW},
                      trap_case{"t_divzero", 3, stop_reason::TRAP, TRAP_CONDITIONAL},
                      trap_case{"t_priv_mtctl", 3, stop_reason::TRAP, TRAP_PRIV_REGISTER},
                      trap_case{"t_priv_ssm", 3, stop_reason::TRAP, TRAP_PRIV_OPERATION},
                      trap_case{"t_mtsp_sr5", 3, stop_reason::TRAP, TRAP_PRIV_REGISTER},
                      trap_case{"t_gate_in_delay_slot", 3, stop_reason::TRAP, TRAP_ILLEGAL},
                      trap_case{"t_fp", 3, stop_reason::TRAP, TRAP_ASSIST_EMULATION, 0},
                      trap_case{"t_fpu_disabled", 3, stop_reason::TRAP, TRAP_ASSIST_EMULATION, 0},
                      trap_case{"t_fp_unaligned", 3, stop_reason::TRAP, TRAP_UNALIGNED},
                      trap_case{"t_bus_error", 3, stop_reason::BUS_ERROR, 0}),
    [](const ::testing::TestParamInfo<trap_case>& param) {
      return std::string(param.param.label + 2);
    });

TEST(IssTraps, DataTrapsReportTheAddressAndChangeNothing) {
  REQUIRE_PROGRAM("traps");
  machine m;
  m.load("traps");
  m.cpu.state().set_pc(m.sym("t_unaligned_load"), 3);
  m.cpu.state().gr[6] = 0x1234;
  run_result r = m.cpu.run(100);
  ASSERT_EQ(r.trap, TRAP_UNALIGNED);
  EXPECT_EQ(r.ior, 0x1002u);
  EXPECT_EQ(m.gr(6), 0x1234u);
  EXPECT_EQ(r.executed, 1u);  // the LDI before it

  m.cpu.state().set_pc(m.sym("t_bus_error"), 3);
  r = m.cpu.run(100);
  ASSERT_EQ(r.reason, stop_reason::BUS_ERROR);
  EXPECT_EQ(r.ior, 0x40000000u);
  EXPECT_EQ(m.gr(6), 0x1234u);

  m.cpu.state().set_pc(m.sym("t_overflow"), 3);
  m.cpu.state().gr[4] = 77;
  r = m.cpu.run(100);
  ASSERT_EQ(r.trap, TRAP_OVERFLOW);
  EXPECT_EQ(m.gr(4), 77u);
}

TEST(IssTraps, BreakImmediatesAndNullifiedBreak) {
  REQUIRE_PROGRAM("traps");
  machine m;
  m.load("traps");
  m.cpu.state().set_pc(m.sym("t_break"), 3);
  run_result r = m.cpu.run(100);
  ASSERT_EQ(r.trap, TRAP_BREAK);
  EXPECT_EQ(r.iir & 31u, 5u);
  EXPECT_EQ((r.iir >> 13) & 0x1fffu, 123u);
  m.cpu.state().set_pc(m.sym("t_nullified_break"), 3);
  r = m.cpu.run(100);
  ASSERT_EQ(r.trap, TRAP_BREAK);
  EXPECT_EQ(r.iir & 31u, 2u);  // break 1,1 was nullified
  EXPECT_EQ(m.cpu.stats().nullified, 1u);
}

TEST(IssTraps, GateFromUserModeWithoutTranslationRunsAtPrivilegeZero) {
  REQUIRE_PROGRAM("traps");
  machine m;
  m.load("traps");
  const std::uint32_t gate = m.sym("t_gate");
  m.cpu.state().set_pc(gate, 3);
  const run_result r = m.cpu.run(100);
  ASSERT_EQ(r.trap, TRAP_BREAK);
  EXPECT_EQ(r.pc & 3u, 0u);
  EXPECT_EQ(m.gr(2), (gate + 8) | 3u);  // link with the old privilege
  EXPECT_EQ(m.gr(3), 1u);
}

TEST(IssTraps, BleSwitchesSpaceAndLinksSpaceAndOffset) {
  REQUIRE_PROGRAM("traps");
  machine m;
  m.load("traps");
  cpu_state& s = m.cpu.state();
  s.set_pc(m.sym("t_ble_space"), 0, 0x11);
  s.sr[5] = 0x55;
  s.gr[7] = m.sym("t_ble_target");
  const run_result r = m.cpu.run(100);
  ASSERT_EQ(r.trap, TRAP_BREAK);
  EXPECT_EQ(r.pc, m.sym("t_ble_target"));
  EXPECT_EQ(r.space, 0x55u);  // IASQ front = SR5
  EXPECT_EQ(s.sr[0], 0x11u);  // return space
  EXPECT_EQ(s.gr[31], m.sym("t_ble_return"));
  EXPECT_EQ(s.gr[8], 9u);  // the delay slot ran
}

TEST(IssRun, InstructionLimitAndCycleCounting) {
  REQUIRE_PROGRAM("traps");
  iss_config cfg;
  cfg.class_cycles = {1, 2, 2, 3, 4};
  cfg.taken_branch_cycles = 1;
  machine m(cfg);
  m.load("traps");
  m.cpu.state().set_pc(m.sym("t_self_loop"), 3);
  const run_result r = m.cpu.run(1000);
  EXPECT_EQ(r.reason, stop_reason::INSN_LIMIT);
  EXPECT_EQ(r.executed, 1000u);
  EXPECT_EQ(m.cpu.stats().instructions, 1000u);
  // 500 taken branches (3 + 1 cycles) and 500 NOPs in their delay slots (1 cycle).
  EXPECT_EQ(m.cpu.stats().cycles, 500u * 4 + 500u * 1);
  EXPECT_EQ(m.cpu.stats().taken_branches, 500u);
  // The loop sits in one (aligned) fetch line: one fetch.
  EXPECT_EQ(m.bus.fetches, 1u);
  EXPECT_EQ(m.cpu.run(0).executed, 0u);
}

TEST(IssRun, BusLatencyIsAddedToTheCycleCount) {
  REQUIRE_PROGRAM("millicode");
  machine fast;
  fast.load("millicode");
  fast.run_to_break();
  machine slow;
  slow.bus.extra_cycles = 10;
  slow.load("millicode");
  slow.run_to_break();
  const auto& f = fast.cpu.stats();
  const auto& s = slow.cpu.stats();
  EXPECT_EQ(f.instructions, s.instructions);
  EXPECT_EQ(s.cycles - f.cycles, 10 * (s.fetch_lines + s.loads + s.stores));
  EXPECT_GT(s.loads, 0u);
}

// ---------------------------------------------------------------------------
// Pre-decode cache

TEST(IssCode, ModifiedCodeRunsAfterInvalidation) {
  machine m;
  // 0x1000: ldi 1,r3 ; break 0,0
  m.bus.set_word(0x1000, 0x34030002);
  m.bus.set_word(0x1004, 0x00000000);
  m.cpu.state().set_pc(0x1000, 0);
  m.run_to_break();
  EXPECT_EQ(m.gr(3), 1u);
  // ldi 2,r3: the fetch line still holds the old word until invalidated.
  m.bus.set_word(0x1000, 0x34030004);
  m.cpu.invalidate_code(0x1000, 4);
  m.cpu.state().set_pc(0x1000, 0);
  m.run_to_break();
  EXPECT_EQ(m.gr(3), 2u);
  // A word changed in another line is picked up when that line is fetched,
  // even without invalidation: decoded entries are checked against the word.
  m.bus.set_word(0x2000, 0x34030006);  // ldi 3,r3
  m.bus.set_word(0x2004, 0x00000000);
  m.cpu.state().set_pc(0x2000, 0);
  m.run_to_break();
  EXPECT_EQ(m.gr(3), 3u);
  m.bus.set_word(0x2000, 0x34030008);  // ldi 4,r3
  m.cpu.state().set_pc(0x1000, 0);     // run elsewhere first: the line is refetched later
  m.run_to_break();
  m.cpu.state().set_pc(0x2000, 0);
  m.run_to_break();
  EXPECT_EQ(m.gr(3), 4u);
  m.cpu.invalidate_all_code();
  m.cpu.state().set_pc(0x2000, 0);
  m.run_to_break();
  EXPECT_EQ(m.gr(3), 4u);
}

TEST(IssCode, PredecodingChangesNothingARunShows) {
  REQUIRE_PROGRAM("millicode");
  machine plain;
  plain.load("millicode");
  plain.run_to_break();
  machine ahead;
  ahead.load("millicode");
  EXPECT_EQ(ahead.cpu.run(300).reason, stop_reason::INSN_LIMIT);
  ahead.cpu.predecode();
  ahead.run_to_break();
  const auto& p = plain.cpu.stats();
  const auto& a = ahead.cpu.stats();
  EXPECT_EQ(a.instructions, p.instructions);
  EXPECT_EQ(a.cycles, p.cycles);
  EXPECT_EQ(a.nullified, p.nullified);
  EXPECT_EQ(a.fetch_lines, p.fetch_lines);
  EXPECT_EQ(a.loads, p.loads);
  EXPECT_EQ(a.stores, p.stores);
  EXPECT_EQ(a.taken_branches, p.taken_branches);
  for (unsigned r = 1; r < 32; ++r) EXPECT_EQ(ahead.gr(r), plain.gr(r)) << "gr" << r;
  EXPECT_EQ(ahead.bus.fetches, plain.bus.fetches);
  // Only the decodes made while executing are fewer.
  EXPECT_LT(a.decodes, p.decodes);
}

TEST(IssCode, PredecodedWordsYieldToWhatTheFetchReturns) {
  machine m;
  // Three lines of one page, each `ldi k,r3 ; break`: 0x1000 k = 1, 0x1040
  // k = 2, 0x1080 k = 3. Each runs once; 0x1040 is then neither the current
  // line nor the one before it.
  for (const auto& [at, k] : {std::pair{0x1000u, 1u}, {0x1040u, 2u}, {0x1080u, 3u}}) {
    m.bus.set_word(at, 0x34030000 | (k << 1));
    m.bus.set_word(at + 4, 0x00000000);
  }
  for (const std::uint32_t at : {0x1040u, 0x1000u, 0x1080u}) {
    m.cpu.state().set_pc(at, 0);
    m.run_to_break();
  }
  EXPECT_EQ(m.gr(3), 3u);
  // Memory, as peek_code sees it, says ldi 7,r3 at 0x1040, ldi 5,r3 at
  // 0x1000 and ldi 9,r3 at 0x1080 (lines the instruction cache holds older
  // than memory); the fetches still return the words above, and those are
  // what runs -- 0x1080 first, the current line, which runs without a fetch.
  m.bus.peek_words = {{0x1040, 0x3403000e}, {0x1000, 0x3403000a}, {0x1080, 0x34030012}};
  m.cpu.predecode();
  for (const auto& [at, k] : {std::pair{0x1080u, 3u}, {0x1040u, 2u}, {0x1000u, 1u}}) {
    m.cpu.state().set_pc(at, 0);
    m.run_to_break();
    EXPECT_EQ(m.gr(3), k) << "at " << std::hex << at;
  }
}

TEST(IssCode, CacheInstructionsReachTheBusAndUpdateTheBase) {
  machine m;
  // fdc,m r4(r5) ; fic,m r4(sr0,r5) ; break
  // FDC: op 1, b=5, x=4, s=0, ext8 0x4A at BE 18..25, m at BE 26
  m.bus.set_word(0x1000, (1u << 26) | (5u << 21) | (4u << 16) | (0x4Au << 6) | (1u << 5));
  m.bus.set_word(0x1004, (1u << 26) | (5u << 21) | (4u << 16) | (0x0Au << 6) | (1u << 5));
  m.bus.set_word(0x1008, 0);
  m.cpu.state().gr[4] = 32;
  m.cpu.state().gr[5] = 0x3000;
  m.cpu.state().set_pc(0x1000, 0);
  m.run_to_break();
  EXPECT_EQ(m.bus.cache_ops, 2u);
  EXPECT_EQ(m.bus.last_op, pavp::cache_op::FIC);
  EXPECT_EQ(m.gr(5), 0x3040u);
}

TEST(IssRobustness, RandomCodeNeverCrashesOrHangs) {
  machine m;
  std::mt19937 rng(7);
  for (std::uint64_t a = 0; a < (1u << 20); a += 4) {
    m.bus.set_word(a, static_cast<std::uint32_t>(rng()));
  }
  unsigned stops[4] = {0, 0, 0, 0};
  for (unsigned i = 0; i < 3000; ++i) {
    cpu_state& s = m.cpu.state();
    s = cpu_state{};
    for (unsigned r = 1; r < 32; ++r) s.gr[r] = static_cast<std::uint32_t>(rng()) & 0x00ffffffu;
    s.set_pc(static_cast<std::uint32_t>(rng()) & 0x000ffffcu, i & 3u);
    const run_result r = m.cpu.run(2000);
    ++stops[static_cast<unsigned>(r.reason)];
  }
  EXPECT_GT(stops[static_cast<unsigned>(stop_reason::TRAP)], 0u);
}

TEST(IssSpeed, MillicodeLoopThroughput) {
  REQUIRE_PROGRAM("workload_O2");
  machine m;
  m.load("workload_O2");
  const std::uint32_t entry = m.elf.entry();
  std::uint64_t total = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 200; ++i) {
    m.cpu.state().set_pc(entry, 3);
    total += m.run_to_break().executed;
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("ISS: %llu instructions in %.3f s = %.1f MIPS (flat memory)\n",
              static_cast<unsigned long long>(total), s, total / s / 1e6);
  EXPECT_GT(total, 0u);
}

}  // namespace
