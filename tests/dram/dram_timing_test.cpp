// Tests of the DRAM timing core with the shipped DDR3-1600 spec (Micron
// MT41J128M8 -125: tCK 1.25 ns, CL 11, CWL 8, tRCD 11, tRP 11, tRAS 28,
// tWR 12, BL8 on a 64-bit bus = 64-byte bursts of 4 clocks; row:bank:column
// mapping, so a bank's row holds 8 KiB and bank b, row r starts at
// r * 64 KiB + b * 8 KiB). Every expected latency below is written as its
// formula in clock cycles.
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pavp/dram/dram_timing.h"

namespace {

using pavp::row_outcome;

constexpr std::uint64_t TCK = 1250;  // ps
constexpr std::uint64_t CL = 11, CWL = 8, RCD = 11, RP = 11, RAS = 28, WR = 12;
constexpr std::uint64_t BURST = 4;  // BL8 / 2 (DDR)
constexpr std::uint64_t ps(std::uint64_t cycles) {
  return cycles * TCK;
}

constexpr std::uint64_t ROW_BYTES = 8192;    // columns * 8 bytes
constexpr std::uint64_t ROW_STRIDE = 65536;  // 8 banks of one row index
std::uint64_t at(unsigned bank, std::uint64_t row, std::uint64_t byte = 0) {
  return row * ROW_STRIDE + bank * ROW_BYTES + byte;
}

constexpr std::uint64_t IDLE = 1000000;  // 1 us: every bank and the bus are idle again

pavp::dram_spec ddr3() {
  return pavp::load_dram_spec_file(std::string(PAVP_SOURCE_DIR) +
                                   "/models/dram/specs/ddr3-1600-micron-mt41j128m8.json");
}

TEST(DramTiming, ReadLatenciesFromTheSpec) {
  pavp::dram_timing t(ddr3(), pavp::page_policy::OPEN);
  // Bank 0 is precharged: ACTIVATE, READ, data.
  auto miss = t.access(at(0, 5), false, 32, 0);
  EXPECT_EQ(miss.kind, row_outcome::ROW_MISS);
  EXPECT_EQ(miss.latency_ps, ps(RCD + CL + BURST));  // 26 cycles
  EXPECT_EQ(miss.latency_ps, 32500u);
  // Row 5 is open: READ, data.
  auto hit = t.access(at(0, 5, 64), false, 32, IDLE);
  EXPECT_EQ(hit.kind, row_outcome::ROW_HIT);
  EXPECT_EQ(hit.latency_ps, ps(CL + BURST));  // 15 cycles
  EXPECT_EQ(hit.latency_ps, 18750u);
  // Row 6 of the same bank: PRECHARGE, ACTIVATE, READ, data.
  auto conflict = t.access(at(0, 6), false, 32, 2 * IDLE);
  EXPECT_EQ(conflict.kind, row_outcome::ROW_CONFLICT);
  EXPECT_EQ(conflict.latency_ps, ps(RP + RCD + CL + BURST));  // 37 cycles
  EXPECT_EQ(conflict.latency_ps, 46250u);
  EXPECT_LT(hit.latency_ps, miss.latency_ps);
  EXPECT_LT(miss.latency_ps, conflict.latency_ps);

  EXPECT_EQ(t.hit_latency_ps(false), hit.latency_ps);
  EXPECT_EQ(t.miss_latency_ps(false), miss.latency_ps);
  EXPECT_EQ(t.conflict_latency_ps(false), conflict.latency_ps);
}

TEST(DramTiming, WriteLatenciesUseCwl) {
  pavp::dram_timing t(ddr3(), pavp::page_policy::OPEN);
  auto miss = t.access(at(3, 1), true, 64, 0);
  EXPECT_EQ(miss.kind, row_outcome::ROW_MISS);
  EXPECT_EQ(miss.latency_ps, ps(RCD + CWL + BURST));  // 23 cycles = 28.75 ns
  auto hit = t.access(at(3, 1, 128), true, 64, IDLE);
  EXPECT_EQ(hit.kind, row_outcome::ROW_HIT);
  EXPECT_EQ(hit.latency_ps, ps(CWL + BURST));  // 12 cycles = 15 ns
  auto conflict = t.access(at(3, 2), true, 64, 2 * IDLE);
  EXPECT_EQ(conflict.kind, row_outcome::ROW_CONFLICT);
  EXPECT_EQ(conflict.latency_ps, ps(RP + RCD + CWL + BURST));  // 34 cycles = 42.5 ns
  EXPECT_EQ(t.hit_latency_ps(true), 15000u);
  EXPECT_EQ(t.miss_latency_ps(true), 28750u);
  EXPECT_EQ(t.conflict_latency_ps(true), 42500u);
}

TEST(DramTiming, ConflictWaitsOutTras) {
  pavp::dram_timing t(ddr3(), pavp::page_policy::OPEN);
  t.access(at(0, 0), false, 32, 0);  // ACTIVATE at 0
  // Another row at once: PRECHARGE may not issue before ACTIVATE + tRAS.
  auto r = t.access(at(0, 1), false, 32, 0);
  EXPECT_EQ(r.kind, row_outcome::ROW_CONFLICT);
  EXPECT_EQ(r.latency_ps, ps(RAS + RP + RCD + CL + BURST));  // 65 cycles = 81.25 ns
}

TEST(DramTiming, ConflictAfterWriteWaitsOutWriteRecovery) {
  pavp::dram_timing t(ddr3(), pavp::page_policy::OPEN);
  auto w = t.access(at(0, 0), true, 64, 0);  // data ends at RCD + CWL + BURST = 23 cycles
  const std::uint64_t data_end = w.latency_ps;
  // PRECHARGE waits for data end + tWR (35 cycles, later than tRAS = 28).
  auto r = t.access(at(0, 1), false, 32, data_end);
  EXPECT_EQ(r.kind, row_outcome::ROW_CONFLICT);
  EXPECT_EQ(r.latency_ps, ps(WR + RP + RCD + CL + BURST));  // 49 cycles = 61.25 ns
}

TEST(DramTiming, ClosedPagePrechargesAfterEveryAccess) {
  pavp::dram_timing t(ddr3(), pavp::page_policy::CLOSED);
  EXPECT_EQ(t.policy(), pavp::page_policy::CLOSED);
  auto first = t.access(at(0, 7), false, 32, 0);
  EXPECT_EQ(first.kind, row_outcome::ROW_MISS);
  EXPECT_EQ(first.latency_ps, ps(RCD + CL + BURST));
  std::uint64_t row = 0;
  EXPECT_FALSE(t.open_row(0, row));  // auto-precharged
  // The same row again: a miss, not a hit.
  auto again = t.access(at(0, 7, 64), false, 32, IDLE);
  EXPECT_EQ(again.kind, row_outcome::ROW_MISS);
  EXPECT_EQ(again.latency_ps, ps(RCD + CL + BURST));
  // Another row: still a miss (never a conflict under a closed-page policy).
  auto other = t.access(at(0, 8), false, 32, 2 * IDLE);
  EXPECT_EQ(other.kind, row_outcome::ROW_MISS);
  EXPECT_EQ(other.latency_ps, ps(RCD + CL + BURST));
  // Arriving as soon as the last data is out, before the auto-precharge
  // (ACTIVATE + tRAS) has completed (+ tRP): the access waits for it.
  const std::uint64_t early = 2 * IDLE + other.latency_ps;
  auto waits = t.access(at(0, 8), false, 32, early);
  EXPECT_EQ(waits.kind, row_outcome::ROW_MISS);
  EXPECT_EQ(waits.latency_ps, ps(RAS + RP) - other.latency_ps + ps(RCD + CL + BURST));
  EXPECT_EQ(waits.latency_ps, 48750u);  // 39 cycles
  // After a write the precharge waits for tWR.
  auto w = t.access(at(1, 0), true, 64, 3 * IDLE);
  EXPECT_EQ(w.latency_ps, ps(RCD + CWL + BURST));
  auto after_write = t.access(at(1, 0), false, 32, 3 * IDLE + w.latency_ps);
  EXPECT_EQ(after_write.kind, row_outcome::ROW_MISS);
  EXPECT_EQ(after_write.latency_ps, ps(WR + RP + RCD + CL + BURST));
  const pavp::dram_stats& s = t.stats();
  EXPECT_EQ(s.row_hits, 0u);
  EXPECT_EQ(s.row_conflicts, 0u);
  EXPECT_EQ(s.row_misses, 6u);
}

TEST(DramTiming, DecodeFollowsTheMapping) {
  pavp::dram_timing t(ddr3(), pavp::page_policy::OPEN);
  // row:bank:column: bits 2..0 byte, 12..3 column, 15..13 bank, 29..16 row.
  auto a = t.decode(0x12345678);
  EXPECT_EQ(a.row, 0x1234u);
  EXPECT_EQ(a.bank, 2u);
  EXPECT_EQ(a.column, 719u);  // (0x5678 >> 3) & 0x3ff
  auto b = t.decode(at(7, 100, 8191));
  EXPECT_EQ(b.bank, 7u);
  EXPECT_EQ(b.row, 100u);
  EXPECT_EQ(b.column, 1023u);
  // Bits above the 1 GiB the spec addresses wrap.
  auto c = t.decode((1ull << 30) + at(1, 2, 8));
  EXPECT_EQ(c.bank, 1u);
  EXPECT_EQ(c.row, 2u);
  EXPECT_EQ(c.column, 1u);

  // row:column:bank puts consecutive 64-byte bursts in consecutive banks.
  pavp::dram_spec s = ddr3();
  s.mapping = {pavp::address_field::ROW, pavp::address_field::COLUMN, pavp::address_field::BANK};
  pavp::dram_timing inter(s, pavp::page_policy::OPEN);
  EXPECT_EQ(inter.decode(0).bank, 0u);
  EXPECT_EQ(inter.decode(64).bank, 1u);
  EXPECT_EQ(inter.decode(7 * 64 + 8).bank, 7u);
  EXPECT_EQ(inter.decode(7 * 64 + 8).column, 1u);
  EXPECT_EQ(inter.decode(8 * 64).bank, 0u);
  EXPECT_EQ(inter.decode(8 * 64).column, 8u);  // second burst of the row
  EXPECT_EQ(inter.decode(64 * 1024).row, 1u);  // 8 banks * 8 KiB
  EXPECT_EQ(inter.decode(64 * 1024).bank, 0u);
}

TEST(DramTiming, BanksKeepTheirRowsOpenIndependently) {
  pavp::dram_timing t(ddr3(), pavp::page_policy::OPEN);
  EXPECT_EQ(t.access(at(0, 3), false, 32, 0).kind, row_outcome::ROW_MISS);
  EXPECT_EQ(t.access(at(1, 9), false, 32, IDLE).kind, row_outcome::ROW_MISS);
  std::uint64_t row = 0;
  ASSERT_TRUE(t.open_row(0, row));
  EXPECT_EQ(row, 3u);
  ASSERT_TRUE(t.open_row(1, row));
  EXPECT_EQ(row, 9u);
  EXPECT_FALSE(t.open_row(2, row));
  // Both rows are still open: hits in both banks.
  auto h0 = t.access(at(0, 3, 256), false, 32, 2 * IDLE);
  auto h1 = t.access(at(1, 9, 512), false, 32, 3 * IDLE);
  EXPECT_EQ(h0.kind, row_outcome::ROW_HIT);
  EXPECT_EQ(h1.kind, row_outcome::ROW_HIT);
  EXPECT_EQ(h0.latency_ps, ps(CL + BURST));
  EXPECT_EQ(h1.latency_ps, ps(CL + BURST));
}

TEST(DramTiming, DifferentBanksOverlapSameBankSerialises) {
  // Two misses arriving together in different banks: the second ACTIVATE
  // runs in parallel, only its burst waits for the data bus.
  pavp::dram_timing t(ddr3(), pavp::page_policy::OPEN);
  auto a = t.access(at(0, 0), false, 32, 0);
  auto b = t.access(at(1, 0), false, 32, 0);
  EXPECT_EQ(a.latency_ps, ps(RCD + CL + BURST));
  EXPECT_EQ(b.kind, row_outcome::ROW_MISS);
  EXPECT_EQ(b.latency_ps, ps(RCD + CL + 2 * BURST));  // 30 cycles
  // Two hits to one open row arriving together: back-to-back bursts.
  auto c = t.access(at(0, 0, 64), false, 32, IDLE);
  auto d = t.access(at(0, 0, 128), false, 32, IDLE);
  EXPECT_EQ(c.latency_ps, ps(CL + BURST));
  EXPECT_EQ(d.latency_ps, ps(CL + 2 * BURST));
}

TEST(DramTiming, LongAccessTakesBackToBackBursts) {
  pavp::dram_timing t(ddr3(), pavp::page_policy::OPEN);
  // 256 bytes = 4 bursts in one row: one ACTIVATE, four READs.
  auto r = t.access(at(2, 4), false, 256, 0);
  EXPECT_EQ(r.bursts, 4u);
  EXPECT_EQ(r.kind, row_outcome::ROW_MISS);
  EXPECT_EQ(r.latency_ps, ps(RCD + CL + 4 * BURST));  // 38 cycles = 47.5 ns
  EXPECT_EQ(t.stats().row_misses, 1u);
  EXPECT_EQ(t.stats().row_hits, 3u);
  // A 16-byte access across a burst boundary touches two bursts.
  auto u = t.access(at(2, 4, 56), false, 16, IDLE);
  EXPECT_EQ(u.bursts, 2u);
  EXPECT_EQ(u.latency_ps, ps(CL + 2 * BURST));
  // 128 bytes written to an open row.
  auto w = t.access(at(2, 4, 1024), true, 128, 2 * IDLE);
  EXPECT_EQ(w.bursts, 2u);
  EXPECT_EQ(w.latency_ps, ps(CWL + 2 * BURST));
  // Across the end of bank 2's row into bank 3 (row 4 there is closed): the
  // second burst's ACTIVATE runs during the first burst.
  auto x = t.access(at(2, 4, ROW_BYTES - 64), false, 128, 3 * IDLE);
  EXPECT_EQ(x.bursts, 2u);
  EXPECT_EQ(x.kind, row_outcome::ROW_HIT);
  EXPECT_EQ(x.latency_ps, ps(RCD + CL + BURST));  // bank 3's miss bounds it
  std::uint64_t row = 0;
  ASSERT_TRUE(t.open_row(3, row));
  EXPECT_EQ(row, 4u);
}

TEST(DramTiming, ClosedPageKeepsTheRowOpenWithinOneAccess) {
  pavp::dram_timing t(ddr3(), pavp::page_policy::CLOSED);
  auto r = t.access(at(0, 1), false, 256, 0);
  EXPECT_EQ(r.latency_ps, ps(RCD + CL + 4 * BURST));
  EXPECT_EQ(t.stats().row_misses, 1u);
  EXPECT_EQ(t.stats().row_hits, 3u);
  std::uint64_t row = 0;
  EXPECT_FALSE(t.open_row(0, row));
}

TEST(DramTiming, StatisticsCountAccessesBurstsAndBytes) {
  pavp::dram_timing t(ddr3(), pavp::page_policy::OPEN);
  t.access(at(0, 0), false, 32, 0);             // miss
  t.access(at(0, 0, 64), false, 32, IDLE);      // hit
  t.access(at(0, 1), true, 64, 2 * IDLE);       // conflict
  t.access(at(0, 1, 64), true, 128, 3 * IDLE);  // 2 hits
  const pavp::dram_stats& s = t.stats();
  EXPECT_EQ(s.reads, 2u);
  EXPECT_EQ(s.writes, 2u);
  EXPECT_EQ(s.accesses(), 4u);
  EXPECT_EQ(s.bytes_read, 64u);
  EXPECT_EQ(s.bytes_written, 192u);
  EXPECT_EQ(s.row_hits, 3u);
  EXPECT_EQ(s.row_misses, 1u);
  EXPECT_EQ(s.row_conflicts, 1u);
  EXPECT_EQ(s.bursts, 5u);
  EXPECT_EQ(s.busy_ps, 5 * ps(BURST));
  EXPECT_EQ(s.total_latency_ps, ps(RCD + CL + BURST) + ps(CL + BURST) + ps(RP + RCD + CWL + BURST) +
                                    ps(CWL + 2 * BURST));
  std::ostringstream out;
  s.print(out);
  EXPECT_NE(out.str().find("row_hits 3\n"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("bytes_written 192\n"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("row_conflicts 1\n"), std::string::npos) << out.str();
  t.reset_stats();
  EXPECT_EQ(t.stats().reads, 0u);
  EXPECT_EQ(t.stats().row_hits, 0u);
  // Resetting the statistics keeps the banks: row 1 is still open.
  EXPECT_EQ(t.access(at(0, 1), false, 8, 4 * IDLE).kind, row_outcome::ROW_HIT);
  t.reset();  // banks too
  EXPECT_EQ(t.access(at(0, 1), false, 8, 0).kind, row_outcome::ROW_MISS);
}

TEST(DramTiming, SdrSpecLatencies) {
  const pavp::dram_spec s = pavp::load_dram_spec_file(
      std::string(PAVP_SOURCE_DIR) + "/models/dram/specs/sdr-pc100-micron-mt48lc16m8a2.json");
  pavp::dram_timing t(s);  // the spec's own policy: open
  // tCK 10 ns, CL 2, tRCD 2, tRP 2, BL4 at SDR = 4 clocks.
  EXPECT_EQ(t.access(0, false, 32, 0).latency_ps, 80000u);      // 2 + 2 + 4 cycles
  EXPECT_EQ(t.access(32, false, 32, IDLE).latency_ps, 60000u);  // 2 + 4
  // Row 1 of bank 0: 4 banks * 8 KiB further.
  auto c = t.access(4 * 8192, false, 32, 2 * IDLE);
  EXPECT_EQ(c.kind, row_outcome::ROW_CONFLICT);
  EXPECT_EQ(c.latency_ps, 100000u);           // 2 + 2 + 2 + 4
  EXPECT_EQ(t.hit_latency_ps(true), 40000u);  // CWL 0 + 4
}

// A cache's fill or write-back of a whole line that lies in one burst may
// skip the burst test (access_in_burst(), after aligned_fits_burst() once):
// the same latencies, kinds and statistics as access() gives it.
TEST(DramTiming, AnAlignedLineInOneBurstAsAccessGivesIt) {
  pavp::dram_timing t(ddr3(), pavp::page_policy::OPEN);  // 64-byte bursts
  EXPECT_TRUE(t.aligned_fits_burst(32));
  EXPECT_TRUE(t.aligned_fits_burst(64));
  EXPECT_FALSE(t.aligned_fits_burst(128));  // two bursts
  EXPECT_FALSE(t.aligned_fits_burst(48));   // at 48, it crosses a burst
  EXPECT_FALSE(t.aligned_fits_burst(0));
  pavp::dram_timing u(ddr3(), pavp::page_policy::OPEN);
  // Hits, misses and conflicts in two banks, reads and writes, close together.
  const std::uint64_t lines[] = {at(0, 1), at(0, 1, 32), at(1, 2), at(0, 3, 64), at(1, 2, 96)};
  std::uint64_t now = 0;
  for (unsigned i = 0; i < 20; ++i) {
    const std::uint64_t a = lines[i % 5];
    const bool write = (i % 3) == 0;
    const pavp::dram_access_result x = t.access_in_burst(a, write, 32, now);
    const pavp::dram_access_result y = u.access(a, write, 32, now);
    EXPECT_EQ(x.latency_ps, y.latency_ps) << "access " << i;
    EXPECT_EQ(x.kind, y.kind) << "access " << i;
    EXPECT_EQ(x.bursts, 1u);
    now += ps(3);
  }
  std::ostringstream a, b;
  t.stats().print(a);
  u.stats().print(b);
  EXPECT_EQ(a.str(), b.str());
  EXPECT_GT(t.stats().row_conflicts, 0u);
  const pavp::dram_timing sdr(pavp::load_dram_spec_file(
      std::string(PAVP_SOURCE_DIR) + "/models/dram/specs/sdr-pc100-micron-mt48lc16m8a2.json"));
  EXPECT_TRUE(sdr.aligned_fits_burst(32));  // 32-byte bursts
  EXPECT_FALSE(sdr.aligned_fits_burst(64));
}

TEST(DramTiming, RejectsBadParameters) {
  pavp::dram_spec s = ddr3();
  s.rp = 0;
  try {
    pavp::dram_timing t(s, pavp::page_policy::OPEN);
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("timing.tRP: 0 is not accepted"), std::string::npos);
  }
  pavp::dram_timing t(ddr3(), pavp::page_policy::OPEN);
  EXPECT_THROW(t.access(0, false, 0, 0), std::invalid_argument);
  EXPECT_EQ(t.stats().accesses(), 0u);
}

// The statistics' one shape (models/common/stats.h): the summary is the
// counters a platform shows; ALL adds the latency sum behind the mean.
TEST(dram_timing, statistics_visit_summary_and_all) {
  pavp::dram_stats s;
  s.total_latency_ps = 123;
  std::vector<std::string> summary, all;
  s.visit([&](const char* name, std::uint64_t) { summary.emplace_back(name); },
          pavp::stat_detail::SUMMARY);
  s.visit([&](const char* name, std::uint64_t) { all.emplace_back(name); });
  EXPECT_EQ(summary,
            (std::vector<std::string>{"row_hits", "row_misses", "row_conflicts", "reads", "writes",
                                      "bytes_read", "bytes_written", "bursts", "busy_ps"}));
  ASSERT_EQ(all.size(), summary.size() + 1);
  EXPECT_EQ(all.back(), "total_latency_ps");
}

}  // namespace
