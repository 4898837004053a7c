// The console: the firmware prints through one byte-output register (register
// map in simctl_regs.h, PAVP_CONSOLE_*). Each character goes to a capture
// buffer that tests and the platform read, and optionally to a stdio stream
// (stdout by default).
//
// console_core holds the behaviour (plain C++); pavp::console is the TLM
// target around it.
#ifndef PAVP_DEVICES_CONSOLE_H
#define PAVP_DEVICES_CONSOLE_H

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include <tlm_utils/simple_target_socket.h>
#include <systemc>
#include <tlm>

#include "pavp/devices/simctl_regs.h"

namespace pavp {

class console_core {
 public:
  // echo: where characters are also written (nullptr: nowhere).
  explicit console_core(std::FILE* echo = stdout) : m_echo(echo) {}
  ~console_core() { flush(); }
  console_core(const console_core&) = delete;
  console_core& operator=(const console_core&) = delete;

  // Prints one character. The echo stream is flushed at every newline.
  void put(char c);

  // Everything printed, up to the capture limit.
  const std::string& captured() const { return m_captured; }
  void clear_capture() { m_captured.clear(); }
  // Characters beyond the capture limit are echoed but not kept; dropped()
  // counts them. Default limit: 16 MiB.
  void set_capture_limit(std::size_t bytes) { m_capture_limit = bytes; }
  std::uint64_t dropped() const { return m_dropped; }
  std::uint64_t characters() const { return m_characters; }

  void set_echo(std::FILE* echo);
  std::FILE* echo() const { return m_echo; }
  // Flushes the echo stream.
  void flush();

 private:
  std::FILE* m_echo;
  std::string m_captured;
  std::size_t m_capture_limit = std::size_t{16} << 20;
  std::uint64_t m_dropped = 0;
  std::uint64_t m_characters = 0;
};

// The TLM target. The socket sees offsets from the device's base.
// - DATA (offset 0..3): a 1-byte write at any of the four offsets prints the
//   byte; a 4-byte write at offset 0 prints the word's least significant byte,
//   the last in guest (big-endian) order. Reads give 0.
// - STATUS (offset 4..7): reads PAVP_CONSOLE_STATUS_READY as a big-endian
//   word (4-byte read at 4, or 1-byte reads of its bytes); writes are a
//   TLM_COMMAND_ERROR_RESPONSE.
// Other sizes, unaligned words and byte enables answer TLM_BURST_ERROR_RESPONSE,
// TLM_GENERIC_ERROR_RESPONSE and TLM_BYTE_ENABLE_ERROR_RESPONSE, other offsets
// TLM_ADDRESS_ERROR_RESPONSE, each with an SC_REPORT_WARNING.
// TLM_IGNORE_COMMAND does nothing. transport_dbg reads like a read; no DMI.
// The echo stream is flushed at the end of simulation and on destruction.
class console : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<console> socket;

  // echo_stdout: also print to stdout. latency: annotated on every access.
  explicit console(sc_core::sc_module_name name, bool echo_stdout = true,
                   const sc_core::sc_time& latency = sc_core::SC_ZERO_TIME);

  const std::string& captured() const { return m_core.captured(); }
  void set_echo(bool echo_stdout) { m_core.set_echo(echo_stdout ? stdout : nullptr); }
  console_core& core() { return m_core; }
  const console_core& core() const { return m_core; }

  const char* kind() const override { return "pavp::console"; }

 private:
  console_core m_core;
  sc_core::sc_time m_latency;

  void b_transport(tlm::tlm_generic_payload& gp, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& gp);
  void end_of_simulation() override { m_core.flush(); }
  // The byte of the register file at offset (offset < 8).
  static unsigned char register_byte(std::uint64_t offset);
};

}  // namespace pavp

#endif  // PAVP_DEVICES_CONSOLE_H
