// run_translator_test: the host code made for runs of plain ALU instructions
// (pavp/cpu/run_translator.h) against the interpreter. Every test runs the
// same code on two ISSs, one translating runs and one interpreting every
// instruction, and asserts that nothing a run shows differs: registers,
// carry bits, PSW.V, the queue, every statistic, where a run stops and where
// an interruption is taken.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "iss_harness.h"
#include "pavp/cpu/decode.h"
#include "pavp/cpu/run_translator.h"

namespace {

using namespace pavp::cpu;
using pavp::test::machine;

iss_config translating(bool on, iss_config cfg = {}) {
  cfg.translate_runs = on;
  return cfg;
}

void expect_same_state(const machine& a, const machine& b, const std::string& where) {
  pavp::test::expect_same_core(a.cpu, b.cpu, where);
}

// A random word of a major opcode whose instructions may be translatable;
// the caller keeps those that are.
std::uint32_t random_alu_word(std::mt19937& rng) {
  static constexpr std::uint32_t majors[] = {0x02, 0x08, 0x0A, 0x0D, 0x25, 0x2D, 0x34, 0x35};
  const std::uint32_t major = majors[rng() % std::size(majors)];
  std::uint32_t w = (major << 26) | (static_cast<std::uint32_t>(rng()) & 0x03ffffffu);
  // Half of the arithmetic and logical words without a condition (BE bits
  // 16..19), the form the translator takes.
  if (major == 0x02 && (rng() & 1u)) w &= ~0x0000f000u;
  return w;
}

// A random compare-and-branch word (CMPB, CMPIB, ADDB, ADDIB, BB) or B (BL
// without a link), most with a short displacement.
std::uint32_t random_branch_word(std::mt19937& rng) {
  static constexpr std::uint32_t majors[] = {0x20, 0x21, 0x22, 0x23, 0x28,
                                             0x29, 0x2A, 0x2B, 0x31, 0x3A};
  const std::uint32_t major = majors[rng() % std::size(majors)];
  std::uint32_t w = (major << 26) | (static_cast<std::uint32_t>(rng()) & 0x03ffffffu);
  if (major == 0x3A) {
    // BL's t (BE 6..10) and sub-opcode (BE 16..18) 0: B; w1 (BE 11..15) and
    // w (BE 31) 0: within 8 KB.
    w &= ~0x03ffe001u;
    return w;
  }
  // w1 (BE 19..29) and w (BE 31) of the 12-bit displacement: small ones.
  if (rng() & 1u) w &= ~0x00001ff9u;
  return w;
}

TEST(RunTranslator, EveryTranslatableFormComputesWhatTheInterpreterComputes) {
  if (!run_translator::available()) GTEST_SKIP() << "no host code on this host";
  std::mt19937 rng(2026);
  // Every op the translator takes, each met in many programs.
  std::vector<op> seen;
  unsigned with_runs = 0;
  for (unsigned program = 0; program < 400; ++program) {
    std::vector<std::uint32_t> words;
    while (words.size() < 23) {  // three lines and most of a fourth at 32 bytes
      // Now and then a compare-and-branch, which ends a run: its target is
      // anywhere within 8 KB, mostly words of 0 (BREAK), or these.
      const bool branch = rng() % 5 == 0;
      const std::uint32_t w = branch ? random_branch_word(rng) : random_alu_word(rng);
      const decoded_insn d = decode(w);
      if (!(branch ? run_translator::translatable_branch(d) : run_translator::translatable(d))) {
        continue;
      }
      words.push_back(w);
      if (std::find(seen.begin(), seen.end(), d.code) == seen.end()) seen.push_back(d.code);
    }
    machine on(translating(true));
    machine off(translating(false));
    cpu_state start;
    for (unsigned r = 1; r < 32; ++r) {
      // Small, large, signed and carry-making values alike.
      const std::uint32_t v = static_cast<std::uint32_t>(rng());
      start.gr[r] = (r % 3 == 0) ? (v & 0xffu) : (r % 3 == 1) ? v : ~(v & 0xfffu);
    }
    start.cb = static_cast<std::uint32_t>(rng());
    start.psw_v = (rng() & 1u) != 0;
    start.cr[CR_SAR] = rng() & 31u;
    // Twice: the first run decodes each instruction as it reaches it (no
    // run is complete before its last instruction has run once), the
    // second runs the runs' host code.
    for (int pass = 0; pass < 2; ++pass) {
      on.s() = start;
      off.s() = start;
      const run_result a = on.run_words(words);
      const run_result b = off.run_words(words);
      // A BREAK ends it, or (a branch back) the limit.
      ASSERT_EQ(a.reason, b.reason) << "program " << program;
      EXPECT_EQ(a.executed, b.executed);
      expect_same_state(on, off,
                        "program " + std::to_string(program) + ", pass " + std::to_string(pass));
    }
    // Once more in pieces of 1 to 5 instructions: runs then start where a
    // piece starts, as delay slots and near the limit, where only their
    // first instruction's code runs (for a branch first, taken or not).
    on.s() = start;
    off.s() = start;
    on.s().set_pc(machine::CODE, 3);
    off.s().set_pc(machine::CODE, 3);
    for (std::uint64_t done = 0; done < 100 && !HasFailure();) {
      const std::uint64_t n = 1 + rng() % 5;
      const run_result a = on.cpu.run(n);
      const run_result b = off.cpu.run(n);
      ASSERT_EQ(a.reason, b.reason) << "program " << program << " in pieces";
      ASSERT_EQ(a.executed, b.executed) << "program " << program << " in pieces";
      expect_same_state(on, off, "program " + std::to_string(program) + " in pieces");
      if (a.reason != stop_reason::INSN_LIMIT) break;
      done += a.executed;
    }
    // (A branch taken early may leave the program's runs unmarked.)
    if (on.cpu.translated_runs() > 0) ++with_runs;
    EXPECT_EQ(off.cpu.translated_runs(), 0u);
    if (HasFailure()) break;
  }
  EXPECT_GT(with_runs, 200u);
  for (const op o : {op::ADDL, op::ADDCB, op::LDIL, op::ADDIL, op::LDO,  op::SUB,  op::SUBB,
                     op::ADDI, op::SUBI,  op::DS,   op::AND,   op::OR,   op::XOR,  op::ANDCM,
                     op::SHD,  op::EXTRU, op::EXTR, op::DEP,   op::DEPI, op::CMPB, op::CMPIB,
                     op::ADDB, op::ADDIB, op::BB,   op::BL}) {
    EXPECT_NE(std::find(seen.begin(), seen.end(), o), seen.end()) << to_string(o) << " not met";
  }
}

// gcc's code (the workload at -O2, libgcc's divide and multiply millicode)
// run in pieces of random length: each piece must end at the same
// instruction with the same state, whether it ends inside a run or not.
class RunTranslatorPieces : public ::testing::TestWithParam<const char*> {};

TEST_P(RunTranslatorPieces, EveryPieceEndsWhereTheInterpreterEnds) {
  const std::string name = GetParam();
  REQUIRE_PROGRAM(name);
  machine on(translating(true));
  machine off(translating(false));
  on.load(name);
  off.load(name);
  std::mt19937 rng(17);
  for (unsigned piece = 0; piece < 200000; ++piece) {
    const std::uint64_t n = 1 + rng() % 23;
    const run_result a = on.cpu.run(n);
    const run_result b = off.cpu.run(n);
    ASSERT_EQ(a.reason, b.reason) << "piece " << piece;
    ASSERT_EQ(a.executed, b.executed) << "piece " << piece;
    expect_same_state(on, off, name + ", piece " + std::to_string(piece));
    if (HasFailure() || a.reason != stop_reason::INSN_LIMIT) break;
  }
  EXPECT_EQ(on.cpu.state().iaoq_f, off.cpu.state().iaoq_f);
  EXPECT_GT(on.cpu.translated_runs(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Programs, RunTranslatorPieces,
                         ::testing::Values("millicode", "workload_O2", "workload_Os"));

// A translator allowed little host code: the runs it makes code for run as
// code, the rest are interpreted, and the program still ends as the
// interpreter ends it.
TEST(RunTranslator, RunsBeyondTheCodeSpaceAreInterpreted) {
  if (!run_translator::available()) GTEST_SKIP() << "no host code on this host";
  REQUIRE_PROGRAM("workload_O2");
  iss_config small = translating(true);
  small.run_code_bytes = 20 * 1024;  // one area with room for a few runs
  machine on(small);
  machine off(translating(false));
  on.load("workload_O2");
  off.load("workload_O2");
  const run_result a = on.cpu.run(50000000);
  const run_result b = off.cpu.run(50000000);
  EXPECT_EQ(a.reason, b.reason);
  EXPECT_EQ(a.executed, b.executed);
  expect_same_state(on, off, "workload_O2 with 20 KB of host code");
  EXPECT_GT(on.cpu.translated_runs(), 0u);
  EXPECT_GT(on.cpu.runs_without_code(), 0u);

  // No room for any run: everything interpreted, the same end.
  iss_config none = translating(true);
  none.run_code_bytes = 0;
  machine bare(none);
  bare.load("workload_O2");
  const run_result c = bare.cpu.run(50000000);
  EXPECT_EQ(c.executed, b.executed);
  expect_same_state(bare, off, "workload_O2 with no host code");
  EXPECT_EQ(bare.cpu.translated_runs(), 0u);
  EXPECT_GT(bare.cpu.runs_without_code(), 0u);
}

// A line whose words change gives its runs back: marking it again after
// each change takes no more run entries than the line ever needs.
TEST(RunTranslator, ARewrittenLineReusesItsRuns) {
  if (!run_translator::available()) GTEST_SKIP() << "no host code on this host";
  run_translator t;
  decoded_insn line[8];
  // ldo 5(r3),r3 and add,l r3,r4,r4 in turn: seven runs of 8..2.
  auto fill = [&](std::uint32_t first) {
    for (unsigned i = 0; i < 8; ++i) line[i] = decode(i % 2 ? 0x08830a04u : first);
  };
  fill(0x3463000a);
  t.mark_runs(line, 8);
  const std::size_t entries = t.runs();
  EXPECT_EQ(entries, 7u);
  for (unsigned change = 0; change < 50; ++change) {
    t.release(line, 8);
    fill(change % 2 ? 0x3463000a : 0x34a50002);  // ldo 1(r5),r5 in between
    t.mark_runs(line, 8);
    EXPECT_EQ(line[0].code, op::RUN);
  }
  EXPECT_EQ(t.runs(), entries);
}

// The interval timer matching at every cycle of a stretch of straight ALU
// code (one run per line): the interruption is taken before the same
// instruction, with the same saved queue, registers and counts.
TEST(RunTranslator, TimerInterruptionsFallAtTheSameInstruction) {
  iss_config cfg;
  cfg.deliver_interruptions = true;
  // Lines of: ldo 5(r3),r3 ; add,l r3,r4,r4 ; ldil L%0x12345000,r6 ;
  // sh2addl r4,r6,r7 ; ds r7,r4,r8 ; add,c r8,r3,r9 ; extrw,u r9,27,12,r10 ;
  // ldo 1(r5),r5 (hppa-linux-gnu-as).
  static constexpr std::uint32_t line[] = {0x3463000a, 0x08830a04, 0x20c26246, 0x08c40a87,
                                           0x08870448, 0x08680709, 0xd12a1b74, 0x34a50002};
  for (std::uint32_t match = 2; match < 90; ++match) {
    machine on(translating(true, cfg));
    machine off(translating(false, cfg));
    for (machine* m : {&on, &off}) {
      for (std::uint32_t a = 0x1000; a < 0x1400; a += 4) m->bus.set_word(a, line[(a / 4) % 8]);
      // The vectors at IVA = 0x4000: straight code too (ldo 1(r5),r5).
      for (std::uint32_t a = 0x4000; a < 0x4800; a += 4) m->bus.set_word(a, 0x34a50002);
      // A first pass with interruptions off decodes the stretch: only then
      // are its runs complete.
      m->s().set_pc(0x1000, 0);
      ASSERT_EQ(m->cpu.run(200).reason, stop_reason::INSN_LIMIT);
      cpu_state& s = m->s();
      s.gr[3] = 0x01234567;
      s.gr[4] = 0x89abcdef;
      s.cr[CR_IVA] = 0x4000;
      s.cr[CR_EIEM] = 0x80000000u;  // the timer's request
      s.cr[CR_ITMR] = static_cast<std::uint32_t>(m->cpu.stats().cycles) + match;
      s.psw = PSW_I;
      s.set_pc(0x1000, 0);
    }
    const run_result a = on.cpu.run(160);
    const run_result b = off.cpu.run(160);
    EXPECT_EQ(a.executed, b.executed);
    EXPECT_EQ(on.cpu.interruption_counts()[TRAP_EXTERNAL], 1u) << "match " << match;
    expect_same_state(on, off, "timer match " + std::to_string(match));
    EXPECT_GT(on.cpu.translated_runs(), 0u);
    if (HasFailure()) break;
  }
}

// Code written over a run (the words change, the line is fetched again):
// the new words run, not the run's old code.
TEST(RunTranslator, RewrittenCodeRunsAsWritten) {
  machine on(translating(true));
  machine off(translating(false));
  // ldo 5(r3),r3 x 7 (a run), then ldo 1(r5),r5 over the fourth word.
  const std::vector<std::uint32_t> before(7, 0x3463000a);
  std::vector<std::uint32_t> after = before;
  after[3] = 0x34a50002;
  for (machine* m : {&on, &off}) {
    m->run_words(before);
    m->run_words(after);
  }
  EXPECT_EQ(on.gr(3), 2u * 7u * 5u - 5u);
  EXPECT_EQ(on.gr(5), 1u);
  expect_same_state(on, off, "after rewriting");
}

}  // namespace
