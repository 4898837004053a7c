// Conversions between sc_time and integer picoseconds, the unit of pavp's
// plain C++ timing cores (which do not depend on SystemC).
#ifndef PAVP_TLM_TIME_H
#define PAVP_TLM_TIME_H

#include <cstdint>

#include <systemc>

namespace pavp {

// Picoseconds in one unit of the SystemC time resolution (1 by default).
inline double ps_per_resolution_unit() {
  static const double factor = sc_core::sc_get_time_resolution().to_seconds() * 1e12;
  return factor;
}

inline std::uint64_t to_ps(const sc_core::sc_time& t) {
  const double f = ps_per_resolution_unit();
  return f == 1.0 ? t.value() : static_cast<std::uint64_t>(static_cast<double>(t.value()) * f);
}

inline sc_core::sc_time from_ps(std::uint64_t ps) {
  const double f = ps_per_resolution_unit();
  return f == 1.0 ? sc_core::sc_time::from_value(ps)
                  : sc_core::sc_time(static_cast<double>(ps), sc_core::SC_PS);
}

// from_ps with a memory of the last conversion: a model's latencies mostly
// repeat (a cache hit, a DRAM row hit), and building an sc_time from an
// integer is a call into the SystemC library.
class ps_to_time {
 public:
  const sc_core::sc_time& operator()(std::uint64_t ps) {
    if (ps != m_ps) {
      m_ps = ps;
      m_time = from_ps(ps);
    }
    return m_time;
  }

 private:
  std::uint64_t m_ps = 0;
  sc_core::sc_time m_time = sc_core::SC_ZERO_TIME;
};

}  // namespace pavp

#endif  // PAVP_TLM_TIME_H
