// PA-RISC 1.1 instruction decoder. Field positions use PA-RISC big-endian bit
// numbers (bit 0 = MSB), as in parisc-isa.md §2.1.
#include "pavp/cpu/decode.h"

#include "pavp/cpu/fpu.h"

namespace pavp::cpu {
namespace {

// Bits be_lo..be_hi (big-endian numbering) of w, right-aligned.
constexpr std::uint32_t bits(std::uint32_t w, unsigned be_lo, unsigned be_hi) {
  const unsigned n = be_hi - be_lo + 1;
  return (w >> (31 - be_hi)) & ((n == 32) ? ~0u : ((1u << n) - 1));
}
constexpr std::uint32_t bit(std::uint32_t w, unsigned be) {
  return (w >> (31 - be)) & 1u;
}

constexpr std::int32_t sign_extend(std::uint32_t v, unsigned n) {
  const std::uint32_t m = 1u << (n - 1);
  return static_cast<std::int32_t>((v ^ m) - m);
}

// The sign bit is the field's LSB (PA-RISC "low_sign_ext").
constexpr std::int32_t low_sign_ext(std::uint32_t field, unsigned n) {
  return static_cast<std::int32_t>(field >> 1) - static_cast<std::int32_t>((field & 1u) << (n - 1));
}

// Conditional branch displacement (assemble_12), in bytes.
constexpr std::int32_t assemble_12(std::uint32_t w) {
  const std::uint32_t w1 = bits(w, 19, 29);
  const std::uint32_t v = (bit(w, 31) << 11) | ((w1 & 1u) << 10) | (w1 >> 1);
  return sign_extend(v, 12) * 4;
}

// BL / GATE / BE / BLE displacement (assemble_17), in bytes.
constexpr std::int32_t assemble_17(std::uint32_t w) {
  const std::uint32_t w1 = bits(w, 11, 15);
  const std::uint32_t w2 = bits(w, 19, 29);
  const std::uint32_t v = (bit(w, 31) << 16) | (w1 << 11) | ((w2 & 1u) << 10) | (w2 >> 1);
  return sign_extend(v, 17) * 4;
}

// LDIL / ADDIL immediate (assemble_21), already shifted left by 11.
constexpr std::int32_t assemble_21(std::uint32_t w) {
  const std::uint32_t x = bits(w, 11, 31);
  const std::uint32_t v = ((x & 1u) << 20) | (((x >> 1) & 0x7ffu) << 9) | (((x >> 14) & 3u) << 7) |
                          (((x >> 16) & 0x1fu) << 2) | ((x >> 12) & 3u);
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(sign_extend(v, 21)) << 11);
}

// 3-bit space field of MTSP/MFSP/BE/BLE/FIC: s3 = bit18 : bits16..17.
constexpr std::uint8_t space3(std::uint32_t w) {
  return static_cast<std::uint8_t>((bit(w, 18) << 2) | bits(w, 16, 17));
}

decoded_insn make(std::uint32_t w, op code, insn_class cls) {
  decoded_insn d;
  d.raw = w;
  d.code = code;
  d.cls = cls;
  return d;
}

decoded_insn illegal(std::uint32_t w) {
  return make(w, op::ILLEGAL, insn_class::SYSTEM);
}
decoded_insn unimplemented(std::uint32_t w) {
  return make(w, op::UNIMPLEMENTED, insn_class::SYSTEM);
}

decoded_insn decode_system(std::uint32_t w) {
  decoded_insn d = make(w, op::SYSTEM_PRIV, insn_class::SYSTEM);
  d.r2 = static_cast<std::uint8_t>(bits(w, 6, 10));
  d.r1 = static_cast<std::uint8_t>(bits(w, 11, 15));
  d.t = static_cast<std::uint8_t>(bits(w, 27, 31));
  switch (bits(w, 19, 26)) {
    case 0x00:
      d.code = op::BREAK;
      return d;
    case 0x20:
      d.code = op::SYNC;
      return d;
    case 0x25:  // MFSP sr,t
      d.code = op::MFSP;
      d.a = space3(w);
      return d;
    case 0xC1:  // MTSP r,sr
      d.code = op::MTSP;
      d.a = space3(w);
      return d;
    case 0x45:  // MFCTL cr,t (bit 18 set is PA 2.0 mfctl,w)
      if (bit(w, 18)) return illegal(w);
      d.code = op::MFCTL;
      return d;
    case 0xC2:  // MTCTL r,cr
      d.code = op::MTCTL;
      return d;
    case 0x85:  // LDSID (s,b),t
      if (bit(w, 18)) return illegal(w);
      d.code = op::LDSID;
      d.a = static_cast<std::uint8_t>(bits(w, 16, 17));
      return d;
    case 0x6B:  // SSM i,t (i = BE 6..15)
    case 0x73:  // RSM i,t
      d.code = bits(w, 19, 26) == 0x6B ? op::SSM : op::RSM;
      d.imm = static_cast<std::int32_t>(bits(w, 6, 15));
      return d;
    case 0xC3:  // MTSM r
      d.code = op::MTSM;
      return d;
    case 0x60:  // RFI
    case 0x65:  // RFIR
      d.code = op::RFI;
      d.a = bits(w, 19, 26) == 0x65 ? 1 : 0;
      return d;
    default:
      return illegal(w);
  }
}

decoded_insn decode_mem_mgmt(std::uint32_t w) {
  decoded_insn d = make(w, op::CACHE_OP, insn_class::SYSTEM);
  d.r2 = static_cast<std::uint8_t>(bits(w, 6, 10));   // b
  d.r1 = static_cast<std::uint8_t>(bits(w, 11, 15));  // x
  d.m = bit(w, 26) ? 1 : 0;
  // D-side (2-bit space, BE 18..25 = ext8).
  switch (bits(w, 18, 25)) {
    case 0x4A:  // FDC x(s,b)
      d.a = 1;
      d.pos = static_cast<std::uint8_t>(bits(w, 16, 17));
      return d;
    case 0x4B:  // FDCE
      d.a = 2;
      d.pos = static_cast<std::uint8_t>(bits(w, 16, 17));
      return d;
    case 0x4E:  // PDC (privileged)
      d.a = 3;
      d.pos = static_cast<std::uint8_t>(bits(w, 16, 17));
      return d;
    default:
      break;
  }
  // I-side (3-bit space, BE 19..25 = ext7).
  switch (bits(w, 19, 25)) {
    case 0x0A:  // FIC x(s3,b)
      d.a = 4;
      d.pos = static_cast<std::uint8_t>(space3(w) | 8u);  // 8: explicit 3-bit space
      return d;
    case 0x0B:  // FICE
      d.a = 5;
      d.pos = static_cast<std::uint8_t>(space3(w) | 8u);
      return d;
    default:
      break;
  }
  // D-side TLB inserts and purges, PROBE, LPA, LCI (BE 18..25; QEMU
  // insns.decode ixtlbx, pxtlbx, probe, lpa, lci; encodings checked with
  // hppa-linux-gnu-as).
  d.pos = static_cast<std::uint8_t>(bits(w, 16, 17));
  d.t = static_cast<std::uint8_t>(bits(w, 27, 31));
  switch (bits(w, 18, 25)) {
    case 0x40:  // IDTLBP r,(s,b)
    case 0x41:  // IDTLBA r,(s,b)
      d.code = op::TLB_INSERT;
      d.a = static_cast<std::uint8_t>(2 + bit(w, 25));
      d.m = 0;
      return d;
    case 0x48:  // PDTLB x(s,b)
    case 0x49:  // PDTLBE x(s,b)
      d.code = op::TLB_PURGE;
      d.a = static_cast<std::uint8_t>(2 + bit(w, 25));
      return d;
    case 0x46:  // PROBER (s,b),r,t
    case 0x47:  // PROBEW
    case 0xC6:  // PROBERI (s,b),i,t
    case 0xC7:  // PROBEWI
      d.code = op::PROBE;
      d.a = static_cast<std::uint8_t>(bit(w, 25) | (bit(w, 18) << 1));
      d.m = 0;
      return d;
    case 0x4D:  // LPA x(s,b),t
      d.code = op::LPA;
      return d;
    case 0x4C:  // LCI x(s,b),t
      d.code = op::LCI;
      return d;
    default:
      break;
  }
  // I-side inserts and purges (3-bit space, BE 19..25).
  d.pos = static_cast<std::uint8_t>(space3(w) | 8u);
  switch (bits(w, 19, 25)) {
    case 0x00:  // IITLBP r,(s3,b)
    case 0x01:  // IITLBA r,(s3,b)
      d.code = op::TLB_INSERT;
      d.a = static_cast<std::uint8_t>(bit(w, 25));
      d.m = 0;
      return d;
    case 0x08:  // PITLB x(s3,b)
    case 0x09:  // PITLBE x(s3,b)
      d.code = op::TLB_PURGE;
      d.a = static_cast<std::uint8_t>(bit(w, 25));
      return d;
    default:
      return illegal(w);
  }
}

decoded_insn decode_arith(std::uint32_t w) {
  if (bit(w, 26)) return illegal(w);  // the PA 2.0 "d" bit
  decoded_insn d = make(w, op::ILLEGAL, insn_class::ALU);
  d.r2 = static_cast<std::uint8_t>(bits(w, 6, 10));
  d.r1 = static_cast<std::uint8_t>(bits(w, 11, 15));
  d.cond = static_cast<std::uint8_t>(bits(w, 16, 19));
  d.t = static_cast<std::uint8_t>(bits(w, 27, 31));
  const std::uint32_t ext6 = bits(w, 20, 25);
  switch (ext6) {
    case 0x00:
      d.code = op::ANDCM;
      break;
    case 0x08:
      d.code = op::AND;
      break;
    case 0x09:
      d.code = op::OR;
      break;
    case 0x0A:
      d.code = op::XOR;
      break;
    case 0x0E:
      d.code = op::UXOR;
      break;
    case 0x10:
      d.code = op::SUB;
      break;
    case 0x30:
      d.code = op::SUB;
      d.flags = F_TSV;
      break;
    case 0x13:
      d.code = op::SUB;
      d.flags = F_TC;
      break;
    case 0x33:
      d.code = op::SUB;
      d.flags = F_TSV | F_TC;
      break;
    case 0x14:
      d.code = op::SUBB;
      break;
    case 0x34:
      d.code = op::SUBB;
      d.flags = F_TSV;
      break;
    case 0x11:
      d.code = op::DS;
      break;
    case 0x22:
      d.code = op::CMPCLR;
      break;
    case 0x26:
      d.code = op::UADDCM;
      break;
    case 0x27:
      d.code = op::UADDCM;
      d.flags = F_TC;
      break;
    case 0x2E:
    case 0x2F:
      if (d.r1 != 0) return illegal(w);
      d.code = op::DCOR;
      d.flags = (ext6 == 0x2F) ? F_INVERT : 0;
      break;
    case 0x18:
    case 0x19:
    case 0x1A:
    case 0x1B:
      d.code = op::ADD;
      d.a = static_cast<std::uint8_t>(ext6 & 3u);
      break;
    case 0x28:
    case 0x29:
    case 0x2A:
    case 0x2B:
      d.code = op::ADD;
      d.a = static_cast<std::uint8_t>(ext6 & 3u);
      d.flags = F_NOCB;
      break;
    case 0x38:
    case 0x39:
    case 0x3A:
    case 0x3B:
      d.code = op::ADD;
      d.a = static_cast<std::uint8_t>(ext6 & 3u);
      d.flags = F_TSV;
      break;
    case 0x1C:
      d.code = op::ADD;
      d.flags = F_CARRY;
      break;
    case 0x3C:
      d.code = op::ADD;
      d.flags = F_CARRY | F_TSV;
      break;
    default:
      return illegal(w);
  }
  // With the never condition, ADDL and SHnADDL change t alone (no carry or
  // borrow bits, no trap, no nullification): compilers emit them for most
  // additions and address arithmetic. ADD, SHnADD and ADDC without a trap
  // change t and the carry/borrow bits alone.
  if (d.code == op::ADD && d.flags == F_NOCB && d.cond == 0) d.code = op::ADDL;
  if (d.code == op::ADD && (d.flags & ~F_CARRY) == 0 && d.cond == 0) d.code = op::ADDCB;
  return d;
}

// LOAD and STORE without base modification and not absolute become
// LOAD_SIMPLE / STORE_SIMPLE (decode.h); a load's len is its index shift.
decoded_insn simple_mem(decoded_insn d) {
  if (d.m != 0 || (d.flags & F_ABS) != 0) return d;
  if (d.code == op::LOAD) {
    d.code = op::LOAD_SIMPLE;
    d.len = (d.flags & F_SCALE) ? d.a : 0;
  } else if (d.code == op::STORE) {
    d.code = op::STORE_SIMPLE;
  }
  return d;
}

decoded_insn decode_index_mem(std::uint32_t w) {
  decoded_insn d = make(w, op::LOAD, insn_class::LOAD);
  d.r2 = static_cast<std::uint8_t>(bits(w, 6, 10));    // b
  d.r1 = static_cast<std::uint8_t>(bits(w, 11, 15));   // x, im5 or source register
  d.pos = static_cast<std::uint8_t>(bits(w, 16, 17));  // s
  d.t = static_cast<std::uint8_t>(bits(w, 27, 31));
  const bool a_or_u = bit(w, 18) != 0;
  const bool short_disp = bit(w, 19) != 0;
  const bool modify = bit(w, 26) != 0;
  const std::uint32_t ext4 = bits(w, 22, 25);

  auto load_form = [&](decoded_insn& l) {
    if (short_disp) {
      l.imm = low_sign_ext(bits(w, 11, 15), 5);
      l.r1 = 0;
      l.m = modify ? (a_or_u ? -1 : 1) : 0;
    } else {
      if (a_or_u) l.flags |= F_SCALE;
      l.m = modify ? 1 : 0;
    }
  };
  auto store_form = [&](decoded_insn& s) {
    s.imm = low_sign_ext(bits(w, 27, 31), 5);
    s.t = s.r1;  // source register
    s.r1 = 0;
    s.m = modify ? (a_or_u ? -1 : 1) : 0;
  };

  switch (ext4) {
    case 0:
    case 1:
    case 2:  // LDB, LDH, LDW
      d.a = static_cast<std::uint8_t>(ext4);
      load_form(d);
      return d;
    case 6:  // LDWA
      d.a = 2;
      d.flags = F_ABS;
      load_form(d);
      return d;
    case 7:  // LDCW
      d.code = op::LDCW;
      d.a = 2;
      load_form(d);
      return d;
    case 8:
    case 9:
    case 10:  // STB, STH, STW (short displacement only)
      if (!short_disp) return illegal(w);
      d.code = op::STORE;
      d.cls = insn_class::STORE;
      d.a = static_cast<std::uint8_t>(ext4 - 8);
      store_form(d);
      return d;
    case 14:  // STWA
      if (!short_disp) return illegal(w);
      d.code = op::STORE;
      d.cls = insn_class::STORE;
      d.a = 2;
      d.flags = F_ABS;
      store_form(d);
      return d;
    case 12:  // STBY,B / STBY,E
      if (!short_disp) return illegal(w);
      d.code = op::STBY;
      d.cls = insn_class::STORE;
      d.imm = low_sign_ext(bits(w, 27, 31), 5);
      d.t = d.r1;  // source register
      d.r1 = 0;
      d.m = modify ? 1 : 0;
      d.flags = a_or_u ? F_INVERT : 0;  // ,E
      return d;
    default:  // 3, 4, 5, 11, 13, 15: LDD, LDDA, LDCD, STD, STDBY, STDA (PA 2.0)
      return illegal(w);
  }
}

// FLDW/FSTW (0x09) and FLDD/FSTD (0x0B): the 0x03 layout; BE 22 = store,
// BE 25 = right half of a word register (QEMU @fldstwx, %rt64).
decoded_insn decode_fp_mem(std::uint32_t w, bool dbl) {
  if (bits(w, 23, 24) != 0 || (dbl && bit(w, 25))) return unimplemented(w);
  const bool store = bit(w, 22) != 0;
  decoded_insn d =
      make(w, store ? op::FSTORE : op::FLOAD, store ? insn_class::STORE : insn_class::LOAD);
  d.r2 = static_cast<std::uint8_t>(bits(w, 6, 10));
  d.pos = static_cast<std::uint8_t>(bits(w, 16, 17));
  d.t = static_cast<std::uint8_t>(bits(w, 27, 31) | (dbl ? 0u : (bit(w, 25) << 5)));
  d.a = dbl ? 3 : 2;
  const bool a_or_u = bit(w, 18) != 0;
  const bool modify = bit(w, 26) != 0;
  if (bit(w, 19)) {
    d.imm = low_sign_ext(bits(w, 11, 15), 5);
    d.m = modify ? (a_or_u ? -1 : 1) : 0;
  } else {
    d.r1 = static_cast<std::uint8_t>(bits(w, 11, 15));
    if (a_or_u) d.flags |= F_SCALE;
    d.m = modify ? 1 : 0;
  }
  return d;
}

decoded_insn decode_cond_branch(std::uint32_t w, op code, bool f) {
  decoded_insn d = make(w, code, insn_class::BRANCH);
  d.r2 = static_cast<std::uint8_t>(bits(w, 6, 10));
  d.r1 = static_cast<std::uint8_t>(bits(w, 11, 15));
  d.cond = static_cast<std::uint8_t>(bits(w, 16, 18) * 2 + (f ? 1 : 0));
  d.imm = assemble_12(w);
  if (bit(w, 30)) d.flags |= F_NULLIFY;
  if (code == op::CMPIB || code == op::ADDIB || code == op::MOVIB) {
    d.i5 = static_cast<std::int8_t>(low_sign_ext(bits(w, 11, 15), 5));
  }
  return d;
}

decoded_insn decode_imm11(std::uint32_t w, op code) {
  decoded_insn d = make(w, code, insn_class::ALU);
  d.r2 = static_cast<std::uint8_t>(bits(w, 6, 10));  // r
  d.t = static_cast<std::uint8_t>(bits(w, 11, 15));
  d.cond = static_cast<std::uint8_t>(bits(w, 16, 19));
  d.imm = low_sign_ext(bits(w, 21, 31), 11);
  return d;
}

decoded_insn decode_shift_extract(std::uint32_t w) {
  decoded_insn d = make(w, op::ILLEGAL, insn_class::ALU);
  d.r2 = static_cast<std::uint8_t>(bits(w, 6, 10));
  d.r1 = static_cast<std::uint8_t>(bits(w, 11, 15));
  d.cond = static_cast<std::uint8_t>(bits(w, 16, 18));
  const std::uint32_t p = bits(w, 22, 26);
  const std::uint32_t clen = bits(w, 27, 31);
  switch (bits(w, 19, 21)) {
    case 0:  // VSHD r1,r2,t  (t = (r1:r2) >> SAR)
      if (p != 0) return illegal(w);
      d.code = op::VSHD;
      d.t = static_cast<std::uint8_t>(clen);
      return d;
    case 2:  // SHD r1,r2,sa,t ; field = 31 - sa
      d.code = op::SHD;
      d.t = static_cast<std::uint8_t>(clen);
      d.pos = static_cast<std::uint8_t>(31 - p);
      return d;
    case 4:
    case 5:  // VEXTRU / VEXTRS r,len,t
      if (p != 0) return illegal(w);
      d.code = op::VEXTR;
      d.t = d.r1;
      d.r1 = d.r2;  // source
      d.len = static_cast<std::uint8_t>(32 - clen);
      if (bits(w, 19, 21) == 5) d.flags = F_SIGNED;
      return d;
    case 6:
    case 7:  // EXTRU / EXTRS r,p,len,t
      d.code = op::EXTR;
      d.t = d.r1;
      d.r1 = d.r2;
      d.len = static_cast<std::uint8_t>(32 - clen);
      d.pos = static_cast<std::uint8_t>(31 - p);  // LSB index of the field's low end
      if (bits(w, 19, 21) == 7) {
        d.flags = F_SIGNED;
      } else {
        // The unsigned form with its field's mask worked out here (a field
        // that runs past bit 0 is cut there, as the general code does).
        const unsigned len = d.pos + d.len > 32 ? 32u - d.pos : d.len;
        d.code = op::EXTRU;
        d.imm = static_cast<std::int32_t>(low_mask(len));
      }
      return d;
    default:
      return illegal(w);
  }
}

decoded_insn decode_deposit(std::uint32_t w) {
  decoded_insn d = make(w, op::ILLEGAL, insn_class::ALU);
  d.t = static_cast<std::uint8_t>(bits(w, 6, 10));
  d.r1 = static_cast<std::uint8_t>(bits(w, 11, 15));
  d.cond = static_cast<std::uint8_t>(bits(w, 16, 18));
  const std::uint32_t ext3 = bits(w, 19, 21);
  const std::uint32_t cpos = bits(w, 22, 26);
  d.len = static_cast<std::uint8_t>(32 - bits(w, 27, 31));
  if (ext3 & 1u) d.flags = F_MERGE;
  switch (ext3 >> 1) {
    case 0:  // ZVDEP / VDEP r,len,t
      if (cpos != 0) return illegal(w);
      d.code = op::VDEP;
      return d;
    case 1:  // ZDEP / DEP r,p,len,t ; field = 31 - p = left shift
      d.code = op::DEP;
      d.pos = static_cast<std::uint8_t>(cpos);
      return d;
    case 2:  // ZVDEPI / VDEPI i,len,t
      if (cpos != 0) return illegal(w);
      d.code = op::VDEPI;
      d.imm = low_sign_ext(d.r1, 5);
      return d;
    default:  // ZDEPI / DEPI i,p,len,t
      d.code = op::DEPI;
      d.pos = static_cast<std::uint8_t>(cpos);
      d.imm = low_sign_ext(d.r1, 5);
      return d;
  }
}

decoded_insn decode_branch(std::uint32_t w) {
  decoded_insn d = make(w, op::ILLEGAL, insn_class::BRANCH);
  d.t = static_cast<std::uint8_t>(bits(w, 6, 10));
  d.r2 = d.t;
  d.r1 = static_cast<std::uint8_t>(bits(w, 11, 15));
  if (bit(w, 30)) d.flags |= F_NULLIFY;
  switch (bits(w, 16, 18)) {
    case 0:  // BL target,t
      d.code = op::BL;
      d.imm = assemble_17(w);
      return d;
    case 1:  // GATE target,t
      d.code = op::GATE;
      d.imm = assemble_17(w);
      return d;
    case 2:  // BLR x,t
      if (bits(w, 19, 29) != 0 || bit(w, 31)) return illegal(w);
      d.code = op::BLR;
      return d;
    case 6:  // BV x(b)
      if (bits(w, 19, 29) != 0 || bit(w, 31)) return illegal(w);
      d.code = op::BV;
      return d;
    default:  // 3: reserved; 4, 5, 7: PA 2.0 (B,L,PUSH, long BL, BVE)
      return illegal(w);
  }
}

}  // namespace

decoded_insn decode(std::uint32_t w) {
  const std::uint32_t major = w >> 26;
  switch (major) {
    case 0x00:
      return decode_system(w);
    case 0x01:
      return decode_mem_mgmt(w);
    case 0x02:
      return decode_arith(w);
    case 0x03:
      return simple_mem(decode_index_mem(w));
    case 0x05:  // DIAG: implementation-specific, privileged
      return make(w, op::DIAG, insn_class::SYSTEM);
    case 0x09:  // FLDW/FSTW (coprocessor word)
      return decode_fp_mem(w, false);
    case 0x0B:  // FLDD/FSTD
      return decode_fp_mem(w, true);
    case 0x06:  // FMPYADD
    case 0x0C:  // FP 0C format
    case 0x0E:  // FP 0E format (L/R halves) and XMPYU
    case 0x26:  // FMPYSUB
      return decode_fp_op(w);
    case 0x08: {  // LDIL i,t
      decoded_insn d = make(w, op::LDIL, insn_class::ALU);
      d.t = static_cast<std::uint8_t>(bits(w, 6, 10));
      d.imm = assemble_21(w);
      return d;
    }
    case 0x0A: {  // ADDIL i,r  (r1 = r + i)
      decoded_insn d = make(w, op::ADDIL, insn_class::ALU);
      d.r2 = static_cast<std::uint8_t>(bits(w, 6, 10));
      d.t = 1;
      d.imm = assemble_21(w);
      return d;
    }
    case 0x0D: {  // LDO i(b),t
      decoded_insn d = make(w, op::LDO, insn_class::ALU);
      d.r2 = static_cast<std::uint8_t>(bits(w, 6, 10));
      d.t = static_cast<std::uint8_t>(bits(w, 11, 15));
      d.imm = low_sign_ext(bits(w, 18, 31), 14);
      return d;
    }
    case 0x10:
    case 0x11:
    case 0x12:
    case 0x13:
    case 0x18:
    case 0x19:
    case 0x1A:
    case 0x1B: {  // LDB/LDH/LDW/LDWM, STB/STH/STW/STWM: op b, t/r, s, im14
      const bool store = major >= 0x18;
      decoded_insn d =
          make(w, store ? op::STORE : op::LOAD, store ? insn_class::STORE : insn_class::LOAD);
      d.r2 = static_cast<std::uint8_t>(bits(w, 6, 10));
      d.t = static_cast<std::uint8_t>(bits(w, 11, 15));
      d.pos = static_cast<std::uint8_t>(bits(w, 16, 17));
      d.imm = low_sign_ext(bits(w, 18, 31), 14);
      const unsigned sz = major & 3u;
      d.a = static_cast<std::uint8_t>(sz == 3 ? 2 : sz);
      if (sz == 3) d.m = d.imm < 0 ? -1 : 1;  // LDWM/STWM (QEMU neg_to_m)
      return simple_mem(d);
    }
    case 0x20:
      return decode_cond_branch(w, op::CMPB, false);
    case 0x21:
      return decode_cond_branch(w, op::CMPIB, false);
    case 0x22:
      return decode_cond_branch(w, op::CMPB, true);
    case 0x23:
      return decode_cond_branch(w, op::CMPIB, true);
    case 0x28:
      return decode_cond_branch(w, op::ADDB, false);
    case 0x29:
      return decode_cond_branch(w, op::ADDIB, false);
    case 0x2A:
      return decode_cond_branch(w, op::ADDB, true);
    case 0x2B:
      return decode_cond_branch(w, op::ADDIB, true);
    case 0x24: {  // COMICLR i,r,t (bit 20 is the PA 2.0 "d")
      if (bit(w, 20)) return illegal(w);
      return decode_imm11(w, op::CMPICLR);
    }
    case 0x25: {  // SUBI(O) i,r,t
      decoded_insn d = decode_imm11(w, op::SUBI);
      if (bit(w, 20)) d.flags = F_TSV;
      return d;
    }
    case 0x2C: {  // ADDIT(O) = ADDI,TC
      decoded_insn d = decode_imm11(w, op::ADDI);
      d.flags = F_TC | (bit(w, 20) ? F_TSV : 0);
      return d;
    }
    case 0x2D: {  // ADDI(O)
      decoded_insn d = decode_imm11(w, op::ADDI);
      if (bit(w, 20)) d.flags = F_TSV;
      return d;
    }
    case 0x30: {  // BVB,c r,target
      if (bits(w, 6, 10) != 0 || !bit(w, 17) || bit(w, 18)) return illegal(w);
      decoded_insn d = decode_cond_branch(w, op::BVB, false);
      d.cond = static_cast<std::uint8_t>(bit(w, 16));
      return d;
    }
    case 0x31: {  // BB,c r,p,target
      if (!bit(w, 17) || bit(w, 18)) return illegal(w);
      decoded_insn d = decode_cond_branch(w, op::BB, false);
      d.cond = static_cast<std::uint8_t>(bit(w, 16));
      d.pos = static_cast<std::uint8_t>(bits(w, 6, 10));
      return d;
    }
    case 0x32: {  // MOVB,c r1,r2,target (c is the 3-bit shift/extract condition)
      decoded_insn d = decode_cond_branch(w, op::MOVB, false);
      d.cond = static_cast<std::uint8_t>(bits(w, 16, 18));
      return d;
    }
    case 0x33: {  // MOVIB,c i,r,target
      decoded_insn d = decode_cond_branch(w, op::MOVIB, false);
      d.cond = static_cast<std::uint8_t>(bits(w, 16, 18));
      return d;
    }
    case 0x34:
      return decode_shift_extract(w);
    case 0x35:
      return decode_deposit(w);
    case 0x38:
    case 0x39: {  // BE / BLE target(sr,b)
      decoded_insn d = make(w, op::BE, insn_class::BRANCH);
      d.r2 = static_cast<std::uint8_t>(bits(w, 6, 10));
      d.a = space3(w);
      d.imm = assemble_17(w);
      if (bit(w, 30)) d.flags |= F_NULLIFY;
      if (major == 0x39) d.flags |= F_LINK;
      return d;
    }
    case 0x3A:
      return decode_branch(w);
    default:
      return illegal(w);
  }
}

const char* to_string(op code) {
  static const char* const names[] = {
      "undecoded", "illegal",     "unimplemented", "break",   "sync",   "mfsp",  "mtsp",   "mfctl",
      "mtctl",     "ldsid",       "system-priv",   "rfi",     "ssm",    "rsm",   "mtsm",   "diag",
      "cache-op",  "tlb-insert",  "tlb-purge",     "probe",   "lpa",    "lci",   "add",    "addl",
      "addcb",     "sub",         "subb",          "ds",      "cmpclr", "andcm", "and",    "or",
      "xor",       "uxor",        "uaddcm",        "dcor",    "ldil",   "addil", "ldo",    "load",
      "store",     "load-simple", "store-simple",  "ldcw",    "stby",   "fload", "fstore", "xmpyu",
      "fpop",      "addi",        "subi",          "cmpiclr", "cmpb",   "cmpib", "addb",   "addib",
      "bvb",       "bb",          "movb",          "movib",   "vshd",   "shd",   "vextr",  "extr",
      "extru",     "vdep",        "dep",           "vdepi",   "depi",   "bl",    "gate",   "blr",
      "bv",        "be",          "run",           "loop"};
  static_assert(sizeof(names) / sizeof(names[0]) == static_cast<unsigned>(op::COUNT_));
  const auto i = static_cast<unsigned>(code);
  return i < static_cast<unsigned>(op::COUNT_) ? names[i] : "?";
}

}  // namespace pavp::cpu
