// pavp::gdb::rsp_connection: the transport of the GDB remote serial protocol
// (RSP) over TCP on 127.0.0.1, as a debugger stub needs it: a listening
// socket, one client at a time, packets `$payload#checksum` with their
// acknowledgements (`+`/`-`, until QStartNoAckMode), and the interrupt byte
// (0x03, Ctrl-C) a client sends while the target runs.
//
// Facts from the GDB manual, "Remote Protocol" (Overview, Packet
// Acknowledgment, Interrupts): the checksum is the sum of the payload's
// bytes modulo 256 as two hex digits; '}' escapes '#', '$', '}' and '*' in
// binary data (the byte XOR 0x20).
//
// Plain C++ with POSIX sockets; no SystemC. Errors of the socket itself
// (port in use) throw std::runtime_error with a message that names the port
// and what to do; errors of the client (a bad checksum, a disconnect in the
// middle of a packet) are returned and described by last_problem().
#ifndef PAVP_GDB_RSP_CONNECTION_H
#define PAVP_GDB_RSP_CONNECTION_H

#include <cstdint>
#include <string>

namespace pavp::gdb {

class rsp_connection {
 public:
  // Listens on 127.0.0.1:port; port 0 takes a free port (see port()).
  explicit rsp_connection(unsigned port);
  ~rsp_connection();
  rsp_connection(const rsp_connection&) = delete;
  rsp_connection& operator=(const rsp_connection&) = delete;

  // The port listened on.
  unsigned port() const { return m_port; }
  bool connected() const { return m_client >= 0; }

  // Waits for a client; the listening socket stays open for the next one.
  void accept_client();
  // Closes the client connection (the listening socket stays).
  void close_client();

  enum class event : std::uint8_t {
    PACKET,     // a well-formed packet (acknowledged unless no-ack mode)
    INTERRUPT,  // the interrupt byte 0x03
    CLOSED,     // the client went away (cleanly, or in the middle of a packet)
  };
  // Waits for the next packet or interrupt. A packet with a bad checksum is
  // refused with '-' (the client sends it again) and reported in
  // last_problem(); receive() then goes on waiting.
  event receive(std::string& payload);
  // Sends a packet (escaping what must be escaped) and, unless in no-ack
  // mode, waits for its '+' (resending on '-'). False when the client is gone.
  bool send(const std::string& payload);
  // Without waiting: true when the interrupt byte arrived (it is consumed;
  // anything else that arrived stays buffered).
  bool interrupt_pending();

  void set_no_ack(bool on) { m_no_ack = on; }

  // What went wrong last with the client (empty if nothing), and clears it.
  std::string take_problem();

 private:
  // The next byte from the client, or -1 when it closed (wait: block).
  int next_byte();
  bool fill(bool wait);

  int m_listen = -1;
  int m_client = -1;
  unsigned m_port = 0;
  bool m_no_ack = false;
  std::string m_in;  // bytes received and not yet consumed
  std::size_t m_in_pos = 0;
  std::string m_problem;
};

// Hex helpers of the protocol.
std::string to_hex(const std::uint8_t* data, std::size_t len);
// Parses hex digits into bytes; false on an odd length or a non-hex digit.
bool from_hex(const std::string& hex, std::string& bytes);
// Parses a hex number (no prefix); false on an empty or non-hex text or overflow.
bool parse_hex(const std::string& text, std::uint64_t& value);

}  // namespace pavp::gdb

#endif  // PAVP_GDB_RSP_CONNECTION_H
