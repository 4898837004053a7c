// PA-RISC 1.1 floating-point operations (see fpu.h).
//
// Encodings: binutils include/opcode/hppa.h (the pa10/pa11 rows are PA 1.1;
// FNEG, FNEGABS, the unsigned FCNV forms, FMPYFADD and targeted FCMP/FTEST are
// pa20 and decode as illegal here), checked against hppa-linux-gnu-as 2.40,
// and QEMU target/hppa/insns.decode (@f0c_*, @f0e_*, @mpyadd). Semantics:
// QEMU target/hppa/fpu_helper.c and translate.c (update_fr0_cmp, trans_ftest,
// trans_fid_f, load_frw0_i32/load_frd0: fr0 as a source operand reads as 0).
#include "pavp/cpu/fpu.h"

#include <cfenv>
#include <cmath>
#include <cstring>
#include <limits>

namespace pavp::cpu {
namespace {

constexpr std::uint32_t bits(std::uint32_t w, unsigned be_lo, unsigned be_hi) {
  return (w >> (31 - be_hi)) & ((1u << (be_hi - be_lo + 1)) - 1);
}
constexpr std::uint32_t bit(std::uint32_t w, unsigned be) {
  return (w >> (31 - be)) & 1u;
}

decoded_insn make(std::uint32_t w, fp_kind kind) {
  decoded_insn d;
  d.raw = w;
  d.code = op::FPOP;
  d.cls = insn_class::ALU;
  d.a = static_cast<std::uint8_t>(kind);
  return d;
}
decoded_insn illegal(std::uint32_t w) {
  decoded_insn d;
  d.raw = w;
  d.code = op::ILLEGAL;
  d.cls = insn_class::SYSTEM;
  return d;
}

// Operand register number: full register for double, word index
// (32..63 = right half) for single.
std::uint8_t reg(std::uint32_t r5, std::uint32_t half, bool dbl) {
  return static_cast<std::uint8_t>(dbl ? r5 : (r5 | (half << 5)));
}

// FMPYADD/FMPYSUB single operands name fr16..fr31; field bit 4 selects the
// right half (QEMU fmpyadd_s_reg; hppa-linux-gnu-as: fr16R encodes as 16).
std::uint8_t mpyadd_reg(std::uint32_t r5, bool dbl) {
  if (dbl) return static_cast<std::uint8_t>(r5);
  return static_cast<std::uint8_t>((16u + (r5 & 15u)) | ((r5 & 16u) << 1));
}

// Major 0x06 / 0x26: op rm1(6..10) rm2(11..15) ta(16..20) ra(21..25) f(26)
// tm(27..31); f = 1 is single (binutils 'H' operand, assembler round trip).
decoded_insn decode_mpyadd(std::uint32_t w) {
  decoded_insn d = make(w, (w >> 26) == 0x06 ? fp_kind::FMPYADD : fp_kind::FMPYSUB);
  const bool dbl = bit(w, 26) == 0;
  d.r1 = mpyadd_reg(bits(w, 6, 10), dbl);
  d.r2 = mpyadd_reg(bits(w, 11, 15), dbl);
  d.len = mpyadd_reg(bits(w, 16, 20), dbl);  // ta
  d.pos = mpyadd_reg(bits(w, 21, 25), dbl);  // ra
  d.t = mpyadd_reg(bits(w, 27, 31), dbl);    // tm
  d.flags = dbl ? (F_FP_SRC_DBL | F_FP_DST_DBL) : 0;
  return d;
}

// Shared by both formats once the fields are extracted.
// cls: class (BE 21..22); sub: BE 16..18 for classes 0/2/3, BE 14..16 for 1.
decoded_insn decode_class(std::uint32_t w, bool e_format) {
  const std::uint32_t cls = bits(w, 21, 22);
  const std::uint32_t r1f = bits(w, 6, 10);
  const std::uint32_t r2f = bits(w, 11, 15);
  const std::uint32_t tf = bits(w, 27, 31);
  // 0x0E half bits: r1 BE 24, r2 BE 19, t BE 25 (QEMU %ra64 %rb64 %rt64).
  const std::uint32_t h1 = e_format ? bit(w, 24) : 0;
  const std::uint32_t h2 = e_format ? bit(w, 19) : 0;
  const std::uint32_t ht = e_format ? bit(w, 25) : 0;
  // Format: 0C: 2 bits (0 sgl, 1 dbl, 2 reserved, 3 quad); 0E: 1 bit (BE 20).
  auto fmt_of = [&](unsigned be_hi) -> std::uint32_t {
    return e_format ? bit(w, be_hi) : bits(w, be_hi - 1, be_hi);
  };

  if (cls == 1) {  // conversions: sub BE 14..16, df BE 17..18, sf BE 19..20
    if (bits(w, 11, 13) != 0) return illegal(w);
    const std::uint32_t sub = bits(w, 14, 16);
    const std::uint32_t df = fmt_of(18);
    const std::uint32_t sf = fmt_of(20);
    fp_kind kind;
    switch (sub) {
      case 0:
        kind = fp_kind::FCNVFF;
        break;
      case 1:
        kind = fp_kind::FCNVXF;
        break;
      case 2:
        kind = fp_kind::FCNVFX;
        break;
      case 3:
        kind = fp_kind::FCNVFXT;
        break;
      default:  // 5..7: unsigned forms (PA 2.0); 4: reserved
        return illegal(w);
    }
    if (df == 2 || sf == 2) return illegal(w);
    if (df == 3 || sf == 3) return make(w, fp_kind::UNIMPLEMENTED_FORMAT);
    decoded_insn d = make(w, kind);
    d.r1 = reg(r1f, h1, sf == 1);
    d.t = reg(tf, ht, df == 1);
    d.flags =
        static_cast<std::uint8_t>((sf == 1 ? F_FP_SRC_DBL : 0) | (df == 1 ? F_FP_DST_DBL : 0));
    return d;
  }

  const std::uint32_t sub = bits(w, 16, 18);
  const std::uint32_t fmt = fmt_of(20);
  if (fmt == 2) return illegal(w);
  const bool dbl = fmt == 1;
  const std::uint8_t dflags = dbl ? (F_FP_SRC_DBL | F_FP_DST_DBL) : 0;

  if (cls == 0) {
    if (r2f != 0) return illegal(w);
    fp_kind kind;
    switch (sub) {
      case 0:  // FID (0x30000000 only)
        if (w != 0x30000000u) return illegal(w);
        return make(w, fp_kind::FID);
      case 2:
        kind = fp_kind::FCPY;
        break;
      case 3:
        kind = fp_kind::FABS;
        break;
      case 4:
        kind = fp_kind::FSQRT;
        break;
      case 5:
        kind = fp_kind::FRND;
        break;
      default:  // 1: reserved; 6, 7: FNEG, FNEGABS (PA 2.0)
        return illegal(w);
    }
    if (fmt == 3) return make(w, fp_kind::UNIMPLEMENTED_FORMAT);
    decoded_insn d = make(w, kind);
    d.r1 = reg(r1f, h1, dbl);
    d.t = reg(tf, ht, dbl);
    d.flags = dflags;
    return d;
  }

  if (cls == 2) {
    if (!e_format && bit(w, 26)) {
      // FTEST: 0x30002420 (binutils pa10), and the compare-queue tests QEMU
      // decodes with y = 1 (acc, rej, acc8, rej8, acc6, acc4, acc2).
      if (r1f != 0 || r2f != 0 || sub != 1 || fmt != 0) return illegal(w);
      switch (tf) {
        case 0:
        case 1:
        case 2:
        case 5:
        case 6:
        case 9:
        case 13:
        case 17: {
          decoded_insn d = make(w, fp_kind::FTEST);
          d.cond = static_cast<std::uint8_t>(tf);
          return d;
        }
        default:
          return illegal(w);
      }
    }
    // FCMP: y (BE 16..18) must be 0 on PA 1.1 (targeted compares are PA 2.0).
    if (sub != 0) return illegal(w);
    if (fmt == 3) return make(w, fp_kind::UNIMPLEMENTED_FORMAT);
    decoded_insn d = make(w, fp_kind::FCMP);
    d.r1 = reg(r1f, h1, dbl);
    d.r2 = reg(r2f, h2, dbl);
    d.cond = static_cast<std::uint8_t>(tf);
    d.flags = dflags;
    return d;
  }

  // Class 3: FADD FSUB FMPY FDIV FREM.
  fp_kind kind;
  switch (sub) {
    case 0:
      kind = fp_kind::FADD;
      break;
    case 1:
      kind = fp_kind::FSUB;
      break;
    case 2:
      kind = fp_kind::FMPY;
      break;
    case 3:
      kind = fp_kind::FDIV;
      break;
    case 4:
      kind = fp_kind::FREM;
      break;
    default:
      return illegal(w);
  }
  if (fmt == 3) return make(w, fp_kind::UNIMPLEMENTED_FORMAT);
  decoded_insn d = make(w, kind);
  d.r1 = reg(r1f, h1, dbl);
  d.r2 = reg(r2f, h2, dbl);
  d.t = reg(tf, ht, dbl);
  d.flags = dflags;
  return d;
}

// ---- IEEE helpers ------------------------------------------------------------

template <class F>
struct fp_traits;
template <>
struct fp_traits<float> {
  using bits_t = std::uint32_t;
  static constexpr bits_t EXP = 0x7F800000u;
  static constexpr bits_t FRAC = 0x007FFFFFu;
  static constexpr bits_t QBIT = 0x00400000u;  // set = signalling on PA-RISC
  static constexpr bits_t DEFAULT_NAN = 0x7FA00000u;
};
template <>
struct fp_traits<double> {
  using bits_t = std::uint64_t;
  static constexpr bits_t EXP = 0x7FF0000000000000ull;
  static constexpr bits_t FRAC = 0x000FFFFFFFFFFFFFull;
  static constexpr bits_t QBIT = 0x0008000000000000ull;
  static constexpr bits_t DEFAULT_NAN = 0x7FF4000000000000ull;
};

template <class F>
bool is_nan(typename fp_traits<F>::bits_t b) {
  using T = fp_traits<F>;
  return (b & T::EXP) == T::EXP && (b & T::FRAC) != 0;
}
template <class F>
bool is_snan(typename fp_traits<F>::bits_t b) {
  return is_nan<F>(b) && (b & fp_traits<F>::QBIT) != 0;
}
template <class F>
typename fp_traits<F>::bits_t silence(typename fp_traits<F>::bits_t b) {
  using T = fp_traits<F>;
  return is_snan<F>(b) ? ((b & ~T::QBIT) | (T::QBIT >> 1)) : b;
}
template <class F>
F to_host(typename fp_traits<F>::bits_t b) {
  F f;
  std::memcpy(&f, &b, sizeof f);
  return f;
}
template <class F>
typename fp_traits<F>::bits_t from_host(F f) {
  typename fp_traits<F>::bits_t b;
  std::memcpy(&b, &f, sizeof b);
  if (is_nan<F>(b)) b = fp_traits<F>::DEFAULT_NAN;  // a NaN the host made
  return b;
}

// NaN operands (float_2nan_prop_s_ab): the first signalling NaN (silenced),
// else the first NaN. Returns false when neither operand is a NaN.
template <class F>
bool propagate_nan(typename fp_traits<F>::bits_t a, typename fp_traits<F>::bits_t b, bool binary,
                   typename fp_traits<F>::bits_t& out, std::uint32_t& flags) {
  const bool na = is_nan<F>(a);
  const bool nb = binary && is_nan<F>(b);
  if (!na && !nb) return false;
  const bool sa = is_snan<F>(a);
  const bool sb = binary && is_snan<F>(b);
  if (sa || sb) flags |= FPSR_FLAG_V;
  if (sa) {
    out = silence<F>(a);
  } else if (sb) {
    out = silence<F>(b);
  } else {
    out = na ? a : b;
  }
  return true;
}

// The host rounding mode follows RM around one operation; the host flags are
// cleared before and read after it. The host runs round-to-nearest otherwise.
class host_fenv {
 public:
  explicit host_fenv(unsigned rm) : m_rm(rm) {
    std::feclearexcept(FE_ALL_EXCEPT);
    if (m_rm != 0) {
      static constexpr int modes[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};
      std::fesetround(modes[m_rm]);
    }
  }
  ~host_fenv() {
    if (m_rm != 0) std::fesetround(FE_TONEAREST);
  }
  host_fenv(const host_fenv&) = delete;
  host_fenv& operator=(const host_fenv&) = delete;

  std::uint32_t flags() const {
    const int e = std::fetestexcept(FE_ALL_EXCEPT);
    std::uint32_t f = 0;
    if (e & FE_INVALID) f |= FPSR_FLAG_V;
    if (e & FE_DIVBYZERO) f |= FPSR_FLAG_Z;
    if (e & FE_OVERFLOW) f |= FPSR_FLAG_O;
    if (e & FE_UNDERFLOW) f |= FPSR_FLAG_U;
    if (e & FE_INEXACT) f |= FPSR_FLAG_I;
    return f;
  }

 private:
  unsigned m_rm;
};

// Keeps the compiler from moving a host FP operation across the flag reads.
template <class F>
F barrier(F v) {
  volatile F keep = v;
  return keep;
}

template <class F>
typename fp_traits<F>::bits_t arith(fp_kind k, typename fp_traits<F>::bits_t a,
                                    typename fp_traits<F>::bits_t b, unsigned rm,
                                    std::uint32_t& flags) {
  typename fp_traits<F>::bits_t out;
  const bool binary = k != fp_kind::FSQRT && k != fp_kind::FRND;
  if (propagate_nan<F>(a, b, binary, out, flags)) return out;
  if (k == fp_kind::FRND) {
    // Round to an integral value in the current rounding mode, computed per
    // mode (the compiler's inline rint assumes round-to-nearest).
    const F x = to_host<F>(a);
    const F r = rm == 1   ? std::trunc(x)
                : rm == 2 ? std::ceil(x)
                : rm == 3 ? std::floor(x)
                          : std::nearbyint(x);
    if (r != x) flags |= FPSR_FLAG_I;
    return from_host<F>(r);
  }
  // Operands pass through volatile objects read after the rounding mode is
  // set, so that the compiler cannot hoist the operation above fesetround.
  volatile F vx = to_host<F>(a);
  volatile F vy = to_host<F>(b);
  host_fenv env(rm);
  const F x = vx;
  const F y = vy;
  F r;
  switch (k) {
    case fp_kind::FADD:
    case fp_kind::FMPYADD:
      r = barrier<F>(x + y);
      break;
    case fp_kind::FSUB:
    case fp_kind::FMPYSUB:
      r = barrier<F>(x - y);
      break;
    case fp_kind::FMPY:
      r = barrier<F>(x * y);
      break;
    case fp_kind::FDIV:
      r = barrier<F>(x / y);
      break;
    case fp_kind::FREM:
      r = barrier<F>(std::remainder(x, y));
      break;
    default:  // FSQRT
      r = barrier<F>(std::sqrt(x));
      break;
  }
  flags |= env.flags();
  return from_host<F>(r);
}

// Float -> fixed (32- or 64-bit). NaN gives the largest positive integer, an
// out-of-range value the largest of its sign, both with invalid (QEMU 7.2
// softfloat parts_float_to_sint).
template <class F, class I>
I to_fixed(typename fp_traits<F>::bits_t a, bool truncate, unsigned rm, std::uint32_t& flags) {
  constexpr I max = std::numeric_limits<I>::max();
  constexpr I min = std::numeric_limits<I>::min();
  if (is_nan<F>(a)) {
    flags |= FPSR_FLAG_V;
    return max;
  }
  const double x = static_cast<double>(to_host<F>(a));  // exact
  double r;
  if (truncate) {
    r = std::trunc(x);
  } else {
    switch (rm) {
      case 1:
        r = std::trunc(x);
        break;
      case 2:
        r = std::ceil(x);
        break;
      case 3:
        r = std::floor(x);
        break;
      default:
        r = std::nearbyint(x);  // the host runs round-to-nearest-even
        break;
    }
  }
  const double limit = -static_cast<double>(min);  // 2^31 or 2^63
  if (r >= limit || r < -limit) {
    flags |= FPSR_FLAG_V;
    return r < 0 ? min : max;
  }
  if (r != x) flags |= FPSR_FLAG_I;
  return static_cast<I>(r);
}

template <class I, class F>
typename fp_traits<F>::bits_t from_fixed(I v, unsigned rm, std::uint32_t& flags) {
  host_fenv env(rm);
  volatile I in = v;
  const F r = barrier<F>(static_cast<F>(in));
  flags |= env.flags();
  return from_host<F>(r);
}

std::uint32_t dbl_to_sgl(std::uint64_t a, unsigned rm, std::uint32_t& flags) {
  if (is_nan<double>(a)) {
    if (is_snan<double>(a)) flags |= FPSR_FLAG_V;
    const std::uint64_t q = silence<double>(a);
    const auto frac = static_cast<std::uint32_t>((q & fp_traits<double>::FRAC) >> 29);
    if (frac == 0) return fp_traits<float>::DEFAULT_NAN;
    return static_cast<std::uint32_t>(q >> 32 & 0x80000000u) | fp_traits<float>::EXP | frac;
  }
  host_fenv env(rm);
  volatile double in = to_host<double>(a);
  const float r = barrier<float>(static_cast<float>(in));
  flags |= env.flags();
  return from_host<float>(r);
}

std::uint64_t sgl_to_dbl(std::uint32_t a, std::uint32_t& flags) {
  if (is_nan<float>(a)) {
    if (is_snan<float>(a)) flags |= FPSR_FLAG_V;
    const std::uint32_t q = silence<float>(a);
    return (std::uint64_t{q & 0x80000000u} << 32) | fp_traits<double>::EXP |
           (std::uint64_t{q & fp_traits<float>::FRAC} << 29);
  }
  return from_host<double>(static_cast<double>(to_host<float>(a)));  // exact
}

// Relation for FCMP: 0 greater, 1 less, 2 equal, 3 unordered.
template <class F>
unsigned compare(typename fp_traits<F>::bits_t a, typename fp_traits<F>::bits_t b, bool signalling,
                 std::uint32_t& flags) {
  if (is_nan<F>(a) || is_nan<F>(b)) {
    if (signalling || is_snan<F>(a) || is_snan<F>(b)) flags |= FPSR_FLAG_V;
    return 3;
  }
  const F x = to_host<F>(a);
  const F y = to_host<F>(b);
  return x > y ? 0 : (x < y ? 1 : 2);
}

// ---- register access ------------------------------------------------------------

std::uint32_t read_w(const cpu_state& s, unsigned r) {
  return r == 0 ? 0u : s.frw(r);  // fr0L reads as 0 (QEMU load_frw0_i32)
}
std::uint64_t read_d(const cpu_state& s, unsigned r) {
  return r == 0 ? 0u : s.fr[r];  // fr0 reads as 0 (QEMU load_frd0)
}
std::uint64_t read_op(const cpu_state& s, unsigned r, bool dbl) {
  return dbl ? read_d(s, r) : read_w(s, r);
}
void write_op(cpu_state& s, unsigned r, bool dbl, std::uint64_t v) {
  if (dbl) {
    s.fr[r & 31u] = v;
  } else {
    s.set_frw(r, static_cast<std::uint32_t>(v));
  }
}

std::uint64_t arith_op(fp_kind k, std::uint64_t a, std::uint64_t b, bool dbl, unsigned rm,
                       std::uint32_t& flags) {
  if (dbl) return arith<double>(k, a, b, rm, flags);
  return arith<float>(k, static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b), rm, flags);
}

// Exception type of the exception register for the enabled exceptions.
std::uint32_t exception_type(std::uint32_t trapping_flags) {
  std::uint32_t e = 0;
  if (trapping_flags & FPSR_FLAG_V) e |= FP_EXC_INVALID;
  if (trapping_flags & FPSR_FLAG_Z) e |= FP_EXC_DIVZERO;
  if (trapping_flags & FPSR_FLAG_O) e |= FP_EXC_OVERFLOW;
  if (trapping_flags & FPSR_FLAG_U) e |= FP_EXC_UNDERFLOW;
  if (trapping_flags & FPSR_FLAG_I) e |= FP_EXC_INEXACT;
  return e;
}

// An exception trap: the target is not written; T is set and the exception
// register fr0R names the exception and the instruction.
unsigned raise_trap(cpu_state& s, std::uint32_t type, std::uint32_t word) {
  const std::uint32_t status = static_cast<std::uint32_t>(s.fr[0] >> 32) | FPSR_T;
  const std::uint32_t excp = (type << 26) | (word & 0x03FFFFFFu);
  s.fr[0] = (std::uint64_t{status} << 32) | excp;
  return TRAP_ASSIST_EXCEPTION;
}

}  // namespace

decoded_insn decode_fp_op(std::uint32_t w) {
  const std::uint32_t major = w >> 26;
  if (major == 0x06 || major == 0x26) return decode_mpyadd(w);
  const bool e_format = major == 0x0E;
  // Coprocessor unit id (BE 23..25): 0 is the FPU. In the 0E format BE 23 is
  // the XMPYU bit and the halves take BE 24..25.
  if (!e_format && bits(w, 23, 25) != 0) return make(w, fp_kind::OTHER_COPROCESSOR);
  if (e_format && bit(w, 23)) {
    // XMPYU r1,r2,t (QEMU insns.decode "xmpyu"; binutils 0x38004700/0xfc00e720).
    if (bits(w, 16, 18) == 2 && bits(w, 20, 23) == 7 && bits(w, 25, 26) == 0) {
      decoded_insn d;
      d.raw = w;
      d.code = op::XMPYU;
      d.cls = insn_class::ALU;
      d.r1 = static_cast<std::uint8_t>(bits(w, 6, 10) | (bit(w, 24) << 5));
      d.r2 = static_cast<std::uint8_t>(bits(w, 11, 15) | (bit(w, 19) << 5));
      d.t = static_cast<std::uint8_t>(bits(w, 27, 31));
      return d;
    }
    return illegal(w);
  }
  if (bit(w, 26) && (e_format || bits(w, 21, 22) != 2)) return illegal(w);
  return decode_class(w, e_format);
}

unsigned fp_execute(cpu_state& s, const decoded_insn& d, bool& nullify_next) {
  const auto kind = static_cast<fp_kind>(d.a);
  if (kind == fp_kind::OTHER_COPROCESSOR) return TRAP_ASSIST_EMULATION;
  std::uint32_t status = static_cast<std::uint32_t>(s.fr[0] >> 32);
  // A pending exception (T set and not yet cleared by storing fr0) makes
  // every FP operation trap.
  if (status & FPSR_T) return TRAP_ASSIST_EXCEPTION;
  if (kind == fp_kind::UNIMPLEMENTED_FORMAT) {
    return raise_trap(s, FP_EXC_UNIMPLEMENTED, d.raw);
  }
  const unsigned rm = (status & FPSR_RM) >> 9;
  const bool src_dbl = (d.flags & F_FP_SRC_DBL) != 0;
  const bool dst_dbl = (d.flags & F_FP_DST_DBL) != 0;
  std::uint32_t flags = 0;
  std::uint64_t result = 0;
  std::uint64_t result2 = 0;  // FMPYADD/FMPYSUB: the add/subtract result

  switch (kind) {
    case fp_kind::FID:
      // PA7300LC (PCX-L2) model and revision, as QEMU trans_fid_f.
      s.fr[0] = 0x000F080000000000ull;
      return 0;
    case fp_kind::FCPY:
      write_op(s, d.t, dst_dbl, read_op(s, d.r1, src_dbl));
      return 0;
    case fp_kind::FABS: {
      const std::uint64_t sign = src_dbl ? (std::uint64_t{1} << 63) : 0x80000000u;
      write_op(s, d.t, dst_dbl, read_op(s, d.r1, src_dbl) & ~sign);
      return 0;
    }
    case fp_kind::FTEST: {
      // QEMU trans_ftest: 0 tests C; the others test C and a prefix of the
      // compare queue (acc: all zero -> nullify; rej: all one -> nullify).
      std::uint32_t mask;
      bool reject = false;
      switch (d.cond) {
        case 0:
          nullify_next = (status & FPSR_C) != 0;
          return 0;
        case 2:
          reject = true;
          [[fallthrough]];
        case 1:
          mask = 0x043FF800u;
          break;
        case 6:
          reject = true;
          [[fallthrough]];
        case 5:
          mask = 0x043F8000u;
          break;
        case 9:
          mask = 0x043E0000u;
          break;
        case 13:
          mask = 0x04380000u;
          break;
        default:  // 17
          mask = 0x04200000u;
          break;
      }
      nullify_next = reject ? ((status & mask) == mask) : ((status & mask) == 0);
      return 0;
    }
    case fp_kind::FCMP: {
      const std::uint64_t a = read_op(s, d.r1, src_dbl);
      const std::uint64_t b = read_op(s, d.r2, src_dbl);
      const bool signalling = (d.cond & 1u) != 0;
      const unsigned rel = src_dbl
                               ? compare<double>(a, b, signalling, flags)
                               : compare<float>(static_cast<std::uint32_t>(a),
                                                static_cast<std::uint32_t>(b), signalling, flags);
      // Condition bits (QEMU update_fr0_cmp): 16 greater, 8 less, 4 equal,
      // 2 unordered; bit 1 = signal invalid on unordered.
      static constexpr unsigned sel[4] = {16, 8, 4, 2};
      const bool c = (d.cond & sel[rel]) != 0;
      const std::uint32_t enabled = (flags >> 27) & status & FPSR_ENABLES;
      if (enabled) return raise_trap(s, exception_type(enabled << 27), d.raw);
      status |= flags;
      // Queued compare: CQ shifts by one, C moves into CQ0, C = result.
      std::uint32_t q = (status & ~FPSR_CQ) | ((status >> 1) & FPSR_CQ);
      q = (q & ~FPSR_CQ0) | ((status & FPSR_C) ? FPSR_CQ0 : 0u);
      q = (q & ~FPSR_C) | (c ? FPSR_C : 0u);
      s.fr[0] = (std::uint64_t{q} << 32) | static_cast<std::uint32_t>(s.fr[0]);
      return 0;
    }
    case fp_kind::FSQRT:
    case fp_kind::FRND:
      result = arith_op(kind, read_op(s, d.r1, src_dbl), 0, src_dbl, rm, flags);
      break;
    case fp_kind::FADD:
    case fp_kind::FSUB:
    case fp_kind::FMPY:
    case fp_kind::FDIV:
    case fp_kind::FREM:
      result =
          arith_op(kind, read_op(s, d.r1, src_dbl), read_op(s, d.r2, src_dbl), src_dbl, rm, flags);
      break;
    case fp_kind::FMPYADD:
    case fp_kind::FMPYSUB: {
      // Both operations read their operands before either writes.
      const std::uint64_t m1 = read_op(s, d.r1, src_dbl);
      const std::uint64_t m2 = read_op(s, d.r2, src_dbl);
      const std::uint64_t ta = read_op(s, d.len, src_dbl);
      const std::uint64_t ra = read_op(s, d.pos, src_dbl);
      result = arith_op(fp_kind::FMPY, m1, m2, src_dbl, rm, flags);
      result2 = arith_op(kind, ta, ra, src_dbl, rm, flags);
      break;
    }
    case fp_kind::FCNVFF:
      if (src_dbl == dst_dbl) {  // same format: a copy with NaNs quieted
        const std::uint64_t in = read_op(s, d.r1, src_dbl);
        result = in;
        if (src_dbl) {
          std::uint64_t q;
          if (propagate_nan<double>(in, 0, false, q, flags)) result = q;
        } else {
          std::uint32_t q;
          if (propagate_nan<float>(static_cast<std::uint32_t>(in), 0, false, q, flags)) result = q;
        }
      } else if (src_dbl) {
        result = dbl_to_sgl(read_d(s, d.r1), rm, flags);
      } else {
        result = sgl_to_dbl(read_w(s, d.r1), flags);
      }
      break;
    case fp_kind::FCNVXF: {
      const std::uint64_t in = read_op(s, d.r1, src_dbl);
      if (src_dbl) {
        const auto v = static_cast<std::int64_t>(in);
        result = dst_dbl ? from_fixed<std::int64_t, double>(v, rm, flags)
                         : from_fixed<std::int64_t, float>(v, rm, flags);
      } else {
        const auto v = static_cast<std::int32_t>(static_cast<std::uint32_t>(in));
        result = dst_dbl ? from_fixed<std::int32_t, double>(v, rm, flags)
                         : from_fixed<std::int32_t, float>(v, rm, flags);
      }
      break;
    }
    case fp_kind::FCNVFX:
    case fp_kind::FCNVFXT: {
      const bool trunc = kind == fp_kind::FCNVFXT;
      const std::uint64_t in = read_op(s, d.r1, src_dbl);
      const auto in32 = static_cast<std::uint32_t>(in);
      if (dst_dbl) {
        result = static_cast<std::uint64_t>(
            src_dbl ? to_fixed<double, std::int64_t>(in, trunc, rm, flags)
                    : to_fixed<float, std::int64_t>(in32, trunc, rm, flags));
      } else {
        result = static_cast<std::uint32_t>(
            src_dbl ? to_fixed<double, std::int32_t>(in, trunc, rm, flags)
                    : to_fixed<float, std::int32_t>(in32, trunc, rm, flags));
      }
      break;
    }
    default:
      return TRAP_ILLEGAL;
  }

  const std::uint32_t enabled = (flags >> 27) & status & FPSR_ENABLES;
  if (enabled) return raise_trap(s, exception_type(enabled << 27), d.raw);
  if (flags) s.fr[0] |= std::uint64_t{flags} << 32;
  write_op(s, d.t, dst_dbl, result);
  if (kind == fp_kind::FMPYADD || kind == fp_kind::FMPYSUB) write_op(s, d.len, dst_dbl, result2);
  return 0;
}

}  // namespace pavp::cpu
