/* A floating-point workload compiled for PA-RISC by hppa-linux-gnu-gcc-12 at
 * -O0..-O3/-Os and natively for the host: float and double arithmetic,
 * conversions (int, long long, float <-> double), comparisons including NaNs,
 * fabs/sqrt, and a printf-style %e/%f/%g formatter built from FP arithmetic.
 * fp_workload() returns a hash of every result with NaNs made canonical (the
 * host's NaN bit patterns differ from PA-RISC's), fp_raw_hash the same over
 * the raw bit patterns (compared with qemu-hppa only). Plain C without headers
 * so that it builds freestanding. */
typedef unsigned int u32;
typedef unsigned long long u64;
typedef long long s64;

static u32 fp_h, fp_raw;
char fp_text[2048];
static int fp_pos;

static void mix(u32 v) {
  fp_h = (fp_h ^ v) * 0x01000193u;
}
static void mix_raw(u32 v) {
  fp_raw = (fp_raw ^ v) * 0x01000193u;
}
static u32 fbits(float f) {
  union {
    float f;
    u32 u;
  } x;
  x.f = f;
  return x.u;
}
static u64 dbits(double d) {
  union {
    double d;
    u64 u;
  } x;
  x.d = d;
  return x.u;
}
static void mix_f(float f) {
  mix_raw(fbits(f));
  mix(f != f ? 0x7fc00000u : fbits(f));
}
static void mix_d(double d) {
  u64 b = dbits(d);
  mix_raw((u32)(b >> 32));
  mix_raw((u32)b);
  if (d != d) b = 0x7ff8000000000000ull;
  mix((u32)(b >> 32));
  mix((u32)b);
}

static void put(char c) {
  if (fp_pos < (int)sizeof fp_text - 1) fp_text[fp_pos++] = c;
  mix((u32)(unsigned char)c);
  mix_raw((u32)(unsigned char)c);
}
static void put_str(const char* s) {
  while (*s) put(*s++);
}
static void put_uint(u64 v, int min_digits) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = (char)('0' + (int)(v % 10u));
    v /= 10u;
  } while (v != 0 || n < min_digits);
  while (n > 0) put(buf[--n]);
}

/* x = m * 10^e with 1 <= m < 10 (x > 0, finite). */
static double normalize(double x, int* e) {
  int k = 0;
  while (x >= 10.0) {
    x /= 10.0;
    ++k;
  }
  while (x < 1.0) {
    x *= 10.0;
    --k;
  }
  *e = k;
  return x;
}

/* %.{prec}e */
static void fmt_e(double x, int prec) {
  if (x != x) {
    put_str("nan");
    return;
  }
  if (x < 0 || (x == 0 && 1.0 / x < 0)) {
    put('-');
    x = -x;
  }
  if (x > 1.7976931348623157e308) {
    put_str("inf");
    return;
  }
  int e = 0;
  double m = x == 0 ? 0.0 : normalize(x, &e);
  double scale = 1.0;
  for (int i = 0; i < prec; ++i) scale *= 10.0;
  u64 digits = (u64)(m * scale + 0.5);
  if ((double)digits >= 10.0 * scale) {
    digits = (u64)((double)digits / 10.0);
    ++e;
  }
  u64 lead = (u64)((double)digits / scale);
  put((char)('0' + (int)lead));
  if (prec > 0) {
    put('.');
    put_uint(digits - (u64)((double)lead * scale), prec);
  }
  put('e');
  put(e < 0 ? '-' : '+');
  put_uint((u64)(e < 0 ? -e : e), 2);
}

/* %.{prec}f for |x| < 1e18 */
static void fmt_f(double x, int prec) {
  if (x != x) {
    put_str("nan");
    return;
  }
  if (x < 0) {
    put('-');
    x = -x;
  }
  if (x >= 1e18) {
    put_str("big");
    return;
  }
  double scale = 1.0;
  for (int i = 0; i < prec; ++i) scale *= 10.0;
  u64 ip = (u64)x;
  u64 frac = (u64)((x - (double)ip) * scale + 0.5);
  if ((double)frac >= scale) {
    frac = 0;
    ++ip;
  }
  put_uint(ip, 1);
  if (prec > 0) {
    put('.');
    put_uint(frac, prec);
  }
}

/* %g (precision 6), without trailing-zero removal subtleties */
static void fmt_g(double x) {
  int e = 0;
  double ax = x < 0 ? -x : x;
  if (ax != 0 && ax == ax && ax <= 1.7976931348623157e308) normalize(ax, &e);
  if (e < -4 || e >= 6)
    fmt_e(x, 5);
  else
    fmt_f(x, 5 - e);
}

static volatile double v_zero = 0.0;
static volatile float vf_zero = 0.0f;

static double dvals[] = {0.0,    -0.0,     1.0,   -1.5,       3.141592653589793,
                         1e-300, 2.5e-310, 1e300, 123456.789, -987.125,
                         0.1,    7.0};
static float fvals[] = {0.0f, -2.0f, 1.5f, 3.4e38f, 1e-38f, 1e-45f, 0.3f, -1234.5f, 65536.0f, 7.0f};
static int ivals[] = {0, 1, -1, 7, -7, 2147483647, -2147483647 - 1, 123456789, 16777217};
static s64 lvals[] = {
    0, 1, -1, 9007199254740993ll, -9007199254740993ll, 1ll << 62, -(1ll << 62), 123456789012345ll};

u32 fp_raw_hash(void) {
  return fp_raw;
}

u32 fp_workload(u32 seed) {
  fp_h = seed;
  fp_raw = seed;
  fp_pos = 0;
  const int nd = (int)(sizeof dvals / sizeof dvals[0]);
  const int nf = (int)(sizeof fvals / sizeof fvals[0]);
  const double nan = v_zero / v_zero;
  const float fnan = vf_zero / vf_zero;
  const double inf = 1.0 / v_zero;

  /* double arithmetic and comparisons, NaN and infinity included */
  for (int i = 0; i < nd + 2; ++i) {
    double a = i < nd ? dvals[i] : (i == nd ? nan : inf);
    for (int j = 0; j < nd + 2; ++j) {
      double b = j < nd ? dvals[j] : (j == nd ? -inf : nan);
      mix_d(a + b);
      mix_d(a - b);
      mix_d(a * b);
      mix_d(a / b);
      u32 c = (u32)(a < b) | (u32)(a <= b) << 1 | (u32)(a > b) << 2 | (u32)(a >= b) << 3 |
              (u32)(a == b) << 4 | (u32)(a != b) << 5 | (u32)__builtin_isunordered(a, b) << 6 |
              (u32)__builtin_isless(a, b) << 7 | (u32)__builtin_islessgreater(a, b) << 8;
      mix(c);
      mix_raw(c);
    }
    mix_d(__builtin_fabs(a));
    mix_d(-a);
    mix_d(__builtin_sqrt(a < 0 ? -a : a));
    mix_d((double)(float)a);
  }
  /* float arithmetic and comparisons */
  for (int i = 0; i < nf + 1; ++i) {
    float a = i < nf ? fvals[i] : fnan;
    for (int j = 0; j < nf; ++j) {
      float b = fvals[j];
      mix_f(a + b);
      mix_f(a - b);
      mix_f(a * b);
      mix_f(a / b);
      mix_f(a * b + a);
      u32 c = (u32)(a < b) | (u32)(a <= b) << 1 | (u32)(a > b) << 2 | (u32)(a == b) << 3;
      mix(c);
      mix_raw(c);
    }
    mix_d((double)a);
    mix_f(__builtin_fabsf(a));
    mix_f(__builtin_sqrtf(a < 0 ? -a : a));
  }
  /* conversions */
  for (int i = 0; i < (int)(sizeof ivals / sizeof ivals[0]); ++i) {
    mix_d((double)ivals[i]);
    mix_f((float)ivals[i]);
    mix_d((double)(u32)ivals[i]);
  }
  for (int i = 0; i < (int)(sizeof lvals / sizeof lvals[0]); ++i) {
    mix_d((double)lvals[i]);
    mix_f((float)lvals[i]);
  }
  for (int i = 0; i < nd; ++i) {
    double a = dvals[i];
    if (a > -2e9 && a < 2e9) {
      int t = (int)a;
      mix((u32)t);
      mix_raw((u32)t);
      mix_d((double)t);
    }
    if (a > -9e18 && a < 9e18) {
      s64 l = (s64)a;
      mix((u32)l);
      mix((u32)(l >> 32));
      mix_raw((u32)l);
      mix_raw((u32)(l >> 32));
    }
    if (a >= 0 && a < 4e9) mix((u32)a);
  }
  for (int i = 0; i < nf; ++i) {
    float a = fvals[i];
    if (a > -2e9f && a < 2e9f) mix((u32)(int)a);
    if (a > -9e18f && a < 9e18f) mix((u32)(s64)a);
  }
  /* a small numeric kernel: a series, Newton's square root, a polynomial */
  double sum = 0.0, term = 1.0;
  for (int k = 1; k < 30; ++k) {
    term = term / (double)k;
    sum += term;
  }
  mix_d(sum);
  double r = 2.0;
  for (int k = 0; k < 8; ++k) r = 0.5 * (r + 2.0 / r);
  mix_d(r);
  float p = 0.0f;
  for (int k = 0; k < 20; ++k) p = p * 0.75f + (float)k * 1.25f;
  mix_f(p);
  /* formatted output */
  for (int i = 0; i < nd; ++i) {
    fmt_e(dvals[i], 6);
    put(' ');
    fmt_f(dvals[i], 3);
    put(' ');
    fmt_g(dvals[i]);
    put('\n');
  }
  fmt_e(nan, 3);
  fmt_g(sum);
  fmt_g(r);
  fmt_g((double)p);
  fp_text[fp_pos] = 0;
  return fp_h;
}
