// Test bench of pavp::dram: a test initiator drives the module through its
// target socket (blocking, debug and DMI interfaces) with the shipped
// DDR3-1600 spec (tCK 1.25 ns; row hit CL + BURST = 15 cycles = 18.75 ns,
// row miss tRCD + CL + BURST = 26 cycles = 32.5 ns, row conflict
// tRP + tRCD + CL + BURST = 37 cycles = 46.25 ns; rows of 8 KiB per bank,
// row r of bank b at r * 64 KiB + b * 8 KiB).
#include <array>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pavp/dram/dram.h"
#include "test_initiator.h"

using namespace sc_core;

namespace {

constexpr std::uint64_t MEM_SIZE = 1 << 20;

pavp::dram_spec ddr3() {
  return pavp::load_dram_spec_file(std::string(PAVP_SOURCE_DIR) +
                                   "/models/dram/specs/ddr3-1600-micron-mt41j128m8.json");
}

const sc_time HIT(18750, SC_PS);        // 11 + 4 cycles
const sc_time MISS(32500, SC_PS);       // 11 + 11 + 4 cycles
const sc_time CONFLICT(46250, SC_PS);   // 11 + 11 + 11 + 4 cycles
const sc_time WRITE_HIT(15000, SC_PS);  // CWL 8 + 4 cycles

struct bench {
  pavp::test::test_initiator init{"init"};
  pavp::dram mem;

  explicit bench(pavp::page_policy policy = pavp::page_policy::OPEN, std::uint64_t size = MEM_SIZE)
      : mem("dram", ddr3(), size, policy) {
    init.socket.bind(mem.socket);
    pavp::test::run_elaboration();
  }
  // Lets every bank and the data bus go idle.
  static void settle() { sc_start(1, SC_US); }
};

// A payload the test owns, for what test_initiator does not set.
struct payload {
  tlm::tlm_generic_payload gp;
  payload(tlm::tlm_command cmd, std::uint64_t addr, unsigned char* data, unsigned len) {
    pavp::set_plain_transaction(gp, cmd, addr, data, len);
  }
};

TEST(Dram, AnnotatesHitMissConflictLatenciesFromTheSpec) {
  bench b;
  std::array<unsigned char, 32> buf{};
  ASSERT_EQ(b.init.read(0x0, buf.data(), 32), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.init.last_delay, MISS);
  bench::settle();
  ASSERT_EQ(b.init.read(0x40, buf.data(), 32), tlm::TLM_OK_RESPONSE);  // same row
  EXPECT_EQ(b.init.last_delay, HIT);
  bench::settle();
  ASSERT_EQ(b.init.read(0x10000, buf.data(), 32), tlm::TLM_OK_RESPONSE);  // bank 0, row 1
  EXPECT_EQ(b.init.last_delay, CONFLICT);
  bench::settle();
  ASSERT_EQ(b.init.write(0x10040, buf.data(), 32), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.init.last_delay, WRITE_HIT);
  EXPECT_LT(HIT, MISS);
  EXPECT_LT(MISS, CONFLICT);
  const pavp::dram_stats& s = b.mem.stats();
  EXPECT_EQ(s.row_hits, 2u);
  EXPECT_EQ(s.row_misses, 1u);
  EXPECT_EQ(s.row_conflicts, 1u);
}

TEST(Dram, ArrivalIsTimeStampPlusDelay) {
  bench b;
  std::array<unsigned char, 32> buf{};
  b.init.read(0x0, buf.data(), 32);  // ACTIVATE of row 0 at time 0
  // Issued at local time 1 us: the bank has long met tRAS, a plain conflict.
  payload p(tlm::TLM_READ_COMMAND, 0x10000, buf.data(), 32);
  sc_time delay(1, SC_US);
  b.init.socket->b_transport(p.gp, delay);
  EXPECT_EQ(p.gp.get_response_status(), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(delay, sc_time(1, SC_US) + CONFLICT);
  // The same with the time in sc_time_stamp(): a hit on the new row.
  sc_start(2, SC_US);
  b.init.read(0x10040, buf.data(), 32);
  EXPECT_EQ(b.init.last_delay, HIT);
  // Two accesses at the same time to two rows of bank 1: the second waits
  // for tRAS after the first's ACTIVATE, then precharges and activates:
  // tRAS + tRP + tRCD + CL + BURST = 28 + 11 + 11 + 11 + 4 = 65 cycles.
  b.init.read(0x2000, buf.data(), 32);  // bank 1, row 0: miss
  EXPECT_EQ(b.init.last_delay, MISS);
  b.init.read(0x12000, buf.data(), 32);  // bank 1, row 1
  EXPECT_EQ(b.init.last_delay, sc_time(81250, SC_PS));
}

TEST(Dram, ClosedPagePolicyMakesEveryAccessAMiss) {
  bench b(pavp::page_policy::CLOSED);
  EXPECT_EQ(b.mem.timing().policy(), pavp::page_policy::CLOSED);
  std::array<unsigned char, 32> buf{};
  b.init.read(0x0, buf.data(), 32);
  EXPECT_EQ(b.init.last_delay, MISS);
  bench::settle();
  b.init.read(0x40, buf.data(), 32);  // same row: still a miss
  EXPECT_EQ(b.init.last_delay, MISS);
  bench::settle();
  b.init.read(0x10000, buf.data(), 32);  // other row: a miss, not a conflict
  EXPECT_EQ(b.init.last_delay, MISS);
  EXPECT_EQ(b.mem.stats().row_misses, 3u);
  EXPECT_EQ(b.mem.stats().row_hits, 0u);
  EXPECT_EQ(b.mem.stats().row_conflicts, 0u);
}

TEST(Dram, DifferentBanksKeepTheirRowsOpen) {
  bench b;
  std::array<unsigned char, 32> buf{};
  b.init.read(0x0000, buf.data(), 32);  // bank 0 row 0
  bench::settle();
  b.init.read(0x2000, buf.data(), 32);  // bank 1 row 0
  bench::settle();
  b.init.read(0x0100, buf.data(), 32);
  EXPECT_EQ(b.init.last_delay, HIT);
  bench::settle();
  b.init.read(0x2100, buf.data(), 32);
  EXPECT_EQ(b.init.last_delay, HIT);
  EXPECT_EQ(b.mem.stats().row_hits, 2u);
  EXPECT_EQ(b.mem.stats().row_misses, 2u);
}

TEST(Dram, LongAccessTakesSeveralBursts) {
  bench b;
  std::vector<unsigned char> buf(256);
  ASSERT_EQ(b.init.read(0x4000, buf.data(), 256), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.init.last_delay, MISS + sc_time(3 * 5000, SC_PS));  // 3 more 4-cycle bursts
  EXPECT_EQ(b.mem.stats().bursts, 4u);
}

TEST(Dram, DataRoundTrip) {
  bench b;
  std::array<unsigned char, 64> out{}, in{};
  for (unsigned i = 0; i < out.size(); ++i) out[i] = static_cast<unsigned char>(0xA0 ^ i);
  ASSERT_EQ(b.init.write(0x1000, out.data(), 64), tlm::TLM_OK_RESPONSE);
  ASSERT_EQ(b.init.read(0x1000, in.data(), 64), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(in, out);
  // Unaligned word.
  const std::uint32_t word = 0xdeadbeef;
  std::uint32_t back = 0;
  ASSERT_EQ(b.init.write(0x2003, &word, 4), tlm::TLM_OK_RESPONSE);
  ASSERT_EQ(b.init.read(0x2003, &back, 4), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(back, word);
  // Untouched memory reads as zero; the last byte is addressable.
  std::uint32_t zero = 1;
  ASSERT_EQ(b.init.read(MEM_SIZE - 4, &zero, 4), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(zero, 0u);
}

TEST(Dram, OutOfRangeIsAnAddressError) {
  bench b;
  std::uint32_t v = 0x12345678;
  EXPECT_EQ(b.init.read(MEM_SIZE, &v, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.init.read(MEM_SIZE - 2, &v, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.init.write(MEM_SIZE - 1, &v, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.init.write(~0ull - 1, &v, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.init.last_delay, SC_ZERO_TIME);
  EXPECT_EQ(b.mem.stats().accesses(), 0u);
  EXPECT_EQ(b.mem.stats().bursts, 0u);
}

TEST(Dram, ByteEnablesStreamingWidthAndLength) {
  bench b;
  std::array<unsigned char, 8> data = {1, 2, 3, 4, 5, 6, 7, 8};
  std::array<unsigned char, 4> be = {TLM_BYTE_ENABLED, TLM_BYTE_DISABLED, TLM_BYTE_ENABLED,
                                     TLM_BYTE_DISABLED};
  payload w(tlm::TLM_WRITE_COMMAND, 0x300, data.data(), 8);
  w.gp.set_byte_enable_ptr(be.data());
  w.gp.set_byte_enable_length(4);  // the pattern repeats
  sc_time delay = SC_ZERO_TIME;
  b.init.socket->b_transport(w.gp, delay);
  ASSERT_EQ(w.gp.get_response_status(), tlm::TLM_OK_RESPONSE);
  std::array<unsigned char, 8> got{};
  ASSERT_EQ(b.init.debug_read(0x300, got.data(), 8), 8u);
  EXPECT_EQ(got, (std::array<unsigned char, 8>{1, 0, 3, 0, 5, 0, 7, 0}));

  payload s(tlm::TLM_READ_COMMAND, 0x300, got.data(), 8);
  s.gp.set_streaming_width(4);
  b.init.socket->b_transport(s.gp, delay);
  EXPECT_EQ(s.gp.get_response_status(), tlm::TLM_BURST_ERROR_RESPONSE);

  payload e(tlm::TLM_READ_COMMAND, 0x300, got.data(), 8);
  e.gp.set_byte_enable_ptr(be.data());
  e.gp.set_byte_enable_length(0);
  b.init.socket->b_transport(e.gp, delay);
  EXPECT_EQ(e.gp.get_response_status(), tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);

  payload z(tlm::TLM_READ_COMMAND, 0x300, got.data(), 0);
  b.init.socket->b_transport(z.gp, delay);
  EXPECT_EQ(z.gp.get_response_status(), tlm::TLM_GENERIC_ERROR_RESPONSE);
  EXPECT_EQ(b.mem.stats().accesses(), 1u);  // only the byte-enabled write
}

TEST(Dram, IgnoreCommandHasNoEffect) {
  bench b;
  const std::uint32_t v = 0x01020304;
  b.init.write(0x80, &v, 4);
  const pavp::dram_stats before = b.mem.stats();
  EXPECT_EQ(b.init.cache_op(pavp::cache_op::FDC, 0x80, 0x80), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.init.last_delay, SC_ZERO_TIME);
  EXPECT_EQ(b.mem.stats().accesses(), before.accesses());
  EXPECT_EQ(b.mem.stats().bursts, before.bursts);
  std::uint32_t back = 0;
  b.init.debug_read(0x80, &back, 4);
  EXPECT_EQ(back, v);
}

TEST(Dram, DebugTransportAndDmiSeeTheSameBytes) {
  bench b;
  std::array<unsigned char, 16> out{};
  for (unsigned i = 0; i < out.size(); ++i) out[i] = static_cast<unsigned char>(i * 7 + 1);
  ASSERT_EQ(b.init.write(0x4000, out.data(), 16), tlm::TLM_OK_RESPONSE);
  const pavp::dram_stats after_write = b.mem.stats();

  std::array<unsigned char, 16> dbg{};
  EXPECT_EQ(b.init.debug_read(0x4000, dbg.data(), 16), 16u);
  EXPECT_EQ(dbg, out);

  tlm::tlm_dmi dmi;
  ASSERT_TRUE(b.init.get_dmi(0x4000, dmi));
  EXPECT_TRUE(dmi.is_read_write_allowed());
  EXPECT_EQ(dmi.get_start_address(), 0u);
  EXPECT_EQ(dmi.get_end_address(), MEM_SIZE - 1);
  EXPECT_EQ(dmi.get_read_latency(), HIT);
  EXPECT_EQ(dmi.get_write_latency(), WRITE_HIT);
  EXPECT_EQ(std::memcmp(dmi.get_dmi_ptr() + 0x4000, out.data(), 16), 0);

  // A debug write shows through DMI, a DMI write through debug and b_transport.
  const std::uint32_t a = 0xcafef00d, c = 0x8badf00d;
  EXPECT_EQ(b.init.debug_write(0x5000, &a, 4), 4u);
  std::uint32_t seen = 0;
  std::memcpy(&seen, dmi.get_dmi_ptr() + 0x5000, 4);
  EXPECT_EQ(seen, a);
  std::memcpy(dmi.get_dmi_ptr() + 0x6000, &c, 4);
  EXPECT_EQ(b.init.debug_read(0x6000, &seen, 4), 4u);
  EXPECT_EQ(seen, c);
  ASSERT_EQ(b.init.read(0x6000, &seen, 4), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(seen, c);

  // Debug accesses cost nothing and are not counted.
  EXPECT_EQ(b.mem.stats().accesses(), after_write.accesses() + 1);
  // At the end of the store the debug interface gives what there is.
  std::array<unsigned char, 8> tail{};
  EXPECT_EQ(b.init.debug_read(MEM_SIZE - 4, tail.data(), 8), 4u);
  EXPECT_EQ(b.init.debug_read(MEM_SIZE, tail.data(), 8), 0u);
  tlm::tlm_dmi none;
  EXPECT_FALSE(b.init.get_dmi(MEM_SIZE, none));

  // b_transport marks its payloads DMI-capable.
  payload p(tlm::TLM_READ_COMMAND, 0x4000, dbg.data(), 4);
  sc_time delay = SC_ZERO_TIME;
  b.init.socket->b_transport(p.gp, delay);
  EXPECT_TRUE(p.gp.is_dmi_allowed());
}

TEST(Dram, StatisticsCountBytesAndKinds) {
  bench b;
  std::vector<unsigned char> buf(128);
  b.init.read(0x0, buf.data(), 32);  // miss
  bench::settle();
  b.init.read(0x20, buf.data(), 32);  // hit (same burst block, row open)
  bench::settle();
  b.init.write(0x40, buf.data(), 128);  // 2 hits
  bench::settle();
  b.init.write(0x10000, buf.data(), 4);  // conflict
  const pavp::dram_stats& s = b.mem.stats();
  EXPECT_EQ(s.reads, 2u);
  EXPECT_EQ(s.writes, 2u);
  EXPECT_EQ(s.bytes_read, 64u);
  EXPECT_EQ(s.bytes_written, 132u);
  EXPECT_EQ(s.row_misses, 1u);
  EXPECT_EQ(s.row_hits, 3u);
  EXPECT_EQ(s.row_conflicts, 1u);
  EXPECT_EQ(s.busy_ps, 5u * 5000u);
  b.mem.reset_stats();
  EXPECT_EQ(b.mem.stats().accesses(), 0u);
}

TEST(Dram, LoadImageWritesTheStoreWithoutTiming) {
  bench b;
  const char image[] = "PA-RISC 1.1 image";
  ASSERT_TRUE(b.mem.load_image(0x100, image, sizeof image));
  char back[sizeof image] = {};
  EXPECT_EQ(b.init.debug_read(0x100, back, sizeof back), sizeof back);
  EXPECT_STREQ(back, image);
  EXPECT_EQ(b.mem.stats().accesses(), 0u);
  EXPECT_EQ(b.mem.size(), MEM_SIZE);
  EXPECT_THROW(b.mem.load_image(MEM_SIZE - 4, image, sizeof image), sc_core::sc_report);
}

}  // namespace

namespace {

// Two DRAMs, one driven through its socket, the other through its direct
// interface (pavp/tlm/direct_memory.h), with the same accesses at the same
// local times: the same data, latencies, responses and statistics.
TEST(Dram, DirectTransportEqualsBTransport) {
  pavp::test::test_initiator init{"init"};
  pavp::dram socket_side("socket_side", ddr3(), MEM_SIZE, pavp::page_policy::OPEN);
  pavp::dram direct_side("direct_side", ddr3(), MEM_SIZE, pavp::page_policy::OPEN);
  pavp::test::test_initiator finder{"finder"};
  init.socket.bind(socket_side.socket);
  finder.socket.bind(direct_side.socket);
  pavp::test::run_elaboration();
  pavp::direct_memory* direct = pavp::find_direct_memory(finder.socket);
  ASSERT_EQ(direct, &direct_side);

  struct step {
    tlm::tlm_command cmd;
    std::uint64_t addr;
    unsigned len;
    std::uint64_t local_ns;
  };
  // Hits, misses, conflicts, a two-burst access, an unaligned one, one past
  // the end of the memory.
  const step steps[] = {
      {tlm::TLM_WRITE_COMMAND, 0x0, 32, 0},     {tlm::TLM_READ_COMMAND, 0x20, 32, 0},
      {tlm::TLM_WRITE_COMMAND, 0x10000, 4, 3},  {tlm::TLM_READ_COMMAND, 0x2000, 64, 10},
      {tlm::TLM_READ_COMMAND, 0x0, 32, 10},     {tlm::TLM_WRITE_COMMAND, 0x12006, 2, 400},
      {tlm::TLM_READ_COMMAND, 0x10000, 4, 400}, {tlm::TLM_READ_COMMAND, MEM_SIZE - 2, 4, 500}};
  unsigned i = 0;
  for (const step& s : steps) {
    SCOPED_TRACE(i++);
    std::array<unsigned char, 64> a{}, b{};
    for (unsigned k = 0; k < 64; ++k) a[k] = b[k] = static_cast<unsigned char>(i * 64 + k);
    payload p(s.cmd, s.addr, a.data(), s.len);
    sc_time socket_delay(static_cast<double>(s.local_ns), SC_NS);
    init.socket->b_transport(p.gp, socket_delay);
    sc_time direct_delay(static_cast<double>(s.local_ns), SC_NS);
    EXPECT_EQ(pavp::direct_transport(*direct, s.cmd, s.addr, b.data(), s.len, direct_delay),
              p.gp.get_response_status());
    EXPECT_EQ(direct_delay, socket_delay);
    EXPECT_EQ(a, b);
  }
  std::ostringstream socket_stats, direct_stats;
  socket_side.stats().print(socket_stats);
  direct_side.stats().print(direct_stats);
  EXPECT_EQ(direct_stats.str(), socket_stats.str());
  EXPECT_EQ(socket_side.stats().accesses(), 7u);  // the out-of-range one is refused
}

// The view a cache prefetches through (direct_memory::prefetch_view): the
// whole store from address 0, holding what was written through the socket;
// asking for it is no access.
TEST(Dram, PrefetchViewIsTheStoreFromAddressZero) {
  pavp::test::test_initiator init{"init"};
  pavp::dram mem("mem", ddr3(), MEM_SIZE, pavp::page_policy::OPEN);
  init.socket.bind(mem.socket);
  pavp::test::run_elaboration();
  std::array<unsigned char, 8> bytes{1, 2, 3, 4, 5, 6, 7, 8};
  payload p(tlm::TLM_WRITE_COMMAND, 0x3008, bytes.data(), 8);
  sc_time delay = SC_ZERO_TIME;
  init.socket->b_transport(p.gp, delay);
  ASSERT_TRUE(p.gp.is_response_ok());
  std::ostringstream before, after;
  mem.stats().print(before);
  std::uint64_t size = 0;
  const unsigned char* view = static_cast<const pavp::direct_memory&>(mem).prefetch_view(size);
  ASSERT_NE(view, nullptr);
  EXPECT_EQ(size, MEM_SIZE);
  EXPECT_EQ(std::memcmp(view + 0x3008, bytes.data(), 8), 0);
  EXPECT_EQ(view[0x3007], 0u);
  mem.stats().print(after);
  EXPECT_EQ(after.str(), before.str());
}

}  // namespace
