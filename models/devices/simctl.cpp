#include "pavp/devices/simctl.h"
#include "pavp/devices/register_access.h"

#include <cstdio>
#include <exception>

#include "pavp/tlm/time.h"

namespace pavp {

// ---------------------------------------------------------------------------
// simctl_core

simctl_core::status simctl_core::read(std::uint32_t offset, std::uint32_t& value) const {
  switch (offset) {
    case PAVP_SIMCTL_ID:
      value = PAVP_SIMCTL_ID_VALUE;
      break;
    case PAVP_SIMCTL_VERSION:
      value = PAVP_SIMCTL_VERSION_VALUE;
      break;
    case PAVP_SIMCTL_EXIT:
      value = m_exit_code;
      break;
    case PAVP_SIMCTL_MARK_BEGIN:
    case PAVP_SIMCTL_MARK_END:
    case PAVP_SIMCTL_RESULT_VALUE_LO:
      value = 0;
      break;
    case PAVP_SIMCTL_CUR_PID:
      value = m_pid;
      break;
    case PAVP_SIMCTL_CUR_TID:
      value = m_tid;
      break;
    case PAVP_SIMCTL_SCHED_POINT:
      value = m_sched_point;
      break;
    case PAVP_SIMCTL_SCHED_NCHOICES:
      value = m_sched_n;
      break;
    case PAVP_SIMCTL_SCHED_DECISION:
      value = m_decision;
      break;
    case PAVP_SIMCTL_SCHED_COUNT:
      value = static_cast<std::uint32_t>(m_decisions_made);
      break;
    case PAVP_SIMCTL_RESULT_KEY:
      value = m_result_key;
      break;
    case PAVP_SIMCTL_RESULT_VALUE_HI:
      value = m_result_hi;
      break;
    case PAVP_SIMCTL_RESULT_COUNT:
      value = static_cast<std::uint32_t>(m_results.size());
      break;
    case PAVP_SIMCTL_QUERY_KEY:
      value = m_query_key;
      break;
    case PAVP_SIMCTL_QUERY_VALUE:
      value = m_query_value;
      break;
    default:
      return status::ADDRESS_ERROR;
  }
  return status::OK;
}

simctl_core::status simctl_core::write(std::uint32_t offset, std::uint32_t value,
                                       std::uint64_t time_ps, effect* what) {
  effect e = effect::NONE;
  switch (offset) {
    case PAVP_SIMCTL_ID:
    case PAVP_SIMCTL_VERSION:
    case PAVP_SIMCTL_SCHED_DECISION:
    case PAVP_SIMCTL_SCHED_COUNT:
    case PAVP_SIMCTL_RESULT_COUNT:
    case PAVP_SIMCTL_QUERY_VALUE:
      return status::COMMAND_ERROR;
    case PAVP_SIMCTL_EXIT:
      m_exited = true;
      m_exit_code = value;
      e = effect::EXIT;
      break;
    case PAVP_SIMCTL_MARK_BEGIN:
    case PAVP_SIMCTL_MARK_END:
      m_markers.push_back({offset == PAVP_SIMCTL_MARK_BEGIN, value, time_ps, m_pid, m_tid});
      e = effect::MARKER;
      break;
    case PAVP_SIMCTL_CUR_PID:
      m_pid = value;
      e = effect::CURRENT;
      break;
    case PAVP_SIMCTL_CUR_TID:
      m_tid = value;
      e = effect::CURRENT;
      break;
    case PAVP_SIMCTL_SCHED_POINT:
      m_sched_point = value;
      break;
    case PAVP_SIMCTL_SCHED_NCHOICES:
      m_sched_n = value;
      e = query_schedule();
      break;
    case PAVP_SIMCTL_RESULT_KEY:
      m_result_key = value;
      break;
    case PAVP_SIMCTL_RESULT_VALUE_HI:
      m_result_hi = value;
      break;
    case PAVP_SIMCTL_RESULT_VALUE_LO:
      m_results.push_back({m_result_key, (std::uint64_t{m_result_hi} << 32) | value});
      m_result_hi = 0;
      e = effect::RESULT;
      break;
    case PAVP_SIMCTL_QUERY_KEY:
      m_query_key = value;
      m_query_value = m_query ? m_query(value) : PAVP_QUERY_UNKNOWN;
      e = effect::QUERY;
      break;
    default:
      return status::ADDRESS_ERROR;
  }
  if (what) *what = e;
  return status::OK;
}

simctl_core::effect simctl_core::query_schedule() {
  m_decision = PAVP_SCHED_NO_DECISION;
  m_schedule_error.clear();
  if (!m_schedule) {
    m_schedule_error = "schedule query at point " + std::to_string(m_sched_point) +
                       " but no schedule is configured";
    return effect::SCHEDULE_ERROR;
  }
  try {
    m_decision = m_schedule->decide(m_sched_point, m_sched_n);
  } catch (const std::exception& e) {
    m_schedule_error = e.what();
    return effect::SCHEDULE_ERROR;
  }
  ++m_decisions_made;
  return effect::SCHEDULE;
}

void simctl_core::reset() {
  std::unique_ptr<schedule> keep = std::move(m_schedule);
  query_fn keep_query = std::move(m_query);
  *this = simctl_core();
  m_schedule = std::move(keep);
  m_query = std::move(keep_query);
}

// ---------------------------------------------------------------------------
// simctl (TLM wrapper)

namespace {

const char* const MSG_TYPE = "pavp/simctl";

std::uint32_t load_be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

void store_be32(unsigned char* p, std::uint32_t v) {
  p[0] = static_cast<unsigned char>(v >> 24);
  p[1] = static_cast<unsigned char>(v >> 16);
  p[2] = static_cast<unsigned char>(v >> 8);
  p[3] = static_cast<unsigned char>(v);
}

}  // namespace

simctl::simctl(sc_core::sc_module_name name, const sc_core::sc_time& latency)
    : sc_module(name), socket("socket"), m_latency(latency) {
  socket.register_b_transport(this, &simctl::b_transport);
  socket.register_transport_dbg(this, &simctl::transport_dbg);
}

void simctl::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  const sc_core::sc_time arrival = sc_core::sc_time_stamp() + delay;
  delay += m_latency;
  const std::uint64_t addr = gp.get_address();

  const auto fail = [&](tlm::tlm_response_status st, const char* why) {
    reject_register_access(gp, *this, MSG_TYPE, st, why);
  };
  if (!accept_register_access(gp, *this, MSG_TYPE, false, PAVP_SIMCTL_REGS_END)) return;
  const std::uint32_t offset = static_cast<std::uint32_t>(addr);
  unsigned char* data = gp.get_data_ptr();

  if (gp.is_read()) {
    std::uint32_t value = 0;
    if (m_core.read(offset, value) != simctl_core::status::OK) {
      return fail(tlm::TLM_ADDRESS_ERROR_RESPONSE, "no register at this offset");
    }
    store_be32(data, value);
    gp.set_response_status(tlm::TLM_OK_RESPONSE);
    return;
  }

  simctl_core::effect what = simctl_core::effect::NONE;
  switch (m_core.write(offset, load_be32(data), to_ps(arrival), &what)) {
    case simctl_core::status::OK:
      break;
    case simctl_core::status::ADDRESS_ERROR:
      return fail(tlm::TLM_ADDRESS_ERROR_RESPONSE, "no register at this offset");
    case simctl_core::status::COMMAND_ERROR:
      return fail(tlm::TLM_COMMAND_ERROR_RESPONSE, "the register is read-only");
  }
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
  dispatch(what);
}

void simctl::dispatch(simctl_core::effect what) {
  switch (what) {
    case simctl_core::effect::NONE:
    case simctl_core::effect::SCHEDULE:
    case simctl_core::effect::QUERY:
      break;
    case simctl_core::effect::EXIT:
      if (m_on_exit) m_on_exit(m_core.exit_code());
      if (m_stop_on_exit && !m_stop_requested) {
        m_stop_requested = true;
        sc_core::sc_stop();
      }
      break;
    case simctl_core::effect::MARKER:
      if (m_on_marker) m_on_marker(m_core.markers().back());
      break;
    case simctl_core::effect::CURRENT:
      if (m_on_current) m_on_current(m_core.pid(), m_core.tid());
      break;
    case simctl_core::effect::RESULT:
      if (m_on_result) m_on_result(m_core.results().back());
      break;
    case simctl_core::effect::SCHEDULE_ERROR:
      if (m_on_schedule_error) {
        m_on_schedule_error(m_core.schedule_error());
      } else {
        const std::string msg = std::string(name()) + ": " + m_core.schedule_error();
        SC_REPORT_ERROR(MSG_TYPE, msg.c_str());
      }
      break;
  }
}

unsigned simctl::transport_dbg(tlm::tlm_generic_payload& gp) {
  if (!gp.is_read()) return 0;
  const std::uint64_t addr = gp.get_address();
  const unsigned len = gp.get_data_length();
  unsigned char* data = gp.get_data_ptr();
  unsigned done = 0;
  for (; done < len; ++done) {
    const std::uint64_t a = addr + done;
    std::uint32_t value = 0;
    if (a >= PAVP_SIMCTL_REGS_END || m_core.read(static_cast<std::uint32_t>(a & ~std::uint64_t{3}),
                                                 value) != simctl_core::status::OK) {
      break;
    }
    data[done] = static_cast<unsigned char>(value >> (8 * (3 - (a & 3))));
  }
  return done;
}

}  // namespace pavp
