// Test bench of the sim-control device: the register semantics of the core,
// then the device through its TLM socket (big-endian registers, exit and
// sc_stop, markers with time, pid/tid, schedule queries, result records and
// error responses).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include <systemc>
#include <tlm>

#include "pavp/devices/simctl.h"
#include "pavp/devices/simctl_regs.h"
#include "temp_dir.h"
#include "test_initiator.h"

namespace {

// Marker ids, result keys and values are the guest's to define; the device
// records whatever it is given. These stand for a guest's own.
constexpr std::uint32_t k_mark_fork = 2;
constexpr std::uint32_t k_mark_cow_fault = 3;
constexpr std::uint32_t k_result_outcome = 1;
constexpr std::uint32_t k_result_steps = 2;
constexpr std::uint32_t k_result_cow_faults = 4;
constexpr std::uint32_t k_outcome_corrupted = 1;
constexpr std::uint32_t k_outcome_hang = 2;

using core = pavp::simctl_core;
using sc_core::SC_NS;
using sc_core::sc_time;

// ---------------------------------------------------------------------------
// simctl_core (plain C++)

TEST(simctl_core, identifies_itself) {
  core c;
  std::uint32_t v = 0;
  ASSERT_EQ(c.read(PAVP_SIMCTL_ID, v), core::status::OK);
  EXPECT_EQ(v, 0x50415653u);
  ASSERT_EQ(c.read(PAVP_SIMCTL_VERSION, v), core::status::OK);
  EXPECT_EQ(v, PAVP_SIMCTL_VERSION_VALUE);
  ASSERT_EQ(c.read(PAVP_SIMCTL_SCHED_DECISION, v), core::status::OK);
  EXPECT_EQ(v, PAVP_SCHED_NO_DECISION);
}

TEST(simctl_core, rejects_unknown_offsets_and_read_only_writes) {
  core c;
  std::uint32_t v = 0;
  EXPECT_EQ(c.read(0x1C, v), core::status::ADDRESS_ERROR);  // hole in the map
  EXPECT_EQ(c.read(PAVP_SIMCTL_REGS_END, v), core::status::ADDRESS_ERROR);
  EXPECT_EQ(c.write(0x1C, 1, 0), core::status::ADDRESS_ERROR);
  for (std::uint32_t ro :
       {PAVP_SIMCTL_ID, PAVP_SIMCTL_VERSION, PAVP_SIMCTL_SCHED_DECISION, PAVP_SIMCTL_SCHED_COUNT,
        PAVP_SIMCTL_RESULT_COUNT, PAVP_SIMCTL_QUERY_VALUE}) {
    EXPECT_EQ(c.write(ro, 1, 0), core::status::COMMAND_ERROR) << ro;
  }
}

TEST(simctl_core, a_query_latches_the_platforms_answer) {
  core c;
  std::uint32_t v = 0;
  core::effect e = core::effect::NONE;
  // No one to answer: unknown.
  EXPECT_EQ(c.write(PAVP_SIMCTL_QUERY_KEY, 1, 0, &e), core::status::OK);
  EXPECT_EQ(e, core::effect::QUERY);
  ASSERT_EQ(c.read(PAVP_SIMCTL_QUERY_VALUE, v), core::status::OK);
  EXPECT_EQ(v, PAVP_QUERY_UNKNOWN);
  std::vector<std::uint32_t> asked;
  c.set_query([&](std::uint32_t key) {
    asked.push_back(key);
    return key == 1 ? 42u : PAVP_QUERY_UNKNOWN;
  });
  c.write(PAVP_SIMCTL_QUERY_KEY, 1, 0);
  c.read(PAVP_SIMCTL_QUERY_VALUE, v);
  EXPECT_EQ(v, 42u);
  c.read(PAVP_SIMCTL_QUERY_VALUE, v);  // reading asks nothing
  c.read(PAVP_SIMCTL_QUERY_KEY, v);
  EXPECT_EQ(v, 1u);
  c.write(PAVP_SIMCTL_QUERY_KEY, 9, 0);
  c.read(PAVP_SIMCTL_QUERY_VALUE, v);
  EXPECT_EQ(v, PAVP_QUERY_UNKNOWN);
  EXPECT_EQ(asked, (std::vector<std::uint32_t>{1, 9}));
  // A reset keeps who answers.
  c.reset();
  c.write(PAVP_SIMCTL_QUERY_KEY, 1, 0);
  c.read(PAVP_SIMCTL_QUERY_VALUE, v);
  EXPECT_EQ(v, 42u);
}

TEST(simctl_core, records_exit_markers_and_current_thread) {
  core c;
  core::effect e = core::effect::NONE;
  EXPECT_EQ(c.write(PAVP_SIMCTL_CUR_PID, 7, 0, &e), core::status::OK);
  EXPECT_EQ(e, core::effect::CURRENT);
  c.write(PAVP_SIMCTL_CUR_TID, 8, 0);
  c.write(PAVP_SIMCTL_MARK_BEGIN, k_mark_fork, 1000, &e);
  EXPECT_EQ(e, core::effect::MARKER);
  c.write(PAVP_SIMCTL_CUR_TID, 9, 0);
  c.write(PAVP_SIMCTL_MARK_END, k_mark_fork, 5000);
  ASSERT_EQ(c.markers().size(), 2u);
  EXPECT_TRUE(c.markers()[0].begin);
  EXPECT_EQ(c.markers()[0].id, k_mark_fork);
  EXPECT_EQ(c.markers()[0].time_ps, 1000u);
  EXPECT_EQ(c.markers()[0].pid, 7u);
  EXPECT_EQ(c.markers()[0].tid, 8u);
  EXPECT_FALSE(c.markers()[1].begin);
  EXPECT_EQ(c.markers()[1].tid, 9u);

  EXPECT_FALSE(c.exited());
  c.write(PAVP_SIMCTL_EXIT, 3, 0, &e);
  EXPECT_EQ(e, core::effect::EXIT);
  EXPECT_TRUE(c.exited());
  EXPECT_EQ(c.exit_code(), 3u);
  std::uint32_t v = 0;
  c.read(PAVP_SIMCTL_EXIT, v);
  EXPECT_EQ(v, 3u);
  c.read(PAVP_SIMCTL_MARK_BEGIN, v);
  EXPECT_EQ(v, 0u);  // write-only: reads 0

  c.reset();
  EXPECT_FALSE(c.exited());
  EXPECT_TRUE(c.markers().empty());
}

TEST(simctl_core, answers_schedule_queries) {
  core c;
  c.set_schedule(pavp::make_schedule("seed", {{4, 3, 2}, {5, 2, 1}}));
  core::effect e = core::effect::NONE;
  c.write(PAVP_SIMCTL_SCHED_POINT, 4, 0);
  c.write(PAVP_SIMCTL_SCHED_NCHOICES, 3, 0, &e);
  EXPECT_EQ(e, core::effect::SCHEDULE);
  std::uint32_t v = 0;
  c.read(PAVP_SIMCTL_SCHED_DECISION, v);
  EXPECT_EQ(v, 2u);
  c.read(PAVP_SIMCTL_SCHED_DECISION, v);  // reading has no side effect
  EXPECT_EQ(v, 2u);
  c.write(PAVP_SIMCTL_SCHED_POINT, 6, 0);  // not what the list expects
  c.write(PAVP_SIMCTL_SCHED_NCHOICES, 2, 0, &e);
  EXPECT_EQ(e, core::effect::SCHEDULE_ERROR);
  c.read(PAVP_SIMCTL_SCHED_DECISION, v);
  EXPECT_EQ(v, PAVP_SCHED_NO_DECISION);
  EXPECT_NE(c.schedule_error().find("expects point 5"), std::string::npos) << c.schedule_error();
  c.read(PAVP_SIMCTL_SCHED_COUNT, v);
  EXPECT_EQ(v, 1u);
  c.read(PAVP_SIMCTL_SCHED_POINT, v);
  EXPECT_EQ(v, 6u);
}

TEST(simctl_core, query_without_schedule_fails) {
  core c;
  core::effect e = core::effect::NONE;
  c.write(PAVP_SIMCTL_SCHED_POINT, 2, 0);
  c.write(PAVP_SIMCTL_SCHED_NCHOICES, 2, 0, &e);
  EXPECT_EQ(e, core::effect::SCHEDULE_ERROR);
  EXPECT_NE(c.schedule_error().find("no schedule is configured"), std::string::npos);
}

TEST(simctl_core, appends_result_records) {
  core c;
  core::effect e = core::effect::NONE;
  c.write(PAVP_SIMCTL_RESULT_KEY, k_result_outcome, 0);
  c.write(PAVP_SIMCTL_RESULT_VALUE_LO, k_outcome_corrupted, 0, &e);
  EXPECT_EQ(e, core::effect::RESULT);
  c.write(PAVP_SIMCTL_RESULT_KEY, k_result_steps, 0);
  c.write(PAVP_SIMCTL_RESULT_VALUE_HI, 0x1, 0);
  c.write(PAVP_SIMCTL_RESULT_VALUE_LO, 0x23456789, 0);
  c.write(PAVP_SIMCTL_RESULT_VALUE_LO, 5, 0);  // HI was cleared by the append
  const std::vector<pavp::simctl_result> expected = {{k_result_outcome, k_outcome_corrupted},
                                                     {k_result_steps, 0x123456789ull},
                                                     {k_result_steps, 5}};
  EXPECT_EQ(c.results(), expected);
  std::uint32_t v = 0;
  c.read(PAVP_SIMCTL_RESULT_COUNT, v);
  EXPECT_EQ(v, 3u);
}

// ---------------------------------------------------------------------------
// simctl through its socket. Each TEST runs in its own process.

std::array<unsigned char, 4> be32(std::uint32_t v) {
  return {static_cast<unsigned char>(v >> 24), static_cast<unsigned char>(v >> 16),
          static_cast<unsigned char>(v >> 8), static_cast<unsigned char>(v)};
}

struct bench {
  pavp::test::test_initiator init{"init"};
  pavp::simctl dev{"simctl", sc_time(2, SC_NS)};

  bench() {
    init.socket.bind(dev.socket);
    dev.set_stop_on_exit(false);
    pavp::test::run_elaboration();
  }
  tlm::tlm_response_status write(std::uint32_t offset, std::uint32_t value) {
    const auto bytes = be32(value);
    return init.write(offset, bytes.data(), 4);
  }
  std::uint32_t read(std::uint32_t offset) {
    std::array<unsigned char, 4> b{};
    EXPECT_EQ(init.read(offset, b.data(), 4), tlm::TLM_OK_RESPONSE) << offset;
    return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
           b[3];
  }
  std::uint32_t decide(std::uint32_t point, std::uint32_t n) {
    write(PAVP_SIMCTL_SCHED_POINT, point);
    write(PAVP_SIMCTL_SCHED_NCHOICES, n);
    return read(PAVP_SIMCTL_SCHED_DECISION);
  }
};

TEST(simctl, registers_are_big_endian) {
  bench b;
  std::array<unsigned char, 4> id{};
  ASSERT_EQ(b.init.read(PAVP_SIMCTL_ID, id.data(), 4), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(std::string(id.begin(), id.end()), "PAVS");
  EXPECT_EQ(b.init.last_delay, sc_time(2, SC_NS));
  const unsigned char pid[4] = {0x12, 0x34, 0x56, 0x78};
  ASSERT_EQ(b.init.write(PAVP_SIMCTL_CUR_PID, pid, 4), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.dev.core().pid(), 0x12345678u);
}

// A thread that writes EXIT at 100 ns and would go on until 1 us.
struct exit_driver : sc_core::sc_module {
  pavp::test::test_initiator& init;
  bool finished = false;
  SC_HAS_PROCESS(exit_driver);
  exit_driver(sc_core::sc_module_name n, pavp::test::test_initiator& i) : sc_module(n), init(i) {
    SC_THREAD(run);
  }
  void run() {
    wait(100, SC_NS);
    const auto code = be32(42);
    init.write(PAVP_SIMCTL_EXIT, code.data(), 4);
    wait(900, SC_NS);
    finished = true;
  }
};

TEST(simctl, exit_records_the_code_and_stops_the_simulation) {
  pavp::test::test_initiator init("init");
  pavp::simctl dev("simctl");
  exit_driver driver("driver", init);
  init.socket.bind(dev.socket);
  std::vector<std::uint32_t> seen;
  dev.on_exit([&](std::uint32_t code) { seen.push_back(code); });
  EXPECT_TRUE(dev.stop_on_exit());
  sc_core::sc_start();
  EXPECT_TRUE(dev.exited());
  EXPECT_EQ(dev.exit_code(), 42u);
  EXPECT_EQ(seen, std::vector<std::uint32_t>{42});
  EXPECT_EQ(sc_core::sc_time_stamp(), sc_time(100, SC_NS));
  EXPECT_FALSE(driver.finished);
  EXPECT_EQ(sc_core::sc_get_status(), sc_core::SC_STOPPED);
}

TEST(simctl, exit_without_stop_only_records) {
  bench b;
  bool called = false;
  b.dev.on_exit([&](std::uint32_t code) { called = code == 7; });
  EXPECT_EQ(b.write(PAVP_SIMCTL_EXIT, 7), tlm::TLM_OK_RESPONSE);
  EXPECT_TRUE(called);
  EXPECT_TRUE(b.dev.exited());
  EXPECT_EQ(b.read(PAVP_SIMCTL_EXIT), 7u);
  EXPECT_NE(sc_core::sc_get_status(), sc_core::SC_STOPPED);
}

TEST(simctl, markers_carry_the_time_of_the_write) {
  bench b;
  std::vector<pavp::simctl_marker> seen;
  b.dev.on_marker([&](const pavp::simctl_marker& m) { seen.push_back(m); });
  b.write(PAVP_SIMCTL_CUR_PID, 3);
  b.write(PAVP_SIMCTL_CUR_TID, 4);
  sc_core::sc_start(sc_time(10, SC_NS));

  // The initiator is 7 ns ahead of simulated time (temporal decoupling).
  const auto id = be32(k_mark_cow_fault);
  tlm::tlm_generic_payload gp;
  gp.set_command(tlm::TLM_WRITE_COMMAND);
  gp.set_address(PAVP_SIMCTL_MARK_BEGIN);
  gp.set_data_ptr(const_cast<unsigned char*>(id.data()));
  gp.set_data_length(4);
  gp.set_streaming_width(4);
  sc_time delay(7, SC_NS);
  b.init.socket->b_transport(gp, delay);
  EXPECT_EQ(gp.get_response_status(), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(delay, sc_time(9, SC_NS));  // + the device latency

  sc_core::sc_start(sc_time(20, SC_NS));
  b.write(PAVP_SIMCTL_MARK_END, k_mark_cow_fault);

  ASSERT_EQ(seen.size(), 2u);
  EXPECT_TRUE(seen[0].begin);
  EXPECT_EQ(seen[0].id, k_mark_cow_fault);
  EXPECT_EQ(pavp::simctl::marker_time(seen[0]), sc_time(17, SC_NS));
  EXPECT_EQ(seen[0].pid, 3u);
  EXPECT_EQ(seen[0].tid, 4u);
  EXPECT_FALSE(seen[1].begin);
  EXPECT_EQ(pavp::simctl::marker_time(seen[1]), sc_time(30, SC_NS));
  EXPECT_EQ(b.dev.core().markers().size(), 2u);
}

TEST(simctl, current_pid_and_tid_are_readable_and_observed) {
  bench b;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> seen;
  b.dev.on_current([&](std::uint32_t pid, std::uint32_t tid) { seen.emplace_back(pid, tid); });
  b.write(PAVP_SIMCTL_CUR_PID, 100);
  b.write(PAVP_SIMCTL_CUR_TID, 101);
  EXPECT_EQ(b.read(PAVP_SIMCTL_CUR_PID), 100u);
  EXPECT_EQ(b.read(PAVP_SIMCTL_CUR_TID), 101u);
  const std::vector<std::pair<std::uint32_t, std::uint32_t>> expected = {{100, 0}, {100, 101}};
  EXPECT_EQ(seen, expected);
}

TEST(simctl, random_schedule_is_reproducible_through_the_registers) {
  bench b;
  b.dev.set_schedule(pavp::make_schedule("random:2024"));
  auto same = pavp::make_schedule("random:2024");
  auto third = pavp::make_schedule("random:2025");

  std::vector<std::uint32_t> through_device, same_seed, other_seed;
  for (std::uint32_t i = 0; i < 64; ++i) {
    const std::uint32_t n = 2 + i % 3;
    const std::uint32_t d = b.decide(i, n);
    EXPECT_LT(d, n);
    through_device.push_back(d);
    same_seed.push_back(same->decide(i, n));
    other_seed.push_back(third->decide(i, n));
  }
  EXPECT_EQ(through_device, same_seed);
  EXPECT_NE(through_device, other_seed);
  EXPECT_EQ(b.read(PAVP_SIMCTL_SCHED_COUNT), 64u);
  EXPECT_EQ(b.dev.get_schedule()->decisions().size(), 64u);
}

TEST(simctl, replay_repeats_a_recorded_run) {
  bench b;
  b.dev.set_schedule(pavp::make_schedule("random:31"));
  std::vector<std::uint32_t> first;
  for (std::uint32_t i = 0; i < 30; ++i) first.push_back(b.decide(i % 4, 3));
  const pavp::test::temp_dir tmp("pavp_simctl_replay");
  const std::string path = (tmp / "replay.sched").string();
  b.dev.get_schedule()->save_replay(path);

  b.dev.core().reset();
  b.dev.set_schedule(pavp::make_schedule("replay:" + path));
  std::vector<std::uint32_t> second;
  for (std::uint32_t i = 0; i < 30; ++i) second.push_back(b.decide(i % 4, 3));
  EXPECT_EQ(first, second);

  // One query too many: reported, and the guest reads "no decision".
  std::string error;
  b.dev.on_schedule_error([&](const std::string& msg) { error = msg; });
  EXPECT_EQ(b.decide(0, 3), PAVP_SCHED_NO_DECISION);
  EXPECT_NE(error.find("ran out"), std::string::npos) << error;
}

TEST(simctl, schedule_error_without_observer_is_an_sc_error) {
  bench b;
  sc_core::sc_report_handler::set_actions(sc_core::SC_ERROR, sc_core::SC_THROW);
  b.write(PAVP_SIMCTL_SCHED_POINT, 1);
  try {
    b.write(PAVP_SIMCTL_SCHED_NCHOICES, 2);
    ADD_FAILURE() << "no error";
  } catch (const sc_core::sc_report& r) {
    EXPECT_NE(std::string(r.what()).find("no schedule is configured"), std::string::npos)
        << r.what();
  }
}

TEST(simctl, appends_result_records) {
  bench b;
  std::vector<pavp::simctl_result> seen;
  b.dev.on_result([&](const pavp::simctl_result& r) { seen.push_back(r); });
  b.write(PAVP_SIMCTL_RESULT_KEY, k_result_cow_faults);
  b.write(PAVP_SIMCTL_RESULT_VALUE_HI, 0xAB);
  EXPECT_EQ(b.read(PAVP_SIMCTL_RESULT_VALUE_HI), 0xABu);
  b.write(PAVP_SIMCTL_RESULT_VALUE_LO, 0xCDEF0123);
  b.write(PAVP_SIMCTL_RESULT_KEY, k_result_outcome);
  b.write(PAVP_SIMCTL_RESULT_VALUE_LO, k_outcome_hang);
  const std::vector<pavp::simctl_result> expected = {{k_result_cow_faults, 0xABCDEF0123ull},
                                                     {k_result_outcome, k_outcome_hang}};
  EXPECT_EQ(b.dev.core().results(), expected);
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(b.read(PAVP_SIMCTL_RESULT_COUNT), 2u);
}

TEST(simctl, bad_accesses_answer_errors_with_warnings) {
  bench b;
  const auto warnings = [] { return sc_core::sc_report_handler::get_count(sc_core::SC_WARNING); };
  const int before = warnings();
  unsigned char buf[8] = {};
  EXPECT_EQ(b.init.read(PAVP_SIMCTL_CUR_PID, buf, 2), tlm::TLM_BURST_ERROR_RESPONSE);
  EXPECT_EQ(b.init.write(PAVP_SIMCTL_CUR_PID, buf, 8), tlm::TLM_BURST_ERROR_RESPONSE);
  EXPECT_EQ(b.init.read(PAVP_SIMCTL_CUR_PID + 2, buf, 4), tlm::TLM_GENERIC_ERROR_RESPONSE);
  EXPECT_EQ(b.init.read(0x1C, buf, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.init.read(0x800, buf, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.write(PAVP_SIMCTL_ID, 1), tlm::TLM_COMMAND_ERROR_RESPONSE);
  EXPECT_EQ(warnings() - before, 6);

  tlm::tlm_generic_payload gp;
  unsigned char be[4] = {0xFF, 0xFF, 0xFF, 0xFF};
  gp.set_command(tlm::TLM_READ_COMMAND);
  gp.set_address(PAVP_SIMCTL_ID);
  gp.set_data_ptr(buf);
  gp.set_data_length(4);
  gp.set_streaming_width(4);
  gp.set_byte_enable_ptr(be);
  gp.set_byte_enable_length(4);
  sc_time delay = sc_core::SC_ZERO_TIME;
  b.init.socket->b_transport(gp, delay);
  EXPECT_EQ(gp.get_response_status(), tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);

  // A cache operation that reaches the device is ignored.
  EXPECT_EQ(b.init.cache_op(pavp::cache_op::FDC, 0, PAVP_SIMCTL_EXIT), tlm::TLM_OK_RESPONSE);
  EXPECT_FALSE(b.dev.exited());
}

TEST(simctl, debug_reads_have_no_side_effects) {
  bench b;
  b.write(PAVP_SIMCTL_CUR_TID, 0x0A0B0C0D);
  unsigned char buf[8] = {};
  EXPECT_EQ(b.init.debug_read(PAVP_SIMCTL_ID, buf, 8), 8u);
  EXPECT_EQ(std::string(buf, buf + 4), "PAVS");
  EXPECT_EQ(buf[7], PAVP_SIMCTL_VERSION_VALUE);
  EXPECT_EQ(b.init.debug_read(PAVP_SIMCTL_CUR_TID + 1, buf, 2), 2u);
  EXPECT_EQ(buf[0], 0x0B);
  EXPECT_EQ(buf[1], 0x0C);
  EXPECT_EQ(b.init.debug_read(PAVP_SIMCTL_QUERY_VALUE, buf, 8), 4u);  // stops at the end
  EXPECT_EQ(b.init.debug_write(PAVP_SIMCTL_EXIT, buf, 4), 0u);
  EXPECT_FALSE(b.dev.exited());
  tlm::tlm_dmi dmi;
  EXPECT_FALSE(b.init.get_dmi(0, dmi));
}

}  // namespace
