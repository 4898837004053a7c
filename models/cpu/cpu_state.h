// Architectural state of a PA-RISC 1.1 CPU (32-bit), as the ISS core keeps it.
//
// Bit positions in comments use PA-RISC's big-endian numbering (bit 0 = MSB);
// masks are ordinary C values.
#ifndef PAVP_CPU_CPU_STATE_H
#define PAVP_CPU_CPU_STATE_H

#include <cstdint>

namespace pavp::cpu {

// PSW bits (PA 1.1 manual; Linux asm/psw.h). The carry/borrow bits C/B{0..7}
// (0x0000ff00) and N and V are kept outside `psw` by the core; cpu_state::get_psw()
// folds them back in.
enum : std::uint32_t {
  PSW_Y = 0x80000000u,
  PSW_Z = 0x40000000u,
  PSW_E = 0x04000000u,
  PSW_S = 0x02000000u,
  PSW_T = 0x01000000u,
  PSW_H = 0x00800000u,
  PSW_L = 0x00400000u,
  PSW_N = 0x00200000u,
  PSW_X = 0x00100000u,
  PSW_B = 0x00080000u,
  PSW_C = 0x00040000u,
  PSW_V = 0x00020000u,
  PSW_M = 0x00010000u,
  PSW_CB = 0x0000ff00u,
  PSW_G = 0x00000040u,
  PSW_F = 0x00000020u,
  PSW_R = 0x00000010u,
  PSW_Q = 0x00000008u,
  PSW_P = 0x00000004u,
  PSW_D = 0x00000002u,
  PSW_I = 0x00000001u,
};

// Control register numbers.
enum : unsigned {
  CR_RC = 0,
  CR_PID1 = 8,
  CR_PID2 = 9,
  CR_CCR = 10,
  CR_SAR = 11,
  CR_PID3 = 12,
  CR_PID4 = 13,
  CR_IVA = 14,
  CR_EIEM = 15,
  CR_ITMR = 16,
  CR_IIASQ = 17,
  CR_IIAOQ = 18,
  CR_IIR = 19,
  CR_ISR = 20,
  CR_IOR = 21,
  CR_IPSW = 22,
  CR_EIRR = 23,
};

// Interruption numbers (vector = IVA + 32 * n). 26..28 follow PCX-T and later
// CPUs and QEMU (parisc-isa.md §4).
enum : unsigned {
  TRAP_HPMC = 1,
  TRAP_POWER_FAIL = 2,
  TRAP_RECOVERY_COUNTER = 3,
  TRAP_EXTERNAL = 4,
  TRAP_LPMC = 5,
  TRAP_ITLB_MISS = 6,
  TRAP_IMEM_PROTECTION = 7,
  TRAP_ILLEGAL = 8,
  TRAP_BREAK = 9,
  TRAP_PRIV_OPERATION = 10,
  TRAP_PRIV_REGISTER = 11,
  TRAP_OVERFLOW = 12,
  TRAP_CONDITIONAL = 13,
  TRAP_ASSIST_EXCEPTION = 14,
  TRAP_DTLB_MISS = 15,
  TRAP_NA_ITLB_MISS = 16,
  TRAP_NA_DTLB_MISS = 17,
  TRAP_DMEM_PROTECTION = 18,
  TRAP_DMEM_BREAK = 19,
  TRAP_TLB_DIRTY = 20,
  TRAP_PAGE_REFERENCE = 21,
  TRAP_ASSIST_EMULATION = 22,
  TRAP_HIGHER_PRIV_TRANSFER = 23,
  TRAP_LOWER_PRIV_TRANSFER = 24,
  TRAP_TAKEN_BRANCH = 25,
  TRAP_DMEM_ACCESS_RIGHTS = 26,
  TRAP_DMEM_PID = 27,
  TRAP_UNALIGNED = 28,
};

struct cpu_state {
  std::uint32_t gr[32] = {};  // gr[0] is always 0
  std::uint32_t sr[8] = {};
  std::uint32_t cr[32] = {};
  std::uint32_t cr_back[2] = {};  // back entries of IIASQ (cr17) and IIAOQ (cr18)
  std::uint32_t shadow[7] = {};   // r1, r8, r9, r16, r17, r24, r25 at interruption

  // PSW without N, V and C/B, which live below.
  std::uint32_t psw = 0;
  bool psw_n = false;  // nullify the instruction at IAOQ_Front
  bool psw_v = false;  // divide-step correction
  bool psw_b = false;  // the previous instruction was a taken branch
  // Carry-out vector of the last carry-producing operation: bit i (LSB
  // numbering) = carry out of bit i. C/B{k} of the PSW is bit 4*(7-k)+3, so
  // the word carry (PSW 0x8000) is bit 31.
  std::uint32_t cb = 0;

  // Instruction address queue. The low two bits of each IAOQ entry hold the
  // privilege level (0 = most privileged, 3 = user).
  std::uint32_t iaoq_f = 0, iaoq_b = 4;
  std::uint32_t iasq_f = 0, iasq_b = 0;

  // Floating-point registers fr0..fr31; the left (L) half of each is the
  // high word. Word operands name halves: index 0..31 = L, 32..63 = R.
  std::uint64_t fr[32] = {};

  std::uint32_t frw(unsigned i) const {
    return static_cast<std::uint32_t>(fr[i & 31u] >> ((i & 32u) ? 0 : 32));
  }
  void set_frw(unsigned i, std::uint32_t v) {
    const unsigned sh = (i & 32u) ? 0 : 32;
    fr[i & 31u] = (fr[i & 31u] & ~(std::uint64_t{0xffffffffu} << sh)) | (std::uint64_t{v} << sh);
  }

  bool carry() const { return (cb >> 31) != 0; }
  unsigned privilege() const { return iaoq_f & 3u; }
  std::uint32_t sar() const { return cr[11] & 31u; }
  // The FPU is enabled by CCR (cr10) bits 0x80/0x40 (Linux writes 0xC0).
  bool fpu_enabled() const { return (cr[10] & 0xC0u) != 0; }

  // The PSW as MFCTL IPSW / an interruption would see it.
  std::uint32_t get_psw() const {
    std::uint32_t v = psw & ~(PSW_N | PSW_V | PSW_B | PSW_CB);
    if (psw_n) v |= PSW_N;
    if (psw_v) v |= PSW_V;
    if (psw_b) v |= PSW_B;
    for (unsigned k = 0; k < 8; ++k) {
      if ((cb >> (4 * k + 3)) & 1u) v |= 0x100u << k;
    }
    return v;
  }
  void set_psw(std::uint32_t v) {
    psw = v & ~(PSW_N | PSW_V | PSW_B | PSW_CB);
    psw_n = (v & PSW_N) != 0;
    psw_v = (v & PSW_V) != 0;
    psw_b = (v & PSW_B) != 0;
    cb = 0;
    for (unsigned k = 0; k < 8; ++k) {
      if (v & (0x100u << k)) cb |= 1u << (4 * k + 3);
    }
  }

  // Sets both queue entries for sequential execution from pc at privilege pl.
  void set_pc(std::uint32_t pc, unsigned pl = 0, std::uint32_t space = 0) {
    iaoq_f = (pc & ~3u) | (pl & 3u);
    iaoq_b = iaoq_f + 4;
    iasq_f = iasq_b = space;
  }
};

}  // namespace pavp::cpu

#endif  // PAVP_CPU_CPU_STATE_H
