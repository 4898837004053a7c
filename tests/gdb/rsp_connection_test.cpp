// Test bench of pavp::gdb::rsp_connection: a real TCP client on 127.0.0.1
// talks to the transport (packets, acknowledgements, checksums, escapes, the
// interrupt byte, a client that goes away) and a second listener on a port
// in use is refused with a clear message.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>

#include "pavp/gdb/rsp_connection.h"

namespace {

using pavp::gdb::rsp_connection;

// A blocking client socket connected to 127.0.0.1:port.
class client {
 public:
  explicit client(unsigned port) {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    if (::connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      throw std::runtime_error("connect failed");
    }
  }
  ~client() { close(); }
  void send(const std::string& bytes) {
    ASSERT_EQ(::send(m_fd, bytes.data(), bytes.size(), 0), static_cast<ssize_t>(bytes.size()));
  }
  // Reads exactly n bytes (or fewer if the peer closes).
  std::string read(std::size_t n) {
    std::string out;
    char c = 0;
    while (out.size() < n && ::recv(m_fd, &c, 1, 0) == 1) out += c;
    return out;
  }
  void close() {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
  }

 private:
  int m_fd = -1;
};

std::string packet(const std::string& payload) {
  unsigned sum = 0;
  for (char c : payload) sum += static_cast<unsigned char>(c);
  char cs[3];
  std::snprintf(cs, sizeof cs, "%02x", sum & 0xffu);
  return "$" + payload + "#" + cs;
}

TEST(RspConnection, PortZeroTakesAFreePortAndASecondListenerIsRefused) {
  rsp_connection a(0);
  ASSERT_NE(a.port(), 0u);
  try {
    rsp_connection b(a.port());
    FAIL() << "a second listener on the same port was accepted";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("port in use"), std::string::npos) << what;
    EXPECT_NE(what.find(std::to_string(a.port())), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
  EXPECT_THROW(rsp_connection c(70000), std::runtime_error);
}

TEST(RspConnection, PacketsAreAcknowledgedAndRepliesWaitForTheirAck) {
  rsp_connection conn(0);
  client c(conn.port());
  conn.accept_client();
  ASSERT_TRUE(conn.connected());
  c.send(packet("qSupported:swbreak+"));
  std::string payload;
  ASSERT_EQ(conn.receive(payload), rsp_connection::event::PACKET);
  EXPECT_EQ(payload, "qSupported:swbreak+");
  EXPECT_EQ(c.read(1), "+");
  // The reply waits for the client's '+'.
  std::thread peer([&] {
    EXPECT_EQ(c.read(6), "$OK#9a");
    c.send("+");
  });
  EXPECT_TRUE(conn.send("OK"));
  peer.join();
}

// '#' and '}' in a reply are escaped ('}' then the byte XOR 0x20).
TEST(RspConnection, ReplyEscapesAndResendsOnNak) {
  rsp_connection conn(0);
  client c(conn.port());
  conn.accept_client();
  // The client refuses the first copy ('-') and takes the second ('+').
  std::thread peer([&] {
    const std::string first = c.read(10);
    c.send("-");
    const std::string second = c.read(10);
    c.send("+");
    EXPECT_EQ(first, second);
    EXPECT_EQ(first.substr(0, 7), "$a}\x03}]b");
  });
  EXPECT_TRUE(conn.send("a#}b"));
  peer.join();
}

TEST(RspConnection, BadChecksumIsRefusedAndTheResentPacketTaken) {
  rsp_connection conn(0);
  client c(conn.port());
  conn.accept_client();
  c.send("$g#00");
  c.send(packet("g"));
  std::string payload;
  ASSERT_EQ(conn.receive(payload), rsp_connection::event::PACKET);
  EXPECT_EQ(payload, "g");
  EXPECT_EQ(c.read(2), "-+");
  EXPECT_NE(conn.take_problem().find("bad checksum"), std::string::npos);
  EXPECT_EQ(conn.take_problem(), "");
}

TEST(RspConnection, InterruptByteIsSeenWhileRunningAndPacketsStayQueued) {
  rsp_connection conn(0);
  client c(conn.port());
  conn.accept_client();
  EXPECT_FALSE(conn.interrupt_pending());
  c.send("\x03");
  bool seen = false;
  for (int i = 0; i < 200 && !seen; ++i) {
    seen = conn.interrupt_pending();
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_TRUE(seen);
  c.send(packet("?"));
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(conn.interrupt_pending());  // a packet is not an interrupt...
  std::string payload;
  ASSERT_EQ(conn.receive(payload), rsp_connection::event::PACKET);  // ...and stays for receive
  EXPECT_EQ(payload, "?");
}

TEST(RspConnection, NoAckModeSendsNoAcknowledgements) {
  rsp_connection conn(0);
  client c(conn.port());
  conn.accept_client();
  conn.set_no_ack(true);
  c.send(packet("c"));
  std::string payload;
  ASSERT_EQ(conn.receive(payload), rsp_connection::event::PACKET);
  EXPECT_TRUE(conn.send("OK"));
  EXPECT_EQ(c.read(6), "$OK#9a");
}

TEST(RspConnection, ClientGoneInTheMiddleOfAPacketIsClosedWithAReason) {
  rsp_connection conn(0);
  client c(conn.port());
  conn.accept_client();
  c.send("$m1000,");
  c.close();
  std::string payload;
  EXPECT_EQ(conn.receive(payload), rsp_connection::event::CLOSED);
  EXPECT_FALSE(conn.connected());
  EXPECT_EQ(conn.take_problem(), "the debugger disconnected in the middle of a packet");
  EXPECT_FALSE(conn.send("OK"));  // no crash, no SIGPIPE
}

TEST(RspConnection, HexHelpersRejectJunk) {
  std::string bytes;
  EXPECT_TRUE(pavp::gdb::from_hex("00ff7A", bytes));
  EXPECT_EQ(bytes, std::string("\x00\xff\x7a", 3));
  EXPECT_FALSE(pavp::gdb::from_hex("0", bytes));
  EXPECT_FALSE(pavp::gdb::from_hex("zz", bytes));
  std::uint64_t v = 0;
  EXPECT_TRUE(pavp::gdb::parse_hex("f0004ae8", v));
  EXPECT_EQ(v, 0xf0004ae8u);
  EXPECT_FALSE(pavp::gdb::parse_hex("", v));
  EXPECT_FALSE(pavp::gdb::parse_hex("12345678123456789", v));
  EXPECT_FALSE(pavp::gdb::parse_hex("-1", v));
}

}  // namespace
