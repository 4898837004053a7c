// The sim-control device (DESIGN decision 6): the firmware's channel to the
// platform. Exit code, measurement markers, the current pid/tid, the schedule
// oracle, result records and queries. The register map is in simctl_regs.h.
//
// simctl_core holds the state and the register semantics (plain C++, unit
// tested without SystemC); pavp::simctl is the TLM target around it.
//
// Byte order: the guest is big-endian. A 32-bit store of V by the CPU arrives
// as a 4-byte payload holding V's bytes most significant first, and a read
// answers the same way; the device decodes and encodes big-endian whatever the
// host's byte order.
#ifndef PAVP_DEVICES_SIMCTL_H
#define PAVP_DEVICES_SIMCTL_H

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

#include "pavp/devices/schedule.h"
#include "pavp/devices/simctl_regs.h"
#include "pavp/tlm/time.h"

namespace pavp {

// A write to MARK_BEGIN or MARK_END.
struct simctl_marker {
  bool begin = true;          // MARK_BEGIN (true) or MARK_END (false)
  std::uint32_t id = 0;       // marker id (PAVP_MARK_*)
  std::uint64_t time_ps = 0;  // simulated time of the write, picoseconds
  std::uint32_t pid = 0;      // CUR_PID at the time
  std::uint32_t tid = 0;      // CUR_TID at the time
};

// An appended result record.
struct simctl_result {
  std::uint32_t key = 0;  // PAVP_RESULT_*
  std::uint64_t value = 0;

  bool operator==(const simctl_result& o) const { return key == o.key && value == o.value; }
};

class simctl_core {
 public:
  enum class status : std::uint8_t {
    OK,
    ADDRESS_ERROR,  // no register at this offset
    COMMAND_ERROR,  // write to a read-only register
  };
  // What a write did beyond updating a register, for the wrapper to act on.
  enum class effect : std::uint8_t {
    NONE,
    EXIT,            // EXIT written: exit_code() holds the code
    MARKER,          // MARK_BEGIN/MARK_END: markers().back()
    CURRENT,         // CUR_PID or CUR_TID changed
    SCHEDULE,        // a decision was made: decision()
    SCHEDULE_ERROR,  // the query failed: schedule_error() says why
    RESULT,          // results().back() appended
    QUERY,           // a query was answered: query_value()
  };
  // Answers a query (QUERY_KEY written): the value, or PAVP_QUERY_UNKNOWN.
  using query_fn = std::function<std::uint32_t(std::uint32_t key)>;

  simctl_core() = default;

  // Register access at a byte offset from the device's base (a multiple of 4).
  // read() has no side effects. time_ps is the simulated time of the write
  // (recorded with markers).
  status read(std::uint32_t offset, std::uint32_t& value) const;
  status write(std::uint32_t offset, std::uint32_t value, std::uint64_t time_ps,
               effect* what = nullptr);

  // The schedule that answers SCHED_* queries (owned). Without one, a query
  // fails with a SCHEDULE_ERROR.
  void set_schedule(std::unique_ptr<schedule> s) { m_schedule = std::move(s); }
  schedule* get_schedule() const { return m_schedule.get(); }
  // What answers QUERY_* queries; without it every query answers
  // PAVP_QUERY_UNKNOWN.
  void set_query(query_fn fn) { m_query = std::move(fn); }

  bool exited() const { return m_exited; }
  std::uint32_t exit_code() const { return m_exit_code; }
  std::uint32_t pid() const { return m_pid; }
  std::uint32_t tid() const { return m_tid; }
  const std::vector<simctl_marker>& markers() const { return m_markers; }
  const std::vector<simctl_result>& results() const { return m_results; }
  // The latched decision (PAVP_SCHED_NO_DECISION before the first query and
  // after a failed one) and the number of successful queries.
  std::uint32_t decision() const { return m_decision; }
  std::uint64_t decisions_made() const { return m_decisions_made; }
  // Why the last query failed (empty if it did not).
  const std::string& schedule_error() const { return m_schedule_error; }
  // The last query's key and latched answer.
  std::uint32_t query_key() const { return m_query_key; }
  std::uint32_t query_value() const { return m_query_value; }

  // Back to the reset state; the schedule stays.
  void reset();

 private:
  std::unique_ptr<schedule> m_schedule;
  bool m_exited = false;
  std::uint32_t m_exit_code = 0;
  std::uint32_t m_pid = 0;
  std::uint32_t m_tid = 0;
  std::vector<simctl_marker> m_markers;
  std::uint32_t m_sched_point = 0;
  std::uint32_t m_sched_n = 0;
  std::uint32_t m_decision = PAVP_SCHED_NO_DECISION;
  std::uint64_t m_decisions_made = 0;
  std::string m_schedule_error;
  std::uint32_t m_result_key = 0;
  std::uint32_t m_result_hi = 0;
  std::vector<simctl_result> m_results;
  query_fn m_query;
  std::uint32_t m_query_key = 0;
  std::uint32_t m_query_value = PAVP_QUERY_UNKNOWN;

  effect query_schedule();
};

// The TLM target. The socket sees offsets from the device's base (a router
// translates). Accesses: 32-bit, aligned, no byte enables. A wrong size is a
// TLM_BURST_ERROR_RESPONSE, an unaligned access a TLM_GENERIC_ERROR_RESPONSE,
// byte enables a TLM_BYTE_ENABLE_ERROR_RESPONSE, an unknown offset a
// TLM_ADDRESS_ERROR_RESPONSE and a write to a read-only register a
// TLM_COMMAND_ERROR_RESPONSE, each with an SC_REPORT_WARNING.
// TLM_IGNORE_COMMAND is accepted and does nothing. transport_dbg reads
// registers (any length and alignment) and does not write. No DMI.
class simctl : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<simctl> socket;

  using exit_callback = std::function<void(std::uint32_t code)>;
  using marker_callback = std::function<void(const simctl_marker&)>;
  using current_callback = std::function<void(std::uint32_t pid, std::uint32_t tid)>;
  using result_callback = std::function<void(const simctl_result&)>;
  using error_callback = std::function<void(const std::string& message)>;

  // latency: annotated on every access.
  explicit simctl(sc_core::sc_module_name name,
                  const sc_core::sc_time& latency = sc_core::SC_ZERO_TIME);

  // Whether a write to EXIT calls sc_core::sc_stop() (default true). The exit
  // callback runs either way, before sc_stop().
  void set_stop_on_exit(bool stop) { m_stop_on_exit = stop; }
  bool stop_on_exit() const { return m_stop_on_exit; }

  void set_schedule(std::unique_ptr<schedule> s) { m_core.set_schedule(std::move(s)); }
  schedule* get_schedule() const { return m_core.get_schedule(); }
  // What answers the guest's queries (simctl_core::set_query), called from
  // b_transport in the initiator's thread.
  void set_query(simctl_core::query_fn fn) { m_core.set_query(std::move(fn)); }

  // Observers, called from b_transport in the initiator's thread.
  void on_exit(exit_callback cb) { m_on_exit = std::move(cb); }
  // A marker's time is sc_time_stamp() + the initiator's annotated delay when
  // the write arrives; marker_time() converts it.
  void on_marker(marker_callback cb) { m_on_marker = std::move(cb); }
  void on_current(current_callback cb) { m_on_current = std::move(cb); }
  void on_result(result_callback cb) { m_on_result = std::move(cb); }
  // A failed schedule query. Without a callback it is an SC_REPORT_ERROR.
  void on_schedule_error(error_callback cb) { m_on_schedule_error = std::move(cb); }

  static sc_core::sc_time marker_time(const simctl_marker& m) { return from_ps(m.time_ps); }

  simctl_core& core() { return m_core; }
  const simctl_core& core() const { return m_core; }
  bool exited() const { return m_core.exited(); }
  std::uint32_t exit_code() const { return m_core.exit_code(); }

  const char* kind() const override { return "pavp::simctl"; }

 private:
  simctl_core m_core;
  sc_core::sc_time m_latency;
  bool m_stop_on_exit = true;
  bool m_stop_requested = false;
  exit_callback m_on_exit;
  marker_callback m_on_marker;
  current_callback m_on_current;
  result_callback m_on_result;
  error_callback m_on_schedule_error;

  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& gp);
  void dispatch(simctl_core::effect what);
};

}  // namespace pavp

#endif  // PAVP_DEVICES_SIMCTL_H
