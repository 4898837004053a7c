#include "pavp/devices/console.h"
#include "pavp/devices/register_access.h"

namespace pavp {

// ---------------------------------------------------------------------------
// console_core

void console_core::put(char c) {
  ++m_characters;
  if (m_captured.size() < m_capture_limit) {
    m_captured.push_back(c);
  } else {
    ++m_dropped;
  }
  if (m_echo) {
    std::fputc(static_cast<unsigned char>(c), m_echo);
    if (c == '\n') std::fflush(m_echo);
  }
}

void console_core::set_echo(std::FILE* echo) {
  flush();
  m_echo = echo;
}

void console_core::flush() {
  if (m_echo) std::fflush(m_echo);
}

// ---------------------------------------------------------------------------
// console (TLM wrapper)

namespace {
const char* const MSG_TYPE = "pavp/console";
constexpr std::uint64_t REGS_END = PAVP_CONSOLE_STATUS + 4;
}  // namespace

console::console(sc_core::sc_module_name name, bool echo_stdout, const sc_core::sc_time& latency)
    : sc_module(name),
      socket("socket"),
      m_core(echo_stdout ? stdout : nullptr),
      m_latency(latency) {
  socket.register_b_transport(this, &console::b_transport);
  socket.register_transport_dbg(this, &console::transport_dbg);
}

unsigned char console::register_byte(std::uint64_t offset) {
  if (offset < PAVP_CONSOLE_STATUS) return 0;  // DATA reads 0
  const std::uint32_t status = PAVP_CONSOLE_STATUS_READY;
  return static_cast<unsigned char>(status >> (8 * (3 - (offset & 3))));
}

void console::b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay) {
  delay += m_latency;
  const std::uint64_t addr = gp.get_address();
  const unsigned len = gp.get_data_length();
  if (!accept_register_access(gp, *this, MSG_TYPE, true, REGS_END)) return;
  unsigned char* data = gp.get_data_ptr();
  if (gp.is_read()) {
    for (unsigned i = 0; i < len; ++i) data[i] = register_byte(addr + i);
  } else {
    if (addr >= PAVP_CONSOLE_STATUS) {
      return reject_register_access(gp, *this, MSG_TYPE, tlm::TLM_COMMAND_ERROR_RESPONSE,
                                    "STATUS is read-only");
    }
    m_core.put(static_cast<char>(data[len - 1]));
  }
  gp.set_response_status(tlm::TLM_OK_RESPONSE);
}

unsigned console::transport_dbg(tlm::tlm_generic_payload& gp) {
  if (!gp.is_read()) return 0;
  const std::uint64_t addr = gp.get_address();
  const unsigned len = gp.get_data_length();
  unsigned char* data = gp.get_data_ptr();
  unsigned done = 0;
  for (; done < len && addr + done < REGS_END; ++done) data[done] = register_byte(addr + done);
  return done;
}

}  // namespace pavp
