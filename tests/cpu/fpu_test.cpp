// Tests of the PA-RISC 1.1 floating-point unit (models/cpu/fpu.*): decoding,
// single instructions placed in memory (every FCMP condition, NaNs, rounding
// modes, exception traps), the assembled program tests/cpu/asm/fp_ops.S
// (results and status words checked against host IEEE values and, through
// hashes in GRs, against qemu-hppa), and a C float/double workload compiled
// at -O0..-O3/-Os (same result as on the host and as qemu-hppa; GR lockstep
// against qemu-hppa).
#include <gtest/gtest.h>

#include <algorithm>
#include <cfenv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "iss_harness.h"
#include "pavp/cpu/fpu.h"
#include "pavp/cpu/iss.h"
#include "platform/board/elf_loader.h"
#include "run_command.h"

namespace host {
// The C workload the PA-RISC programs run, compiled for the host.
#include "fp_workload.c"
}  // namespace host

namespace {

using namespace pavp::cpu;
using namespace pavp::test;

// ---- encoders (field positions: binutils hppa.h, checked in FpuDecode) -------

enum { SGL = 0, DBL = 1 };

// 0C class 3 (FADD 0, FSUB 1, FMPY 2, FDIV 3, FREM 4) on full registers.
std::uint32_t op0c(unsigned sub, unsigned fmt, unsigned r1, unsigned r2, unsigned t) {
  return 0x30000000u | r1 << 21 | r2 << 16 | sub << 13 | fmt << 11 | 3u << 9 | t;
}
// 0C class 0 (FCPY 2, FABS 3, FSQRT 4, FRND 5).
std::uint32_t op0c_unary(unsigned sub, unsigned fmt, unsigned r, unsigned t) {
  return 0x30000000u | r << 21 | sub << 13 | fmt << 11 | t;
}
// 0C class 1 conversions (FF 0, XF 1, FX 2, FXT 3).
std::uint32_t cnv0c(unsigned sub, unsigned sf, unsigned df, unsigned r, unsigned t) {
  return 0x30000000u | r << 21 | sub << 15 | df << 13 | sf << 11 | 1u << 9 | t;
}
std::uint32_t fcmp0c(unsigned fmt, unsigned r1, unsigned r2, unsigned c) {
  return 0x30000000u | r1 << 21 | r2 << 16 | fmt << 11 | 2u << 9 | c;
}
// 0E single-precision class 3 on halves (word index 32.. = right half).
std::uint32_t op0e(unsigned sub, unsigned r1, unsigned r2, unsigned t) {
  return 0x38000000u | (r1 & 31) << 21 | (r2 & 31) << 16 | sub << 13 | (r2 >> 5) << 12 | 3u << 9 |
         (r1 >> 5) << 7 | (t >> 5) << 6 | (t & 31);
}
std::uint32_t fcmp0e(unsigned r1, unsigned r2, unsigned c) {
  return 0x38000000u | (r1 & 31) << 21 | (r2 & 31) << 16 | (r2 >> 5) << 12 | 2u << 9 |
         (r1 >> 5) << 7 | c;
}
constexpr std::uint32_t FTEST = 0x30002420u;
constexpr std::uint32_t LDI_1_R5 = 0x34050002u;  // ldi 1,%r5

std::uint32_t f2b(float f) {
  std::uint32_t b;
  std::memcpy(&b, &f, 4);
  return b;
}
std::uint64_t d2b(double d) {
  std::uint64_t b;
  std::memcpy(&b, &d, 8);
  return b;
}
float b2f(std::uint32_t b) {
  float f;
  std::memcpy(&f, &b, 4);
  return f;
}
double b2d(std::uint64_t b) {
  double d;
  std::memcpy(&d, &b, 8);
  return d;
}

// PA-RISC NaNs: the fraction MSB set means signalling.
constexpr std::uint32_t F_QNAN = 0x7F800001u;  // quiet (MSB clear, payload 1)
constexpr std::uint32_t F_SNAN = 0x7FC00000u;  // signalling
constexpr std::uint32_t F_DEFAULT_NAN = 0x7FA00000u;
constexpr std::uint64_t D_QNAN = 0x7FF0000000000123ull;
constexpr std::uint64_t D_SNAN = 0x7FF8000000000000ull;
constexpr std::uint64_t D_DEFAULT_NAN = 0x7FF4000000000000ull;

// ---------------------------------------------------------------------------
// Decoder

TEST(FpuDecode, AssemblerEncodingsDecodeToTheirOperations) {
  struct row {
    std::uint32_t word;
    fp_kind kind;
    unsigned r1, r2, t;
    std::uint8_t flags;
  };
  // Words produced by hppa-linux-gnu-as 2.40 (objdump in the comments).
  const row rows[] = {
      {0x30850c17, fp_kind::FCMP, 4, 5, 0, F_FP_SRC_DBL | F_FP_DST_DBL},  // fcmp,dbl,!< fr4,fr5
      {0x38850484, fp_kind::FCMP, 36, 5, 0, 0},                           // fcmp,sgl,= fr4R,fr5
      {0x30802205, fp_kind::FCNVFF, 4, 0, 5, F_FP_DST_DBL},               // fcnvff,sgl,dbl fr4,fr5
      {0x3080aa05, fp_kind::FCNVXF, 4, 0, 5, F_FP_SRC_DBL | F_FP_DST_DBL},
      {0x38818a45, fp_kind::FCNVFXT, 4, 0, 37, F_FP_SRC_DBL},  // fcnvfxt,dbl,sgl fr4,fr5R
      {0x30004804, fp_kind::FCPY, 0, 0, 4, F_FP_SRC_DBL | F_FP_DST_DBL},  // fcpy,dbl fr0,fr4
      {0x388506c6, fp_kind::FADD, 36, 5, 38, 0},                          // fadd,sgl fr4R,fr5,fr6R
      {0x30858e06, fp_kind::FREM, 4, 5, 6, F_FP_SRC_DBL | F_FP_DST_DBL},  // frem,dbl
      {0x30002420, fp_kind::FTEST, 0, 0, 0, 0},
      {0x30000000, fp_kind::FID, 0, 0, 0, 0},
  };
  for (const row& r : rows) {
    const decoded_insn d = decode(r.word);
    ASSERT_EQ(d.code, op::FPOP) << std::hex << r.word;
    EXPECT_EQ(static_cast<fp_kind>(d.a), r.kind) << std::hex << r.word;
    EXPECT_EQ(d.r1, r.r1) << std::hex << r.word;
    if (r.kind != fp_kind::FCNVFF && r.kind != fp_kind::FCNVXF && r.kind != fp_kind::FCNVFXT &&
        r.kind != fp_kind::FCPY) {
      EXPECT_EQ(d.r2, r.r2) << std::hex << r.word;
    }
    if (r.kind != fp_kind::FCMP) {
      EXPECT_EQ(d.t, r.t) << std::hex << r.word;
    }
    EXPECT_EQ(d.flags, r.flags) << std::hex << r.word;
  }
  EXPECT_EQ(decode(0x30850c17).cond, 23u);  // "!<" is condition 23
  // The encoders of this file agree with the assembler.
  EXPECT_EQ(fcmp0c(DBL, 4, 5, 23), 0x30850c17u);
  EXPECT_EQ(fcmp0e(36, 5, 4), 0x38850484u);
  EXPECT_EQ(cnv0c(0, SGL, DBL, 4, 5), 0x30802205u);
  EXPECT_EQ(cnv0c(1, DBL, DBL, 4, 5), 0x3080aa05u);
  EXPECT_EQ(op0c_unary(2, DBL, 0, 4), 0x30004804u);
  EXPECT_EQ(op0e(0, 36, 5, 38), 0x388506c6u);
  EXPECT_EQ(op0c(4, DBL, 4, 5, 6), 0x30858e06u);
  // XMPYU keeps its own op.
  EXPECT_EQ(decode(0x3AD64796).code, op::XMPYU);
}

TEST(FpuDecode, MultiplyAddUsesItsOwnRegisterNumbering) {
  // fmpyadd,sgl fr16,fr17,fr18,fr19,fr20: rm1, rm2, tm, ra, ta.
  decoded_insn d = decode(0x180120e2);
  ASSERT_EQ(d.code, op::FPOP);
  EXPECT_EQ(static_cast<fp_kind>(d.a), fp_kind::FMPYADD);
  EXPECT_EQ(d.flags, 0);
  EXPECT_EQ(d.r1, 16);
  EXPECT_EQ(d.r2, 17);
  EXPECT_EQ(d.t, 18);
  EXPECT_EQ(d.pos, 19);  // ra
  EXPECT_EQ(d.len, 20);  // ta
  // fmpysub,sgl fr16R,fr17R,fr18R,fr19R,fr20R
  d = decode(0x9a11a4f2);
  EXPECT_EQ(static_cast<fp_kind>(d.a), fp_kind::FMPYSUB);
  EXPECT_EQ(d.r1, 48);
  EXPECT_EQ(d.r2, 49);
  EXPECT_EQ(d.t, 50);
  EXPECT_EQ(d.pos, 51);
  EXPECT_EQ(d.len, 52);
  // fmpyadd,dbl fr4,fr5,fr6,fr7,fr8
  d = decode(0x188541c6);
  EXPECT_EQ(d.flags, F_FP_SRC_DBL | F_FP_DST_DBL);
  EXPECT_EQ(d.r1, 4);
  EXPECT_EQ(d.r2, 5);
  EXPECT_EQ(d.t, 6);
  EXPECT_EQ(d.pos, 7);
  EXPECT_EQ(d.len, 8);
}

TEST(FpuDecode, Pa20OnlyAndReservedFormsAreIllegal) {
  const std::uint32_t illegal_words[] = {
      0x3000c004,  // fneg,sgl (PA 2.0)
      0x3000e804,  // fnegabs,dbl (PA 2.0)
      0x30028200,  // fcnv with an unsigned sub-op (PA 2.0)
      0x30852404,  // fcmp with a target (y = 1: PA 2.0)
      0x30002423,  // ftest with an unknown queue test
      0x3085a606,  // class 3 sub-op 5: reserved
      0x30802805,  // class 0 sub-op 1: reserved
      0xb8000000,  // fmpyfadd (major 0x2E, PA 2.0)
      0x30005004,  // fcpy with format 2 (reserved)
  };
  for (std::uint32_t w : illegal_words) {
    EXPECT_EQ(decode(w).code, op::ILLEGAL) << std::hex << w;
  }
  // A quad operand is an unimplemented-exception (assist) case, not illegal.
  const decoded_insn q = decode(0x30005804);  // fcpy,quad
  EXPECT_EQ(q.code, op::FPOP);
  EXPECT_EQ(static_cast<fp_kind>(q.a), fp_kind::UNIMPLEMENTED_FORMAT);
  // A coprocessor other than the FPU (unit id in BE 23..25).
  const decoded_insn c = decode(0x30000100);
  EXPECT_EQ(static_cast<fp_kind>(c.a), fp_kind::OTHER_COPROCESSOR);
}

// ---------------------------------------------------------------------------
// Single instructions

// Relation of two operands for the reference: the names of the 32 FCMP
// conditions (binutils float_comp_names) read as predicates.
const char* const COND_NAMES[32] = {"false?", "false", "?",  "!<=>", "=",   "=t",  "?=",    "!<>",
                                    "!?>=",   "<",     "?<", "!>=",  "!?>", "<=",  "?<=",   "!>",
                                    "!?<=",   ">",     "?>", "!<=",  "!?<", ">=",  "?>=",   "!<",
                                    "!?=",    "<>",    "!=", "!=t",  "!?",  "<=>", "true?", "true"};

enum rel { GREATER, LESS, EQUAL, UNORDERED };

bool name_predicate(const std::string& name, rel r) {
  if (name == "false?" || name == "false") return false;
  if (name == "true?" || name == "true") return true;
  std::string n = name;
  if (n.back() == 't') n.pop_back();
  const bool neg = n[0] == '!';
  bool in = false;
  for (char ch : n) {
    if ((ch == '>' && r == GREATER) || (ch == '<' && r == LESS) || (ch == '=' && r == EQUAL) ||
        (ch == '?' && r == UNORDERED)) {
      in = true;
    }
  }
  return in != neg;
}
bool name_signals(const std::string& name) {
  return name.find('?') == std::string::npos && name != "=" && name != "!=";
}

TEST(FpuCompare, EveryConditionOnEveryOperandClassSetsCAndFtestNullifies) {
  const std::uint64_t dvals[] = {d2b(-INFINITY), d2b(-1.0),     d2b(-0.0), d2b(0.0),
                                 d2b(1.0),       d2b(INFINITY), D_QNAN,    D_SNAN};
  const std::uint32_t fvals[] = {f2b(-INFINITY), f2b(-1.0f),    f2b(-0.0f), f2b(0.0f),
                                 f2b(1.0f),      f2b(INFINITY), F_QNAN,     F_SNAN};
  machine m;
  unsigned checked = 0;
  for (unsigned fmt : {SGL, DBL}) {
    for (unsigned i = 0; i < 8; ++i) {
      for (unsigned j = 0; j < 8; ++j) {
        const bool nan_a = i >= 6, nan_b = j >= 6;
        rel r;
        if (nan_a || nan_b) {
          r = UNORDERED;
        } else {
          const double a = fmt == DBL ? b2d(dvals[i]) : b2f(fvals[i]);
          const double b = fmt == DBL ? b2d(dvals[j]) : b2f(fvals[j]);
          r = a > b ? GREATER : (a < b ? LESS : EQUAL);
        }
        const bool snan = i == 7 || j == 7;
        for (unsigned c = 0; c < 32; ++c) {
          m.set_status(0);
          if (fmt == DBL) {
            m.s().fr[4] = dvals[i];
            m.s().fr[5] = dvals[j];
          } else {
            m.s().set_frw(4, fvals[i]);       // fr4L
            m.s().set_frw(32 + 5, fvals[j]);  // fr5R (0E format)
          }
          m.s().gr[5] = 7;
          const std::uint32_t cmp = fmt == DBL ? fcmp0c(DBL, 4, 5, c) : fcmp0e(4, 37, c);
          const run_result res = m.run_words({cmp, FTEST, LDI_1_R5});
          ASSERT_EQ(res.trap, TRAP_BREAK);
          const bool expect_c = name_predicate(COND_NAMES[c], r);
          const bool expect_v = snan || (r == UNORDERED && name_signals(COND_NAMES[c]));
          EXPECT_EQ((m.status() & FPSR_C) != 0, expect_c)
              << "fmt " << fmt << " cond " << COND_NAMES[c] << " operands " << i << "," << j;
          EXPECT_EQ((m.status() & FPSR_FLAG_V) != 0, expect_v)
              << "fmt " << fmt << " cond " << COND_NAMES[c] << " operands " << i << "," << j;
          EXPECT_EQ(m.s().gr[5], expect_c ? 7u : 1u) << "FTEST nullifies when C = 1";
          ++checked;
        }
      }
    }
  }
  EXPECT_EQ(checked, 2u * 64u * 32u);
}

TEST(FpuCompare, CompareQueueShiftsAndQueueTestsReadIt) {
  machine m;
  m.set_status(0);
  m.s().fr[4] = d2b(1.0);
  m.s().fr[5] = d2b(2.0);
  // C history 1, 0, 1, 1 (newest last): "<" true, ">" false, "<" true, "<=" true.
  m.run_words(
      {fcmp0c(DBL, 4, 5, 9), fcmp0c(DBL, 4, 5, 17), fcmp0c(DBL, 4, 5, 9), fcmp0c(DBL, 4, 5, 13)});
  EXPECT_EQ(m.status(), FPSR_C | (FPSR_CQ0 >> 0) | (FPSR_CQ0 >> 2));
  // ftest,acc2 (c = 17 in the QEMU encoding) nullifies when C and CQ0 are 0.
  m.s().gr[5] = 7;
  m.run_words({0x30002431u, LDI_1_R5});
  EXPECT_EQ(m.s().gr[5], 1u);
  m.set_status(0);
  m.s().gr[5] = 7;
  m.run_words({0x30002431u, LDI_1_R5});
  EXPECT_EQ(m.s().gr[5], 7u);
}

// Host reference of one operation under a PA rounding mode (0 nearest,
// 1 zero, 2 up, 3 down); returns the host flags.
template <class F, class Op>
F host_round(unsigned rm, Op op, int& flags) {
  static constexpr int modes[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};
  std::feclearexcept(FE_ALL_EXCEPT);
  std::fesetround(modes[rm]);
  volatile F r = op();
  flags = std::fetestexcept(FE_ALL_EXCEPT);
  std::fesetround(FE_TONEAREST);
  return r;
}

std::uint32_t pa_flags(int host) {
  std::uint32_t f = 0;
  if (host & FE_INVALID) f |= FPSR_FLAG_V;
  if (host & FE_DIVBYZERO) f |= FPSR_FLAG_Z;
  if (host & FE_OVERFLOW) f |= FPSR_FLAG_O;
  if (host & FE_UNDERFLOW) f |= FPSR_FLAG_U;
  if (host & FE_INEXACT) f |= FPSR_FLAG_I;
  return f;
}

TEST(FpuArith, RoundingModesAndFlagsMatchHostIeee) {
  const double dv[] = {1.0, 3.0, -7.0, 0.1, 1e308, 1e-308, 4.9e-324, -2.5, 1.0 / 3.0, 123456789.0};
  const float fv[] = {1.0f, 3.0f, -7.0f, 0.1f, 3e38f, 1e-38f, 1.4e-45f, -2.5f, 16777217.0f};
  machine m;
  for (unsigned rm = 0; rm < 4; ++rm) {
    for (double a : dv) {
      for (double b : dv) {
        for (unsigned sub = 0; sub < 4; ++sub) {
          volatile double va = a, vb = b;
          int hf = 0;
          const double expect = host_round<double>(
              rm,
              [&]() -> double {
                switch (sub) {
                  case 0:
                    return va + vb;
                  case 1:
                    return va - vb;
                  case 2:
                    return va * vb;
                  default:
                    return va / vb;
                }
              },
              hf);
          m.set_status(rm << 9);
          m.s().fr[6] = d2b(a);
          m.s().fr[7] = d2b(b);
          m.run_words({op0c(sub, DBL, 6, 7, 8)});
          EXPECT_EQ(m.s().fr[8], d2b(expect)) << a << " op" << sub << " " << b << " rm " << rm;
          EXPECT_EQ(m.status(), (rm << 9) | pa_flags(hf)) << a << " op" << sub << " " << b;
        }
      }
    }
    for (float a : fv) {
      for (float b : fv) {
        for (unsigned sub = 0; sub < 4; ++sub) {
          volatile float va = a, vb = b;
          int hf = 0;
          const float expect = host_round<float>(
              rm,
              [&]() -> float {
                switch (sub) {
                  case 0:
                    return va + vb;
                  case 1:
                    return va - vb;
                  case 2:
                    return va * vb;
                  default:
                    return va / vb;
                }
              },
              hf);
          m.set_status(rm << 9);
          m.s().set_frw(32 + 9, f2b(a));  // fr9R
          m.s().set_frw(10, f2b(b));      // fr10L
          m.s().fr[11] = 0;
          m.run_words({op0e(sub, 41, 10, 43)});  // -> fr11R
          EXPECT_EQ(m.s().frw(43), f2b(expect)) << a << " op" << sub << " " << b << " rm " << rm;
          EXPECT_EQ(m.s().frw(11), 0u) << "the other half is untouched";
          EXPECT_EQ(m.status(), (rm << 9) | pa_flags(hf)) << a << " op" << sub << " " << b;
        }
      }
    }
    // Square root and round to integer.
    for (double a : dv) {
      int hf = 0;
      volatile double va = std::fabs(a);
      const double sq = host_round<double>(
          rm, [&]() -> double { return std::sqrt(va); }, hf);
      m.set_status(rm << 9);
      m.s().fr[6] = d2b(std::fabs(a));
      m.run_words({op0c_unary(4, DBL, 6, 8)});
      EXPECT_EQ(m.s().fr[8], d2b(sq)) << "sqrt " << a << " rm " << rm;
      EXPECT_EQ(m.status(), (rm << 9) | pa_flags(hf));
      volatile double vr = a;
      const double rn = host_round<double>(
          rm, [&]() -> double { return std::rint(vr); }, hf);
      m.set_status(rm << 9);
      m.s().fr[6] = d2b(a);
      m.run_words({op0c_unary(5, DBL, 6, 8)});
      EXPECT_EQ(m.s().fr[8], d2b(rn)) << "frnd " << a << " rm " << rm;
      EXPECT_EQ(m.status(), (rm << 9) | pa_flags(hf));
    }
  }
}

TEST(FpuConvert, FixedConversionsRoundPerModeAndSaturate) {
  machine m;
  const double vals[] = {2.5,   -2.5,         3.5,           -0.75,        0.0,  -0.0,   1e10,
                         -1e10, 2147483647.0, -2147483648.0, 2147483647.5, 1e19, -9.3e18};
  for (unsigned rm = 0; rm < 4; ++rm) {
    for (double v : vals) {
      for (bool trunc : {false, true}) {
        for (unsigned df : {SGL, DBL}) {
          const unsigned eff = trunc ? 1u : rm;
          const double r = eff == 0   ? std::nearbyint(v)
                           : eff == 1 ? std::trunc(v)
                           : eff == 2 ? std::ceil(v)
                                      : std::floor(v);
          const double lim = df == DBL ? 9223372036854775808.0 : 2147483648.0;
          std::uint64_t expect;
          std::uint32_t flags = 0;
          if (r >= lim || r < -lim) {
            flags = FPSR_FLAG_V;
            expect = df == DBL ? (r < 0 ? 0x8000000000000000ull : 0x7FFFFFFFFFFFFFFFull)
                               : (r < 0 ? 0x80000000u : 0x7FFFFFFFu);
          } else {
            if (r != v) flags = FPSR_FLAG_I;
            expect = df == DBL ? static_cast<std::uint64_t>(static_cast<std::int64_t>(r))
                               : static_cast<std::uint32_t>(static_cast<std::int32_t>(r));
          }
          m.set_status(rm << 9);
          m.s().fr[6] = d2b(v);
          m.s().fr[8] = 0;
          m.run_words({cnv0c(trunc ? 3 : 2, DBL, df, 6, 8)});
          const std::uint64_t got = df == DBL ? m.s().fr[8] : m.s().frw(8);
          EXPECT_EQ(got, expect) << v << " rm " << rm << " trunc " << trunc << " df " << df;
          EXPECT_EQ(m.status(), (rm << 9) | flags) << v << " rm " << rm;
        }
      }
    }
  }
  // A NaN converts to the largest positive integer with invalid (QEMU 7.2).
  m.set_status(0);
  m.s().fr[6] = D_QNAN | (std::uint64_t{1} << 63);
  m.run_words({cnv0c(3, DBL, SGL, 6, 8)});
  EXPECT_EQ(m.s().frw(8), 0x7FFFFFFFu);
  EXPECT_EQ(m.status(), FPSR_FLAG_V);
  // 64-bit fixed to single and double, per rounding mode.
  const std::int64_t ivals[] = {(1ll << 53) + 1, -((1ll << 53) + 1), (1ll << 62) + 12345, -7, 0,
                                16777217};
  for (unsigned rm = 0; rm < 4; ++rm) {
    for (std::int64_t iv : ivals) {
      int hf = 0;
      volatile std::int64_t vi = iv;
      const float ef = host_round<float>(
          rm, [&]() -> float { return static_cast<float>(vi); }, hf);
      m.set_status(rm << 9);
      m.s().fr[6] = static_cast<std::uint64_t>(iv);
      m.run_words({cnv0c(1, DBL, SGL, 6, 8)});
      EXPECT_EQ(m.s().frw(8), f2b(ef)) << iv << " rm " << rm;
      EXPECT_EQ(m.status(), (rm << 9) | pa_flags(hf));
      const double ed = host_round<double>(
          rm, [&]() -> double { return static_cast<double>(vi); }, hf);
      m.set_status(rm << 9);
      m.run_words({cnv0c(1, DBL, DBL, 6, 8)});
      EXPECT_EQ(m.s().fr[8], d2b(ed)) << iv << " rm " << rm;
      EXPECT_EQ(m.status(), (rm << 9) | pa_flags(hf));
    }
  }
}

TEST(FpuNan, PaRiscConventionQuietBitClearDefaultNanAndPropagation) {
  machine m;
  auto fadd_sgl = [&](std::uint32_t a, std::uint32_t b) {
    m.set_status(0);
    m.s().set_frw(4, a);
    m.s().set_frw(5, b);
    m.run_words({op0c(0, SGL, 4, 5, 6)});
    return m.s().frw(6);
  };
  // A quiet NaN passes through unchanged, without invalid.
  EXPECT_EQ(fadd_sgl(F_QNAN, f2b(1.0f)), F_QNAN);
  EXPECT_EQ(m.status(), 0u);
  EXPECT_EQ(fadd_sgl(f2b(1.0f), F_QNAN), F_QNAN);
  // A signalling NaN is quieted (MSB cleared, MSB-1 set) and raises invalid.
  EXPECT_EQ(fadd_sgl(F_SNAN | 5u, f2b(1.0f)), 0x7FA00005u);
  EXPECT_EQ(m.status(), FPSR_FLAG_V);
  // Two NaNs: the signalling one wins over an earlier quiet one, else A.
  EXPECT_EQ(fadd_sgl(F_QNAN, F_SNAN | 9u), 0x7FA00009u);
  EXPECT_EQ(fadd_sgl(F_QNAN, F_QNAN + 1), F_QNAN);
  // Invalid operations give the default NaN.
  EXPECT_EQ(fadd_sgl(f2b(INFINITY), f2b(-INFINITY)), F_DEFAULT_NAN);
  EXPECT_EQ(m.status(), FPSR_FLAG_V);
  m.set_status(0);
  m.s().fr[4] = 0;
  m.run_words({op0c(3, DBL, 4, 4, 6)});  // 0/0
  EXPECT_EQ(m.s().fr[6], D_DEFAULT_NAN);
  m.s().fr[4] = D_SNAN | 3u;
  m.run_words({cnv0c(0, DBL, SGL, 4, 6)});  // dbl -> sgl keeps the top payload
  EXPECT_EQ(m.s().frw(6), F_DEFAULT_NAN);
  m.s().set_frw(4, F_SNAN | 1u);
  m.run_words({cnv0c(0, SGL, DBL, 4, 6)});  // sgl -> dbl, quieted
  EXPECT_EQ(m.s().fr[6], 0x7FF4000020000000ull);
  // FCPY and FABS move bits, even of a signalling NaN, without invalid.
  m.set_status(0);
  m.s().fr[4] = D_SNAN | (std::uint64_t{1} << 63);
  m.run_words({op0c_unary(2, DBL, 4, 6), op0c_unary(3, DBL, 4, 7)});
  EXPECT_EQ(m.s().fr[6], D_SNAN | (std::uint64_t{1} << 63));
  EXPECT_EQ(m.s().fr[7], D_SNAN);
  EXPECT_EQ(m.status(), 0u);
}

TEST(FpuTraps, EnabledExceptionsTrapWithTAndTheExceptionRegister) {
  struct trap_case {
    const char* label;
    std::uint32_t enable;
    std::uint32_t type;
    double a, b;
    unsigned sub;
  };
  const trap_case cases[] = {
      {"invalid", FPSR_ENA_V, FP_EXC_INVALID, 0.0, 0.0, 3},
      {"divzero", FPSR_ENA_Z, FP_EXC_DIVZERO, 1.0, 0.0, 3},
      {"overflow", FPSR_ENA_O, FP_EXC_OVERFLOW, 1e308, 1e308, 2},
      {"underflow", FPSR_ENA_U, FP_EXC_UNDERFLOW, 1e-308, 1e-10, 2},
      {"inexact", FPSR_ENA_I, FP_EXC_INEXACT, 1.0, 3.0, 3},
  };
  for (const trap_case& tc : cases) {
    machine m;
    m.set_status(tc.enable);
    m.s().fr[4] = d2b(tc.a);
    m.s().fr[5] = d2b(tc.b);
    m.s().fr[6] = 0x1234;
    const std::uint32_t insn = op0c(tc.sub, DBL, 4, 5, 6);
    run_result r = m.run_words({insn});
    EXPECT_EQ(r.reason, stop_reason::TRAP) << tc.label;
    EXPECT_EQ(r.trap, TRAP_ASSIST_EXCEPTION) << tc.label;
    EXPECT_EQ(r.pc & ~3u, machine::CODE) << tc.label;
    EXPECT_EQ(m.s().fr[6], 0x1234u) << tc.label << ": the target is not written";
    EXPECT_EQ(m.status(), tc.enable | FPSR_T) << tc.label << ": T set, no flag";
    EXPECT_EQ(static_cast<std::uint32_t>(m.s().fr[0]), (tc.type << 26) | (insn & 0x03FFFFFFu))
        << tc.label;
    // With T pending every FP operation traps ...
    r = m.run_words({op0c(0, DBL, 5, 5, 7)});
    EXPECT_EQ(r.trap, TRAP_ASSIST_EXCEPTION) << tc.label;
    // ... until fr0 is stored, which clears T (fstds fr0,0(r1) with r1 = 0x2000).
    m.s().gr[1] = 0x2000;
    m.run_words({0x2C201200u});
    EXPECT_EQ(m.bus.word(0x2000), tc.enable | FPSR_T) << "the stored value still has T";
    EXPECT_EQ(m.status(), tc.enable);
    r = m.run_words({op0c(0, DBL, 0, 0, 7)});  // 0 + 0: no exception
    EXPECT_EQ(r.trap, TRAP_BREAK) << tc.label;
  }
  // Without the enable the flag is sticky and the result is the default.
  machine m;
  m.set_status(FPSR_ENA_V);
  m.s().fr[4] = d2b(1.0);
  m.s().fr[5] = 0;
  m.run_words({op0c(3, DBL, 4, 5, 6), op0c(0, DBL, 4, 4, 7)});
  EXPECT_EQ(m.s().fr[6], d2b(INFINITY));
  EXPECT_EQ(m.status(), FPSR_ENA_V | FPSR_FLAG_Z);
  // A signalling compare on a NaN with V enabled traps; C is unchanged.
  m.set_status(FPSR_ENA_V | FPSR_C);
  m.s().fr[4] = D_QNAN;
  run_result r = m.run_words({fcmp0c(DBL, 4, 5, 9)});
  EXPECT_EQ(r.trap, TRAP_ASSIST_EXCEPTION);
  EXPECT_EQ(m.status(), FPSR_ENA_V | FPSR_C | FPSR_T);
  // Quad operands: unimplemented exception.
  m.set_status(0);
  r = m.run_words({0x30005804u});
  EXPECT_EQ(r.trap, TRAP_ASSIST_EXCEPTION);
  EXPECT_EQ(static_cast<std::uint32_t>(m.s().fr[0]) >> 26, FP_EXC_UNIMPLEMENTED);
}

TEST(FpuTraps, FpuDisabledInCcrAndPa20FormsAndOtherCoprocessors) {
  const std::uint32_t ops[] = {
      op0c(0, DBL, 4, 5, 6),    op0e(2, 36, 5, 6), fcmp0c(SGL, 1, 2, 4), FTEST,
      cnv0c(2, DBL, SGL, 4, 5), 0x180120e2u,       0x9a11a4f2u,          0x30000000u};
  for (std::uint32_t w : ops) {
    machine m;
    m.s().cr[CR_CCR] = 0;
    const run_result r = m.run_words({w});
    EXPECT_EQ(r.trap, TRAP_ASSIST_EMULATION) << std::hex << w;
    EXPECT_EQ(r.iir, w);
    m.s().cr[CR_CCR] = 0xC0;
    EXPECT_EQ(m.run_words({w}).trap, TRAP_BREAK) << std::hex << w;
  }
  machine m;
  EXPECT_EQ(m.run_words({0x3000c004u}).trap, TRAP_ILLEGAL);  // fneg
  EXPECT_EQ(m.run_words({0x30000100u}).trap, TRAP_ASSIST_EMULATION);
  // FID reports a PA7300LC (QEMU trans_fid_f).
  m.run_words({0x30000000u});
  EXPECT_EQ(m.s().fr[0], 0x000F080000000000ull);
}

TEST(FpuMultiplyAdd, BothOperationsReadTheirOperandsFirst) {
  machine m;
  m.set_status(0);
  // fmpyadd,dbl fr4,fr5,fr6,fr7,fr8: fr6 = fr4*fr5, fr8 = fr8 + fr7
  m.s().fr[4] = d2b(3.0);
  m.s().fr[5] = d2b(0.5);
  m.s().fr[7] = d2b(10.0);
  m.s().fr[8] = d2b(0.25);
  m.run_words({0x188541c6u});
  EXPECT_EQ(m.s().fr[6], d2b(1.5));
  EXPECT_EQ(m.s().fr[8], d2b(10.25));
  // tm = ta: the multiply reads ta before the add writes it.
  // fmpysub,dbl fr4,fr5,fr8,fr7,fr8 (rm1=4 rm2=5 ta=8 ra=7 f=0 tm=8)
  const std::uint32_t w = 0x98000000u | 4u << 21 | 5u << 16 | 8u << 11 | 7u << 6 | 8u;
  m.s().fr[8] = d2b(20.0);
  const run_result r = m.run_words({w});
  EXPECT_EQ(r.trap, TRAP_BREAK);
  // Both write fr8; the add/subtract result is written last.
  EXPECT_EQ(m.s().fr[8], d2b(10.0));
}

// ---------------------------------------------------------------------------
// The assembled program fp_ops.S

class res_reader {
 public:
  res_reader(const machine& m, std::uint32_t res, std::uint32_t sts)
      : m_m(m), m_res(res), m_sts(sts) {}
  std::uint64_t d() {
    const std::uint64_t v = m_m.bus.dword(m_res);
    m_res += 8;
    return v;
  }
  std::uint32_t w() {  // a word in an 8-byte slot
    const std::uint32_t v = m_m.bus.word(m_res);
    m_res += 8;
    return v;
  }
  std::uint32_t st() {
    const std::uint32_t v = m_m.bus.word(m_sts);
    m_sts += 4;
    return v;
  }

 private:
  const machine& m_m;
  std::uint32_t m_res, m_sts;
};

TEST(FpuProgram, AssembledOperationsMatchHostIeee) {
  REQUIRE_PROGRAM("fp_ops");
  machine m;
  m.load("fp_ops");
  m.run_to_break();
  res_reader rd(m, m.sym("res"), m.sym("sts"));
  constexpr std::uint32_t I = FPSR_FLAG_I, V = FPSR_FLAG_V, Z = FPSR_FLAG_Z, O = FPSR_FLAG_O;
  auto D = [&](double v, std::uint32_t st, const char* what) {
    EXPECT_EQ(rd.d(), d2b(v)) << what;
    EXPECT_EQ(rd.st(), st) << what << " status";
  };
  auto DB = [&](std::uint64_t v, std::uint32_t st, const char* what) {
    EXPECT_EQ(rd.d(), v) << what;
    EXPECT_EQ(rd.st(), st) << what << " status";
  };
  auto W = [&](std::uint32_t v, std::uint32_t st, const char* what) {
    EXPECT_EQ(rd.w(), v) << what;
    EXPECT_EQ(rd.st(), st) << what << " status";
  };
  auto F = [&](float v, std::uint32_t st, const char* what) { W(f2b(v), st, what); };
  volatile double d15 = 1.5, dm225 = -2.25, d01 = 0.1;
  volatile float f15 = 1.5f, fm075 = -0.75f, f3 = 3.0f, f01 = 0.1f;

  // t_dbl
  D(-0.75, 0, "fadd,dbl");
  D(3.75, 0, "fsub,dbl");
  D(d15 * d01, I, "fmpy,dbl");
  D(0.75, I, "fdiv,dbl");
  D(0.5, I, "frem,dbl");
  D(std::sqrt(2.0), I, "fsqrt,dbl");
  D(2.0, I, "frnd,dbl");
  D(2.25, I, "fabs,dbl");
  D(1e308, I, "fcpy,dbl");
  D(0.0, I, "fcpy,dbl fr0");
  D(INFINITY, I | O, "overflow");
  D(INFINITY, Z, "divide by zero");
  DB(D_DEFAULT_NAN, V, "0/0");
  DB(D_DEFAULT_NAN, V, "sqrt(-2.25)");
  (void)dm225;
  // t_sgl
  F(4.5f, 0, "fadd,sgl");
  F(-1.5f, 0, "fsub,sgl");
  F(9.0f, 0, "fmpy,sgl");
  F(0.5f, 0, "fdiv,sgl");
  F(2.25f, 0, "fadd,sgl halves");
  F(f15 - f01, I, "fsub,sgl halves");
  F(fm075 * f01, I, "fmpy,sgl halves");
  F(f01 / fm075, I, "fdiv,sgl halves");
  F(0.75f, I, "fabs,sgl");
  F(0.1f, I, "fcpy,sgl");
  F(std::sqrt(f3), I, "fsqrt,sgl");
  F(-1.0f, I, "frnd,sgl");
  F(0.0f, I, "frem,sgl");
  // t_cnv
  D(-0.75, I, "fcnvff,sgl,dbl");
  F(static_cast<float>(d01), I, "fcnvff,dbl,sgl");
  F(INFINITY, I | O, "fcnvff,dbl,sgl overflow");
  F(-7.0f, 0, "fcnvxf,sgl,sgl");
  F(16777216.0f, I, "fcnvxf,sgl,sgl inexact");
  D(16777217.0, I, "fcnvxf,sgl,dbl");
  D(9007199254740992.0, I, "fcnvxf,dbl,dbl");
  F(9007199254740992.0f, I, "fcnvxf,dbl,sgl");
  static const int fx25[4] = {2, 2, 3, 2}, fxm225[4] = {-2, -2, -2, -3}, fxm075[4] = {-1, 0, 0, -1};
  for (unsigned rm = 0; rm < 4; ++rm) {
    const std::uint32_t st = rm << 9 | I;
    int hf = 0;
    W(static_cast<std::uint32_t>(fx25[rm]), st, "fcnvfx,dbl,sgl 2.5");
    W(static_cast<std::uint32_t>(fxm225[rm]), st, "fcnvfx,dbl,sgl -2.25");
    W(static_cast<std::uint32_t>(-2), st, "fcnvfxt,dbl,sgl -2.25");
    DB(static_cast<std::uint64_t>(fx25[rm]), st, "fcnvfx,dbl,dbl 2.5");
    W(static_cast<std::uint32_t>(fxm075[rm]), st, "fcnvfx,sgl,sgl -0.75");
    DB(0, st, "fcnvfxt,sgl,dbl -0.75");
    F(host_round<float>(
          rm, [&]() -> float { return static_cast<float>(d01); }, hf),
      st, "fcnvff,dbl,sgl 0.1");
    D(host_round<double>(
          rm, [&]() -> double { return d15 / d01; }, hf),
      st, "fdiv 1.5/0.1");
    volatile std::int64_t big = (1ll << 53) + 1;
    F(host_round<float>(
          rm, [&]() -> float { return static_cast<float>(big); }, hf),
      st, "fcnvxf,dbl,sgl 2^53+1");
  }
  W(0x7FFFFFFFu, V, "fcnvfx,dbl,sgl 1e308");
  DB(0x7FFFFFFFFFFFFFFFull, V, "fcnvfxt,dbl,dbl 1e308");
  // t_cmp: r5 = 1 when C is clear
  EXPECT_EQ(rd.w(), 1u) << "1.5 < -2.25";
  EXPECT_EQ(rd.w(), 0u) << "1.5 > -2.25";
  EXPECT_EQ(rd.w(), 0u) << "=";
  EXPECT_EQ(rd.w(), 1u) << "!=";
  EXPECT_EQ(rd.w(), 0u) << "-0.75 <= 1.5";
  EXPECT_EQ(rd.w(), 0u) << "3 !< -0.75";
  EXPECT_EQ(rd.st(), 0x042C0000u) << "C and the compare queue";
  EXPECT_EQ(rd.w(), 0u) << "NaN ? 1.5";
  EXPECT_EQ(rd.w(), 1u) << "NaN !? 1.5";
  EXPECT_EQ(rd.w(), 1u) << "NaN = NaN";
  EXPECT_EQ(rd.w(), 0u) << "NaN != NaN";
  EXPECT_EQ(rd.st(), 0x04080000u) << "quiet compares raise nothing";
  EXPECT_EQ(rd.w(), 1u) << "NaN < 1.5";
  EXPECT_EQ(rd.st(), 0x80240000u) << "signalling compare sets V";
  // t_mpyadd
  D(5.0, 0, "fmpyadd,dbl product");
  D(3.5, 0, "fmpyadd,dbl sum");
  D(6.25, 0, "fmpysub,dbl product");
  D(1.5, 0, "fmpysub,dbl difference");
  F(4.5f, I, "fmpyadd,sgl product");
  F(fm075 + f01, I, "fmpyadd,sgl sum");
  F(9.0f, I, "fmpysub,sgl product");
  F(f01 - f15, I, "fmpysub,sgl difference");
  // t_mem
  const std::uint32_t memarea = m.sym("memarea"), memout = m.sym("memout");
  DB(0x3333333344444444ull, I, "fldwx,s / fldwx");
  DB(0x3333333344444444ull, I, "flddx,s");
  DB(0x1111111122222222ull, I, "flddx,m");
  EXPECT_EQ(rd.w(), memarea + 1) << "flddx,m base update";
  DB(0x2222222222222222ull, I, "fldws,mb / fldws,ma");
  EXPECT_EQ(rd.w(), memarea + 12) << "fldws,mb / ,ma base updates";
  EXPECT_EQ(rd.w(), memout + 24) << "fstdx,m base update";
  DB(0x2222222200000000ull, I, "fstws,ma");
  DB(0x3333333344444444ull, I, "fstds,ma over fstws,mb");
  DB(0x2222222222222222ull, I, "fstdx,m");
  DB(0x1111111122222222ull, I, "fstdx over fstwx,s");
}

// ---------------------------------------------------------------------------
// qemu-hppa as an oracle: final GRs at BREAK, and GRs before every instruction.

TEST(FpuProgram, AssembledOperationsMatchQemu) {
  REQUIRE_PROGRAM("fp_ops_qemu");
  if (!have_qemu()) GTEST_SKIP() << "qemu-hppa not installed";
  machine m;
  m.load("fp_ops_qemu");
  m.run_to_break();
  const std::optional<qemu_record> q = qemu_at_break("fp_ops_qemu");
  ASSERT_TRUE(q.has_value()) << "qemu-hppa did not stop at BREAK";
  EXPECT_EQ(m.s().gr[28], q->gr[28]) << "hash of the results";
  // QEMU 7.2 keeps the status flags too (fpu_helper.c update_fr0_op).
  EXPECT_EQ(m.s().gr[26], q->gr[26]) << "hash of the status words";
}

class FpuWorkload : public ::testing::TestWithParam<const char*> {};

TEST_P(FpuWorkload, GccFloatAndDoubleCodeMatchesHostAndQemu) {
  const std::string name = std::string("fp_workload_") + GetParam();
  REQUIRE_PROGRAM(name);
  machine m;
  m.load(name);
  m.run_to_break();
  const std::uint32_t expect = host::fp_workload(0x1234567);
  EXPECT_EQ(m.s().gr[28], expect) << name;
  // The text the program formatted equals the host's.
  const std::uint32_t text = m.sym("fp_text");
  const std::string iss_text(reinterpret_cast<const char*>(m.bus.mem.data() + text));
  EXPECT_EQ(iss_text, std::string(host::fp_text));
  EXPECT_NE(iss_text.find("3.141593e+00"), std::string::npos) << iss_text;
  if (!have_qemu()) GTEST_SKIP() << "qemu-hppa not installed";
  const std::optional<qemu_record> q = qemu_at_break(name);
  ASSERT_TRUE(q.has_value()) << "qemu-hppa did not stop at BREAK";
  EXPECT_EQ(m.s().gr[28], q->gr[28]) << "canonical hash";
  EXPECT_EQ(m.s().gr[3], q->gr[3]) << "hash of the raw bit patterns (NaNs included)";
}

INSTANTIATE_TEST_SUITE_P(OptLevels, FpuWorkload, ::testing::Values("O0", "O1", "O2", "O3", "Os"));

class FpuLockstep : public ::testing::TestWithParam<const char*> {};

TEST_P(FpuLockstep, EveryInstructionMatchesQemu) {
  const std::string name = GetParam();
  REQUIRE_PROGRAM(name);
  if (!have_qemu()) GTEST_SKIP() << "qemu-hppa not installed";
  expect_lockstep_with_qemu(name, lockstep_check::FRONT_AND_GRS);
}

INSTANTIATE_TEST_SUITE_P(Programs, FpuLockstep,
                         ::testing::Values("fp_ops_qemu", "fp_workload_O0", "fp_workload_O2",
                                           "fp_workload_Os"));

// ---------------------------------------------------------------------------
// Static glibc programs (printf, strtod, libm). A test-only stand-in for the
// Linux user environment: the initial stack (argv, envp, auxv as glibc's
// hppa start.S and __libc_start_main read them), the gateway page entries
// 0x100 (syscall, number in r20), 0xB0 (LWS compare-and-swap) and 0xE0 (set
// the thread pointer, cr27), and the few syscalls static start-up, stdio and
// exit make. Numbers: /usr/hppa-linux-gnu/include/asm/unistd_32.h; errno
// values of parisc (ENOSYS 251).

struct user_run {
  std::string out;
  int exit_code = -1;
  std::string error;
  std::uint64_t instructions = 0;
};

std::uint32_t elf_phdr_vaddr(const std::string& path, const pavp::elf_image& elf,
                             std::uint32_t& phnum) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return 0;
  std::uint8_t h[52];
  const bool ok = std::fread(h, 1, sizeof h, f) == sizeof h;
  std::fclose(f);
  if (!ok) return 0;
  phnum = (std::uint32_t{h[44]} << 8) | h[45];
  const std::uint32_t phoff = load_be32(h + 28);
  for (const pavp::elf_segment& seg : elf.segments()) {
    if (seg.offset <= phoff && phoff < seg.offset + seg.filesz)
      return seg.vaddr + phoff - seg.offset;
  }
  return 0;
}

user_run run_static_glibc(const std::string& name, std::uint64_t limit = 200'000'000) {
  user_run u;
  machine m;
  m.load(name);
  if (::testing::Test::HasFatalFailure()) return u;
  const std::uint32_t stack = 0x7C0000;  // argv, envp, auxv, strings; sp above
  std::uint32_t phnum = 0;
  const std::uint32_t phdr = elf_phdr_vaddr(program_path(name), m.elf, phnum);
  std::uint32_t brk = 0;
  for (const pavp::elf_segment& seg : m.elf.segments()) {
    brk = std::max(brk, seg.vaddr + seg.memsz);
  }
  brk = (brk + 0xFFFu) & ~0xFFFu;
  const std::uint32_t strings = stack + 0x200, random = stack + 0x300;
  const std::uint32_t words[] = {strings, 0,  // argv
                                 0,           // envp
                                 3,       phdr,   4, 32, 5, phnum, 6, 4096, 9, m.elf.entry(),
                                 25,      random, 0, 0};  // auxv
  for (std::size_t i = 0; i < sizeof words / sizeof words[0]; ++i) {
    m.bus.set_word(stack + 4 * i, words[i]);
  }
  std::memcpy(m.bus.mem.data() + strings, "prog", 5);
  for (unsigned i = 0; i < 16; ++i) m.bus.mem[random + i] = static_cast<std::uint8_t>(i * 37 + 1);
  cpu_state& s = m.s();
  s.gr[25] = 1;      // argc
  s.gr[24] = stack;  // argv
  s.gr[23] = 0;      // no rtld_fini
  s.gr[30] = stack + 0x1000;
  s.gr[31] = m.elf.entry();
  while (u.instructions < limit) {
    const run_result r = m.cpu.run(limit - u.instructions);
    u.instructions += r.executed;
    if (r.reason != stop_reason::TRAP || r.trap != TRAP_BREAK) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "stopped: %s trap %u at 0x%x insn 0x%08x", to_string(r.reason),
                    r.trap, r.pc, r.iir);
      u.error = buf;
      return u;
    }
    const std::uint32_t pc = r.pc & ~3u;
    std::uint32_t* gr = s.gr;
    if (pc == 0x100) {
      std::int32_t ret = -251;  // ENOSYS
      const std::uint32_t a0 = gr[26], a1 = gr[25], a2 = gr[24];
      switch (gr[20]) {
        case 1:    // exit
        case 222:  // exit_group
          u.exit_code = static_cast<int>(a0);
          return u;
        case 4:  // write
          if (a0 == 1 || a0 == 2) {
            u.out.append(reinterpret_cast<const char*>(m.bus.mem.data() + a1), a2);
            ret = static_cast<std::int32_t>(a2);
          } else {
            ret = -9;  // EBADF
          }
          break;
        case 146: {  // writev
          ret = 0;
          for (std::uint32_t i = 0; i < a2; ++i) {
            const std::uint32_t base = m.bus.word(a1 + 8 * i), len = m.bus.word(a1 + 8 * i + 4);
            u.out.append(reinterpret_cast<const char*>(m.bus.mem.data() + base), len);
            ret += static_cast<std::int32_t>(len);
          }
          break;
        }
        case 45:  // brk
          if (a0 >= brk && a0 < stack - 0x10000) brk = a0;
          ret = static_cast<std::int32_t>(brk);
          break;
        case 237:  // set_tid_address
        case 20:   // getpid
        case 206:  // gettid
          ret = 1000;
          break;
        case 76:  // getrlimit: 8 MiB
          m.bus.set_word(a1, 8u << 20);
          m.bus.set_word(a1 + 4, 8u << 20);
          ret = 0;
          break;
        case 339:  // getrandom
          for (std::uint32_t i = 0; i < a1; ++i) m.bus.mem[a0 + i] = static_cast<std::uint8_t>(i);
          ret = static_cast<std::int32_t>(a1);
          break;
        case 85:     // readlink
          ret = -2;  // ENOENT
          break;
        case 54:      // ioctl
          ret = -25;  // ENOTTY
          break;
        case 125:  // mprotect
        case 175:  // rt_sigprocmask
          ret = 0;
          break;
        case 89:      // mmap2
        case 90:      // mmap
          ret = -12;  // ENOMEM: malloc falls back to brk
          break;
        default:  // set_robust_list, statx, fstat64, uname, rseq ...: ENOSYS
          break;
      }
      gr[28] = static_cast<std::uint32_t>(ret);
    } else if (pc == 0xB0) {  // LWS: 0 = 32-bit compare and swap
      if (gr[20] != 0) {
        u.error = "LWS operation " + std::to_string(gr[20]);
        return u;
      }
      const std::uint32_t old = m.bus.word(gr[26]);
      if (old == gr[25]) m.bus.set_word(gr[26], gr[24]);
      gr[28] = old;
      gr[21] = 0;
    } else if (pc == 0xE0) {  // set the thread pointer
      s.cr[27] = gr[26];
    } else {
      char buf[80];
      std::snprintf(buf, sizeof buf, "BREAK at 0x%x", pc);
      u.error = buf;
      return u;
    }
    s.set_pc(gr[31] & ~3u, 3);  // back to the caller of the gateway
  }
  u.error = "instruction limit";
  return u;
}

std::optional<std::string> qemu_stdout(const std::string& name) {
  const command_result r = run_command({PAVP_QEMU_HPPA, program_path(name)});
  if (r.exit_code != 0) return std::nullopt;
  return r.out;
}

class FpuGlibc : public ::testing::TestWithParam<const char*> {};

TEST_P(FpuGlibc, PrintfStrtodAndLibmWriteWhatQemuWrites) {
  const std::string name = std::string("fp_printf_") + GetParam();
  REQUIRE_PROGRAM(name);
  const user_run u = run_static_glibc(name);
  ASSERT_TRUE(u.error.empty()) << u.error << "\noutput so far:\n" << u.out;
  EXPECT_EQ(u.exit_code, 0);
  // PA-RISC's default NaN is positive: glibc prints "nan", where x86 prints "-nan".
  EXPECT_NE(u.out.find("\nnan -nan inf -inf"), std::string::npos) << u.out;
  EXPECT_NE(u.out.find("3.14159|3.141593|3.141593e+00|3.1415926535897931|"), std::string::npos);
  std::printf("%s: %llu instructions\n", name.c_str(),
              static_cast<unsigned long long>(u.instructions));
  if (!have_qemu()) GTEST_SKIP() << "qemu-hppa not installed";
  const std::optional<std::string> q = qemu_stdout(name);
  ASSERT_TRUE(q.has_value()) << "qemu-hppa failed on " << name;
  EXPECT_EQ(u.out, *q);
}

INSTANTIATE_TEST_SUITE_P(OptLevels, FpuGlibc, ::testing::Values("O0", "O1", "O2", "O3", "Os"));

}  // namespace
