// Test bench of the console: capture, echo, and the registers through the
// TLM socket.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include <systemc>
#include <tlm>

#include "pavp/devices/console.h"
#include "pavp/devices/simctl_regs.h"
#include "test_initiator.h"

namespace {

using sc_core::SC_NS;
using sc_core::sc_time;

std::string read_all(std::FILE* f) {
  std::rewind(f);
  std::string out;
  for (int c; (c = std::fgetc(f)) != EOF;) out.push_back(static_cast<char>(c));
  return out;
}

TEST(console_core, captures_and_echoes) {
  std::FILE* echo = std::tmpfile();
  ASSERT_NE(echo, nullptr);
  {
    pavp::console_core c(echo);
    for (char ch : std::string("hi\nthere")) c.put(ch);
    EXPECT_EQ(c.captured(), "hi\nthere");
    EXPECT_EQ(c.characters(), 8u);
  }  // destruction flushes
  EXPECT_EQ(read_all(echo), "hi\nthere");
  std::fclose(echo);
}

TEST(console_core, capture_limit_drops_but_keeps_echoing) {
  std::FILE* echo = std::tmpfile();
  ASSERT_NE(echo, nullptr);
  pavp::console_core c(echo);
  c.set_capture_limit(3);
  for (char ch : std::string("abcdef")) c.put(ch);
  c.flush();
  EXPECT_EQ(c.captured(), "abc");
  EXPECT_EQ(c.dropped(), 3u);
  EXPECT_EQ(read_all(echo), "abcdef");
  c.clear_capture();
  EXPECT_EQ(c.captured(), "");
  c.set_echo(nullptr);
  std::fclose(echo);
}

// initiator -> console (3 ns), not echoed to stdout.
struct bench {
  pavp::test::test_initiator init{"init"};
  pavp::console con{"console", false, sc_time(3, SC_NS)};
  bench() {
    init.socket.bind(con.socket);
    pavp::test::run_elaboration();
  }
};

TEST(console, prints_bytes_and_the_low_byte_of_words) {
  bench b;
  const char h = 'H';
  EXPECT_EQ(b.init.write(PAVP_CONSOLE_DATA, &h, 1), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.init.last_delay, sc_time(3, SC_NS));
  const char i = 'i';
  EXPECT_EQ(b.init.write(PAVP_CONSOLE_DATA + 3, &i, 1), tlm::TLM_OK_RESPONSE);
  // A big-endian word 0x0000000A: '\n' is the last byte.
  const unsigned char word[4] = {0x00, 0x00, 0x00, '\n'};
  EXPECT_EQ(b.init.write(PAVP_CONSOLE_DATA, word, 4), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.con.captured(), "Hi\n");
}

TEST(console, status_reads_ready) {
  bench b;
  unsigned char word[4] = {0xEE, 0xEE, 0xEE, 0xEE};
  ASSERT_EQ(b.init.read(PAVP_CONSOLE_STATUS, word, 4), tlm::TLM_OK_RESPONSE);
  const std::uint32_t status = (std::uint32_t{word[0]} << 24) | (std::uint32_t{word[1]} << 16) |
                               (std::uint32_t{word[2]} << 8) | word[3];
  EXPECT_EQ(status, PAVP_CONSOLE_STATUS_READY);
  unsigned char byte = 0;
  ASSERT_EQ(b.init.read(PAVP_CONSOLE_STATUS + 3, &byte, 1), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(byte, PAVP_CONSOLE_STATUS_READY);
  ASSERT_EQ(b.init.read(PAVP_CONSOLE_DATA, word, 4), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(word[3], 0);
  unsigned char dbg[8] = {};
  EXPECT_EQ(b.init.debug_read(0, dbg, 8), 8u);
  EXPECT_EQ(dbg[7], PAVP_CONSOLE_STATUS_READY);
}

TEST(console, bad_accesses_answer_errors) {
  bench b;
  unsigned char buf[8] = {};
  EXPECT_EQ(b.init.write(PAVP_CONSOLE_DATA, buf, 2), tlm::TLM_BURST_ERROR_RESPONSE);
  EXPECT_EQ(b.init.write(PAVP_CONSOLE_DATA + 1, buf, 4), tlm::TLM_GENERIC_ERROR_RESPONSE);
  EXPECT_EQ(b.init.write(PAVP_CONSOLE_STATUS, buf, 4), tlm::TLM_COMMAND_ERROR_RESPONSE);
  EXPECT_EQ(b.init.read(0x10, buf, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.con.captured(), "");
  EXPECT_EQ(b.init.debug_write(PAVP_CONSOLE_DATA, buf, 1), 0u);
  EXPECT_EQ(b.con.captured(), "");
}

TEST(console, echoes_to_stdout) {
  pavp::test::test_initiator init("init");
  pavp::console con("console");  // echo on by default
  init.socket.bind(con.socket);
  pavp::test::run_elaboration();
  ::testing::internal::CaptureStdout();
  for (char ch : std::string("ok\n")) init.write(PAVP_CONSOLE_DATA, &ch, 1);
  const std::string out = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(out, "ok\n");
  EXPECT_EQ(con.captured(), "ok\n");
}

}  // namespace
