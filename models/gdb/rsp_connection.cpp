// pavp::gdb::rsp_connection: see rsp_connection.h.
#include "pavp/gdb/rsp_connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace pavp::gdb {

namespace {

constexpr char k_interrupt = 0x03;

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool write_all(int fd, const char* data, std::size_t len) {
  while (len > 0) {
    const ssize_t n = ::send(fd, data, len, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    len -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

std::string to_hex(const std::uint8_t* data, std::size_t len) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * len);
  for (std::size_t i = 0; i < len; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 15];
  }
  return out;
}

bool from_hex(const std::string& hex, std::string& bytes) {
  if (hex.size() % 2 != 0) return false;
  bytes.clear();
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = hex_digit(hex[i]);
    const int lo = hex_digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    bytes += static_cast<char>(hi * 16 + lo);
  }
  return true;
}

bool parse_hex(const std::string& text, std::uint64_t& value) {
  if (text.empty() || text.size() > 16) return false;
  value = 0;
  for (char c : text) {
    const int d = hex_digit(c);
    if (d < 0) return false;
    value = value * 16 + static_cast<unsigned>(d);
  }
  return true;
}

rsp_connection::rsp_connection(unsigned port) {
  if (port > 65535) {
    throw std::runtime_error("--gdb " + std::to_string(port) +
                             ": not a TCP port (accepted: 0 for any free port, or 1..65535)");
  }
  m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (m_listen < 0) {
    throw std::runtime_error(std::string("--gdb: cannot open a socket: ") + std::strerror(errno));
  }
  // SO_REUSEADDR lets a new run take a port whose last connection is in
  // TIME_WAIT; a port another process listens on is still refused.
  const int one = 1;
  ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  if (::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(m_listen, 1) != 0) {
    const int err = errno;
    ::close(m_listen);
    m_listen = -1;
    if (err == EADDRINUSE) {
      throw std::runtime_error("--gdb " + std::to_string(port) +
                               ": port in use on 127.0.0.1; choose another port, or 0 for any "
                               "free one");
    }
    throw std::runtime_error("--gdb " + std::to_string(port) +
                             ": cannot listen on 127.0.0.1: " + std::strerror(err));
  }
  socklen_t len = sizeof addr;
  ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&addr), &len);
  m_port = ntohs(addr.sin_port);
}

rsp_connection::~rsp_connection() {
  close_client();
  if (m_listen >= 0) ::close(m_listen);
}

void rsp_connection::accept_client() {
  close_client();
  for (;;) {
    const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd >= 0) {
      const int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      m_client = fd;
      m_no_ack = false;
      return;
    }
    if (errno != EINTR && errno != ECONNABORTED) {
      throw std::runtime_error(std::string("--gdb: accept failed: ") + std::strerror(errno));
    }
  }
}

void rsp_connection::close_client() {
  if (m_client >= 0) ::close(m_client);
  m_client = -1;
  m_in.clear();
  m_in_pos = 0;
}

bool rsp_connection::fill(bool wait) {
  if (m_client < 0) return false;
  if (!wait) {
    pollfd p{m_client, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0) return false;
  }
  char buf[4096];
  for (;;) {
    const ssize_t n = ::recv(m_client, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      close_client();
      return false;
    }
    if (m_in_pos == m_in.size()) {
      m_in.clear();
      m_in_pos = 0;
    }
    m_in.append(buf, static_cast<std::size_t>(n));
    return true;
  }
}

int rsp_connection::next_byte() {
  if (m_in_pos == m_in.size() && !fill(true)) return -1;
  return static_cast<unsigned char>(m_in[m_in_pos++]);
}

rsp_connection::event rsp_connection::receive(std::string& payload) {
  for (;;) {
    int c = next_byte();
    if (c < 0) return event::CLOSED;
    if (c == k_interrupt) return event::INTERRUPT;
    if (c != '$') continue;  // acks and noise between packets
    payload.clear();
    unsigned sum = 0;
    for (;;) {
      c = next_byte();
      if (c < 0) {
        m_problem = "the debugger disconnected in the middle of a packet";
        return event::CLOSED;
      }
      if (c == '#') break;
      if (c == '$') {  // a new packet starts: the old one was cut short
        m_problem = "a packet was cut short by the next one ('$" + payload.substr(0, 40) + "')";
        payload.clear();
        sum = 0;
        continue;
      }
      sum += static_cast<unsigned>(c);
      payload += static_cast<char>(c);
    }
    const int h = next_byte();
    const int l = h < 0 ? -1 : next_byte();
    if (h < 0 || l < 0) {
      m_problem = "the debugger disconnected in the middle of a packet";
      return event::CLOSED;
    }
    const int hv = hex_digit(static_cast<char>(h));
    const int lv = hex_digit(static_cast<char>(l));
    if (!m_no_ack) {
      if (hv < 0 || lv < 0 || static_cast<unsigned>(hv * 16 + lv) != (sum & 0xffu)) {
        m_problem = "a packet with a bad checksum was refused ('$" + payload.substr(0, 40) + "')";
        if (!write_all(m_client, "-", 1)) {
          close_client();
          return event::CLOSED;
        }
        continue;
      }
      if (!write_all(m_client, "+", 1)) {
        close_client();
        return event::CLOSED;
      }
    }
    return event::PACKET;
  }
}

bool rsp_connection::send(const std::string& payload) {
  if (m_client < 0) return false;
  std::string out = "$";
  unsigned sum = 0;
  for (char ch : payload) {
    if (ch == '#' || ch == '$' || ch == '}' || ch == '*') {
      out += '}';
      sum += '}';
      ch = static_cast<char>(ch ^ 0x20);
    }
    out += ch;
    sum += static_cast<unsigned char>(ch);
  }
  static const char digits[] = "0123456789abcdef";
  out += '#';
  out += digits[(sum >> 4) & 15];
  out += digits[sum & 15];
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (!write_all(m_client, out.data(), out.size())) {
      close_client();
      return false;
    }
    if (m_no_ack) return true;
    for (;;) {
      const int c = next_byte();
      if (c < 0) return false;
      if (c == '+') return true;
      if (c == '-') break;  // send again
      if (c == k_interrupt) continue;
      // A packet from the client before the ack: keep it for receive().
      --m_in_pos;
      return true;
    }
  }
  m_problem = "the debugger refused a reply five times";
  return true;
}

bool rsp_connection::interrupt_pending() {
  while (m_in_pos < m_in.size() || fill(false)) {
    const char c = m_in[m_in_pos];
    if (c == k_interrupt) {
      ++m_in_pos;
      return true;
    }
    if (c == '+' || c == '-') {
      ++m_in_pos;
      continue;
    }
    return false;  // a packet: leave it for receive()
  }
  return false;
}

std::string rsp_connection::take_problem() {
  std::string p;
  p.swap(m_problem);
  return p;
}

}  // namespace pavp::gdb
