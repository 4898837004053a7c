// The board built from a configuration, driven through its caches' sockets.
#include <gtest/gtest.h>

#include <sstream>

#include "pavp/devices/simctl_regs.h"
#include "platform/board/board.h"
#include "test_initiator.h"

namespace {

pavp::board_options quiet() {
  pavp::board_options o;
  o.echo_console = false;
  return o;
}

struct bench {
  pavp::platform_config cfg;
  pavp::board board;
  pavp::test::test_initiator cpu_i{"cpu_i"};
  pavp::test::test_initiator cpu_d{"cpu_d"};
  explicit bench(const pavp::config_sources& src = {})
      : cfg(pavp::load_config(src)), board("board", cfg, quiet()) {
    cpu_i.socket.bind(board.icache.cpu_socket);
    cpu_d.socket.bind(board.dcache.cpu_socket);
    pavp::test::run_elaboration();
  }
};

TEST(board, data_reaches_dram_through_the_data_cache_and_back_through_the_icache) {
  bench b;
  b.cpu_d.store32(0x40001000, 0x3000, 0xabcdef01);
  b.cpu_d.cache_op(pavp::cache_op::FDC, 0x40001000, 0x3000);
  std::uint32_t v = 0;
  EXPECT_EQ(b.cpu_i.fetch(0x3000, 0x3000, &v, 4), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(v, 0xabcdef01u);
  EXPECT_EQ(b.board.memory.stats().bytes_written, 32u);
  // The store miss fills the line (write-allocate), FDC writes it back, the
  // instruction cache fills its own copy.
  EXPECT_EQ(b.board.bus.stats("dram").transactions, 3u);
}

TEST(board, devices_in_io_space_are_reached_uncached) {
  bench b;
  const std::uint64_t tty = b.cfg.map.console.base + PAVP_CONSOLE_DATA;
  const char* text = "hi\n";
  for (const char* c = text; *c; ++c) {
    std::uint8_t byte = static_cast<std::uint8_t>(*c);
    EXPECT_EQ(b.cpu_d.store(tty + 3, tty + 3, &byte, 1), tlm::TLM_OK_RESPONSE);
  }
  EXPECT_EQ(b.board.tty.captured(), "hi\n");
  std::uint8_t id[4] = {};
  EXPECT_EQ(b.cpu_d.load(0, b.cfg.map.simctl.base + PAVP_SIMCTL_ID, id, 4), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ((std::uint32_t(id[0]) << 24 | id[1] << 16 | id[2] << 8 | id[3]), PAVP_SIMCTL_ID_VALUE);
  EXPECT_EQ(b.board.dcache.stats().uncached, 4u);
  EXPECT_EQ(b.board.dcache.stats().total_misses(), 0u);
}

TEST(board, takes_the_preset_geometry_and_reports_statistics) {
  pavp::config_sources src;
  src.preset = "pa8500";
  bench b(src);
  EXPECT_EQ(b.board.dcache.params().size_bytes, 1u << 20);
  EXPECT_EQ(b.board.dcache.core().ways(), 4u);
  b.cpu_d.load32(0x100, 0x100);
  const auto j = b.board.stats_json();
  EXPECT_EQ(j["dcache"]["load_misses"], 1);
  EXPECT_EQ(j["dram"]["bytes_read"], 64);  // one 64-byte line
  std::ostringstream os;
  b.board.print_stats(os);
  EXPECT_NE(os.str().find("dcache.load_misses 1\n"), std::string::npos) << os.str();
  EXPECT_NE(os.str().find("bus.dram.transactions 1\n"), std::string::npos) << os.str();
}

}  // namespace
