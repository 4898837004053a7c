// Decoder of PA-RISC 1.1 instruction words into a pre-extracted form.
//
// The decoder is a switch on the major opcode and then on the sub-opcode; it
// never fails: an encoding that is reserved, PA 2.0-only or not implemented
// decodes to op::ILLEGAL (illegal-instruction trap 8). Field layouts follow
// parisc-isa.md §2, binutils include/opcode/hppa.h and QEMU target/hppa/insns.decode.
#ifndef PAVP_CPU_DECODE_H
#define PAVP_CPU_DECODE_H

#include <cstdint>

namespace pavp::cpu {

enum class op : std::uint8_t {
  UNDECODED = 0,  // a pre-decode cache slot that holds nothing yet
  ILLEGAL,
  UNIMPLEMENTED,  // a valid PA 1.1 encoding not modelled yet
  // 0x00 system
  BREAK,
  SYNC,
  MFSP,
  MTSP,
  MFCTL,
  MTCTL,
  LDSID,
  SYSTEM_PRIV,  // a privileged 0x00 form not modelled (none decodes to it today)
  RFI,          // RFI and RFIR (a = 1)
  SSM,          // SSM i,t (imm = i)
  RSM,          // RSM i,t
  MTSM,         // MTSM r
  DIAG,         // 0x05, implementation-specific: a privileged no-op
  // 0x01 cache maintenance (FDC, FDCE, PDC, FIC, FICE)
  CACHE_OP,
  // 0x01 memory management; pos = space field (| 8: explicit 3-bit I-side)
  TLB_INSERT,  // a: 0 IITLBP, 1 IITLBA, 2 IDTLBP, 3 IDTLBA; r1 = source, r2 = b
  TLB_PURGE,   // a: 0 PITLB, 1 PITLBE, 2 PDTLB, 3 PDTLBE; r1 = x, r2 = b, m
  PROBE,       // a: bit 0 write, bit 1 immediate level (r1 = im5 or r); r2 = b, t
  LPA,         // LPA x(s,b),t
  LCI,         // LCI x(s,b),t
  // 0x02 arithmetic / logical
  ADD,    // also SHnADD (sh), ADDL (flags), ADDO, ADDC, ADDCO
  ADDL,   // ADDL and SHnADDL that never nullify: t = (r1 << sh) + r2, nothing else
  ADDCB,  // ADD, SHnADD and ADDC that never nullify or trap: t and the carry/borrow bits
  SUB,    // SUB, SUBO, SUBT, SUBTO
  SUBB,   // SUB,B and SUBBO
  DS,
  CMPCLR,
  ANDCM,
  AND,
  OR,
  XOR,
  UXOR,
  UADDCM,  // also UADDCMT
  DCOR,    // also IDCOR
  // immediates
  LDIL,
  ADDIL,
  LDO,
  // loads and stores
  LOAD,   // LDB/LDH/LDW/LDWM, indexed and short forms, LDWA
  STORE,  // STB/STH/STW/STWM, short forms, STWA
  // LOAD and STORE without base modification and not absolute -- nearly
  // every one a compiler emits: offset = r2 + (r1 << len) + imm (len: the
  // index's shift, 0 unless scaled; the short forms have r1 = 0), nothing
  // else to choose.
  LOAD_SIMPLE,
  STORE_SIMPLE,
  LDCW,
  STBY,
  FLOAD,   // FLDW / FLDD (indexed and short displacement)
  FSTORE,  // FSTW / FSTD
  XMPYU,
  FPOP,  // FP operation of majors 0x06, 0x0C, 0x0E, 0x26 (pavp/cpu/fpu.h)
  // compare / add immediate
  ADDI,  // ADDI, ADDIO, ADDIT, ADDITO
  SUBI,  // SUBI, SUBIO
  CMPICLR,
  // conditional branches
  CMPB,
  CMPIB,
  ADDB,
  ADDIB,
  BVB,
  BB,
  MOVB,
  MOVIB,
  // shift / extract / deposit
  VSHD,
  SHD,
  VEXTR,
  EXTR,
  EXTRU,  // EXTRU with fixed position: t = (r1 >> pos) & imm (the field's mask), then cond
  VDEP,   // ZVDEP, VDEP
  DEP,    // ZDEP, DEP
  VDEPI,  // ZVDEPI, VDEPI
  DEPI,   // ZDEPI, DEPI
  // unconditional branches
  BL,
  GATE,
  BLR,
  BV,
  BE,  // BE and BLE (flag LINK)
  // Not a decoding: the first slot of a run of plain ALU instructions that
  // the ISS executes as one piece of host code (pavp/cpu/run_translator.h);
  // imm = the run's index.
  RUN,
  // Not a decoding either: a run's first slot that also heads a loop
  // (run_translator::loop_plan); imm = the run's index.
  LOOP,
  COUNT_
};

// Instruction classes for the base cycle cost.
enum class insn_class : std::uint8_t { ALU, LOAD, STORE, BRANCH, SYSTEM, COUNT_ };

// Flags in decoded_insn::flags.
enum : std::uint8_t {
  F_TSV = 0x01,      // trap on signed overflow (,O forms)
  F_TC = 0x02,       // trap on condition
  F_CARRY = 0x04,    // use the carry in (ADDC, SUBB)
  F_NOCB = 0x08,     // leave PSW C/B alone (ADDL)
  F_NULLIFY = 0x10,  // ,N on branches
  F_LINK = 0x20,     // BLE
  F_SIGNED = 0x20,   // EXTRS / VEXTRS (shares the bit; not a branch)
  F_MERGE = 0x40,    // DEP/VDEP/DEPI/VDEPI merge into t (not the Z forms)
  F_INVERT = 0x40,   // IDCOR (shares the bit)
  F_SCALE = 0x40,    // indexed load with ,S (shares the bit)
  F_ABS = 0x80,      // LDWA / STWA: absolute address, privileged
};

struct decoded_insn {
  std::uint32_t raw = 0;
  op code = op::UNDECODED;
  insn_class cls = insn_class::ALU;
  std::uint8_t flags = 0;
  std::uint8_t cond = 0;  // cf = c*2+f (arith/logical/unit), c (shift/extract), or f for BB
  std::uint8_t r1 = 0;    // BE 11..15 (r1, x, r for extract source ...)
  std::uint8_t r2 = 0;    // BE 6..10 (r2, b, t of deposit ...)
  std::uint8_t t = 0;     // target register (FP word registers: bit 5 = right half)
  std::uint8_t a = 0;     // size (log2 bytes), shift count, space field, cache op ...
  std::int8_t m = 0;      // base modification: -1 pre, +1 post, 0 none
  std::uint8_t len = 0;   // extract/deposit length
  std::uint8_t pos = 0;   // shift / position (LSB numbering where noted)
  std::int8_t i5 = 0;     // im5 of CMPIB / ADDIB / MOVIB
  std::int32_t imm = 0;   // immediate / displacement
  // Base cycles of the instruction: not the decoder's; the core that keeps
  // the decoded slot sets it from its class (iss_config::class_cycles).
  std::uint32_t cycles = 0;
};

// The mask of a field of len low bits (all ones from 32 on): the executing
// code's extract and deposit, and the decoder's EXTRU.
inline std::uint32_t low_mask(unsigned len) {
  return len >= 32 ? ~0u : ((1u << len) - 1);
}

// Decodes one instruction word.
decoded_insn decode(std::uint32_t word);

// Mnemonic-ish name of an op, for diagnostics.
const char* to_string(op code);

}  // namespace pavp::cpu

#endif  // PAVP_CPU_DECODE_H
