// Floating-point unit of the PA-RISC 1.1 ISS: decode and execution of the
// FP operations of majors 0x06 (FMPYADD), 0x0C (full-register format),
// 0x0E (L/R half-register format) and 0x26 (FMPYSUB). FP loads/stores and
// XMPYU stay in the core (iss.cpp); they share the register file and the
// status register defined here.
//
// Status register (fr0L), PA-RISC bit numbers (BE) and masks, as QEMU
// target/hppa/cpu.h (FPSR fields) and Linux arch/parisc/math-emu/fpbits.h:
//   V Z O U I flags (BE 0..4), C (BE 5), compare queue CQ (BE 10..20),
//   RM (BE 21..22), T (BE 25), D (BE 26), V Z O U I enables (BE 27..31).
// fr0R..fr3 are the exception registers: on a trapping exception the unit
// writes fr0R = exception type (BE 0..5) : instruction bits 6..31 (the layout
// Linux decode_exc.c reads).
//
// Arithmetic uses the host's IEEE float/double with <cfenv>; NaNs follow
// PA-RISC's convention (QEMU fpu/softfloat-specialize.c.inc, TARGET_HPPA):
// the most significant fraction bit set means *signalling* (snan_bit_is_one),
// a quiet NaN has it clear, the default NaN is 0x7FA00000 / 0x7FF4000000000000
// ("sign bit clear, msb-1 frac bit set"), silencing an sNaN clears the msb and
// sets msb-1, and with two NaN operands the first signalling one wins, then
// the first one (float_2nan_prop_s_ab, set by QEMU's helper_loaded_fr0).
#ifndef PAVP_CPU_FPU_H
#define PAVP_CPU_FPU_H

#include <cstdint>

#include "pavp/cpu/cpu_state.h"
#include "pavp/cpu/decode.h"

namespace pavp::cpu {

// Status register bits (LSB masks of fr0L).
enum : std::uint32_t {
  FPSR_FLAG_V = 0x80000000u,
  FPSR_FLAG_Z = 0x40000000u,
  FPSR_FLAG_O = 0x20000000u,
  FPSR_FLAG_U = 0x10000000u,
  FPSR_FLAG_I = 0x08000000u,
  FPSR_FLAGS = 0xF8000000u,
  FPSR_C = 0x04000000u,
  FPSR_CQ = 0x003FF800u,  // CQ0 = 0x00200000 ... CQ10 = 0x00000800
  FPSR_CQ0 = 0x00200000u,
  FPSR_RM = 0x00000600u,
  FPSR_T = 0x00000040u,
  FPSR_D = 0x00000020u,
  FPSR_ENA_V = 0x10u,
  FPSR_ENA_Z = 0x08u,
  FPSR_ENA_O = 0x04u,
  FPSR_ENA_U = 0x02u,
  FPSR_ENA_I = 0x01u,
  FPSR_ENABLES = 0x1Fu,
};

// Exception types of the exception registers (Linux math-emu float.h).
enum : std::uint32_t {
  FP_EXC_INVALID = 0x20,
  FP_EXC_DIVZERO = 0x10,
  FP_EXC_OVERFLOW = 0x08,
  FP_EXC_UNDERFLOW = 0x04,
  FP_EXC_INEXACT = 0x02,
  FP_EXC_UNIMPLEMENTED = 0x01,
};

// The operation of a decoded op::FPOP (decoded_insn::a).
enum class fp_kind : std::uint8_t {
  FID,
  FCPY,
  FABS,
  FSQRT,
  FRND,
  FADD,
  FSUB,
  FMPY,
  FDIV,
  FREM,
  FCNVFF,
  FCNVXF,
  FCNVFX,
  FCNVFXT,
  FCMP,
  FTEST,
  FMPYADD,
  FMPYSUB,
  UNIMPLEMENTED_FORMAT,  // quad operands: unimplemented exception (trap 14)
  OTHER_COPROCESSOR,     // a COPR unit id other than the FPU: assist emulation (trap 22)
};

// decoded_insn::flags of an FPOP: the source / target operand is double
// (or 64-bit fixed); otherwise single (or 32-bit fixed).
enum : std::uint8_t {
  F_FP_SRC_DBL = 0x01,
  F_FP_DST_DBL = 0x02,
};

// Decodes majors 0x06, 0x0C, 0x0E and 0x26 (XMPYU included). Register
// numbers of word operands are 0..63 (32..63 = right halves), of double
// operands 0..31. FMPYADD/FMPYSUB: r1 = rm1, r2 = rm2, t = tm, pos = ra,
// len = ta. FCMP: cond = the 5-bit condition. FTEST: cond = the queue test.
decoded_insn decode_fp_op(std::uint32_t word);

// Executes a decoded op::FPOP on s. Returns 0, or the number of the trap the
// instruction raises (it then changes nothing but the T bit and the
// exception register fr0R). Sets nullify_next for FTEST. The caller has
// checked CCR.
unsigned fp_execute(cpu_state& s, const decoded_insn& d, bool& nullify_next);

// The status register value after an FSTW/FSTD of fr0 has read it: T is
// cleared (Linux relies on it: processor.c init_per_cpu, the fpe handler).
inline void fp_status_stored(cpu_state& s) {
  s.fr[0] &= ~(std::uint64_t{FPSR_T} << 32);
}

}  // namespace pavp::cpu

#endif  // PAVP_CPU_FPU_H
