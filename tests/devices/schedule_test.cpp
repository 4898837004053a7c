// Test bench of the schedules: seed lists, random:N, replay files and the
// error messages.
#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "pavp/devices/schedule.h"
#include "temp_dir.h"

namespace {

using pavp::schedule_step;

template <typename E, typename F>
std::string message_of(F fn) {
  try {
    fn();
  } catch (const E& e) {
    return e.what();
  }
  ADD_FAILURE() << "no exception";
  return {};
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::vector<std::uint32_t> draw(pavp::schedule& s, unsigned count) {
  std::vector<std::uint32_t> out;
  for (unsigned i = 0; i < count; ++i) out.push_back(s.decide(i % 5, 2 + i % 4));
  return out;
}

TEST(schedule, seed_follows_the_list_then_answers_zero) {
  const std::vector<schedule_step> steps = {{1, 2, 1}, {2, 3, 2}, {schedule_step::ANY, 2, 1}};
  auto s = pavp::make_schedule("seed", steps);
  EXPECT_EQ(s->spec(), "seed");
  EXPECT_EQ(s->decide(1, 2), 1u);
  EXPECT_EQ(s->decide(2, 3), 2u);
  EXPECT_EQ(s->decide(9, 2), 1u);  // any point
  EXPECT_EQ(s->decide(4, 2), 0u);  // after the list: the default
  EXPECT_EQ(s->decide(4, 7), 0u);
  ASSERT_EQ(s->decisions().size(), 5u);
  EXPECT_EQ(s->decisions()[1], (schedule_step{2, 3, 2}));
}

TEST(schedule, seed_mismatch_names_both_points) {
  auto s = pavp::make_schedule("seed", {{1, 2, 1}});
  const std::string msg = message_of<std::runtime_error>([&] { s->decide(7, 2); });
  EXPECT_TRUE(contains(msg, "schedule 'seed', decision 0")) << msg;
  EXPECT_TRUE(contains(msg, "expects point 1")) << msg;
  EXPECT_TRUE(contains(msg, "asked at point 7")) << msg;
  EXPECT_EQ(msg.find('\n'), std::string::npos);
}

TEST(schedule, listed_choice_must_be_below_the_number_of_choices) {
  pavp::list_schedule s("test", {{schedule_step::ANY, schedule_step::ANY, 5}}, true);
  const std::string msg = message_of<std::runtime_error>([&] { s.decide(3, 3); });
  EXPECT_TRUE(contains(msg, "choice 5")) << msg;
  EXPECT_TRUE(contains(msg, "offers only 3 choice(s) (0..2)")) << msg;
  EXPECT_TRUE(s.decisions().empty());
}

TEST(schedule, zero_choices_is_rejected) {
  auto s = pavp::make_schedule("random:1");
  const std::string msg = message_of<std::invalid_argument>([&] { s->decide(4, 0); });
  EXPECT_TRUE(contains(msg, "point 4 offers 0 choices")) << msg;
}

TEST(schedule, random_is_the_reference_generator) {
  // xoshiro256** seeded through splitmix64(0) starts 0x99ec5f36cb75f2b4,
  // 0xbf6e1f784956452a, 0x1a5f849d4933e6e0, 0x6aa594f1262d2d2c (the
  // generators' published reference code); with n = 2^32-1 the rejection
  // threshold is 1, so the choices are those values mod 2^32-1.
  auto s = pavp::make_schedule("random:0");
  EXPECT_EQ(s->decide(0, 0xFFFFFFFFu), 1700942315u);
  EXPECT_EQ(s->decide(0, 0xFFFFFFFFu), 147088547u);
  EXPECT_EQ(s->decide(0, 0xFFFFFFFFu), 1670605693u);
  EXPECT_EQ(s->decide(0, 0xFFFFFFFFu), 2429731357u);
}

TEST(schedule, random_is_reproducible_for_the_same_seed) {
  auto a = pavp::make_schedule("random:42");
  auto b = pavp::make_schedule("random:0x2a");
  EXPECT_EQ(a->spec(), "random:42");
  EXPECT_EQ(draw(*a, 500), draw(*b, 500));
  EXPECT_EQ(a->decisions(), b->decisions());
}

TEST(schedule, random_differs_for_different_seeds) {
  auto a = pavp::make_schedule("random:1");
  auto b = pavp::make_schedule("random:2");
  EXPECT_NE(draw(*a, 64), draw(*b, 64));
}

TEST(schedule, random_is_uniform_and_in_range) {
  auto s = pavp::make_schedule("random:12345");
  unsigned counts[3] = {};
  const unsigned n = 30000;
  for (unsigned i = 0; i < n; ++i) {
    const std::uint32_t c = s->decide(0, 3);
    ASSERT_LT(c, 3u);
    ++counts[c];
  }
  for (unsigned c : counts) {
    EXPECT_GT(c, n / 3 - 500);
    EXPECT_LT(c, n / 3 + 500);
  }
}

TEST(schedule, forced_points_do_not_shift_random_choices) {
  auto a = pavp::make_schedule("random:9");
  auto b = pavp::make_schedule("random:9");
  std::vector<std::uint32_t> with_forced, without;
  for (int i = 0; i < 50; ++i) {
    EXPECT_EQ(a->decide(1, 1), 0u);
    with_forced.push_back(a->decide(2, 4));
    without.push_back(b->decide(2, 4));
  }
  EXPECT_EQ(with_forced, without);
}

TEST(schedule, replay_round_trip) {
  auto original = pavp::make_schedule("random:77");
  const std::vector<std::uint32_t> choices = draw(*original, 40);
  std::stringstream file;
  original->write_replay(file);
  EXPECT_TRUE(contains(file.str(), "'random:77'"));

  const std::vector<schedule_step> steps = pavp::parse_replay(file, "mem");
  EXPECT_EQ(steps, original->decisions());
  pavp::list_schedule replay("replay:mem", steps, true);
  EXPECT_EQ(draw(replay, 40), choices);
  const std::string msg = message_of<std::runtime_error>([&] { replay.decide(0, 2); });
  EXPECT_TRUE(contains(msg, "decision 40")) << msg;
  EXPECT_TRUE(contains(msg, "ran out")) << msg;
}

TEST(schedule, replay_file_round_trip) {
  const pavp::test::temp_dir tmp("pavp_schedule_round_trip");
  const std::string path = (tmp / "round_trip.sched").string();
  auto original = pavp::make_schedule("random:3");
  const std::vector<std::uint32_t> choices = draw(*original, 25);
  original->save_replay(path);
  auto replay = pavp::make_schedule("replay:" + path);
  EXPECT_EQ(replay->spec(), "replay:" + path);
  EXPECT_EQ(draw(*replay, 25), choices);
  EXPECT_THROW(replay->decide(0, 2), std::runtime_error);
}

// A spec is parsed once: its kind and parameters, and a replay file's
// decisions read then. Schedules made from it later do not read the file
// again, so they agree even if the file has changed or gone.
TEST(schedule_spec, parses_kind_and_parameters_once) {
  const pavp::schedule_spec seed = pavp::schedule_spec::parse("seed");
  EXPECT_EQ(seed.kind, pavp::schedule_spec::kind_t::SEED);
  EXPECT_STREQ(seed.kind_name(), "seed");
  const pavp::schedule_spec random = pavp::schedule_spec::parse("random:0x2a");
  EXPECT_EQ(random.kind, pavp::schedule_spec::kind_t::RANDOM);
  EXPECT_EQ(random.seed, 42u);
  EXPECT_EQ(random.text, "random:0x2a");

  const pavp::test::temp_dir tmp("pavp-schedule-spec");
  const std::string path = (tmp / "spec.sched").string();
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("# two decisions\n3 2 1\n0\n", f);
    std::fclose(f);
  }
  const pavp::schedule_spec replay = pavp::schedule_spec::parse("replay:" + path);
  std::remove(path.c_str());
  EXPECT_EQ(replay.kind, pavp::schedule_spec::kind_t::REPLAY);
  EXPECT_EQ(replay.replay_path, path);
  ASSERT_EQ(replay.replay.size(), 2u);
  EXPECT_EQ(replay.replay[0], (schedule_step{3, 2, 1}));
  auto s = pavp::make_schedule(replay);  // the file is gone: the spec holds its decisions
  EXPECT_EQ(s->decide(3, 2), 1u);
  EXPECT_EQ(s->decide(5, 4), 0u);
  EXPECT_THROW(s->decide(1, 2), std::runtime_error) << "a replay that ran out is an error";
}

TEST(schedule, replay_checks_the_point_and_choices) {
  std::istringstream file("3 2 1\n");
  pavp::list_schedule replay("replay:x", pavp::parse_replay(file, "x"), true);
  const std::string msg = message_of<std::runtime_error>([&] { replay.decide(3, 4); });
  EXPECT_TRUE(contains(msg, "expects point 3 with 2 choice(s)")) << msg;
  EXPECT_TRUE(contains(msg, "point 3 with 4 choice(s)")) << msg;
}

TEST(schedule, parses_comments_wildcards_and_hex) {
  std::istringstream file(
      "# pavp schedule replay\n"
      "\n"
      "  3 2 1   # switch\n"
      "0x10\t*\t0x3\r\n"
      "* 5 4\n"
      "2\n"
      "   # only a comment\n");
  const std::vector<schedule_step> steps = pavp::parse_replay(file, "f");
  const std::vector<schedule_step> expected = {{3, 2, 1},
                                               {16, schedule_step::ANY, 3},
                                               {schedule_step::ANY, 5, 4},
                                               {schedule_step::ANY, schedule_step::ANY, 2}};
  EXPECT_EQ(steps, expected);
}

TEST(schedule, malformed_replay_names_line_and_column) {
  const auto parse_error = [](const std::string& text) {
    return message_of<std::invalid_argument>([&] {
      std::istringstream in(text);
      pavp::parse_replay(in, "run.sched");
    });
  };
  std::string msg = parse_error("1 2 1\n3 2 x\n");
  EXPECT_TRUE(contains(msg, "run.sched:2:5:")) << msg;
  EXPECT_TRUE(contains(msg, "found 'x'")) << msg;

  msg = parse_error("\n  4 2\n");
  EXPECT_TRUE(contains(msg, "run.sched:2:3:")) << msg;
  EXPECT_TRUE(contains(msg, "found 2 fields")) << msg;

  msg = parse_error("1 2 2\n");
  EXPECT_TRUE(contains(msg, "run.sched:1:5:")) << msg;
  EXPECT_TRUE(contains(msg, "choice 2 is not below the number of choices 2")) << msg;

  msg = parse_error("1 2 4294967296\n");
  EXPECT_TRUE(contains(msg, "below 2^32")) << msg;
  msg = parse_error("4294967295 2 0\n");  // 2^32-1 is the wildcard's code
  EXPECT_TRUE(contains(msg, "run.sched:1:1:")) << msg;
  msg = parse_error("1 2 *\n");
  EXPECT_TRUE(contains(msg, "the choice must be")) << msg;
  msg = parse_error("0x\n");
  EXPECT_TRUE(contains(msg, "found '0x'")) << msg;
  EXPECT_EQ(msg.find('\n'), std::string::npos);
}

TEST(schedule, unknown_spec_lists_what_is_accepted) {
  std::string msg = message_of<std::invalid_argument>([] { pavp::make_schedule("fifo"); });
  EXPECT_TRUE(contains(msg, "unknown schedule 'fifo'")) << msg;
  EXPECT_TRUE(contains(msg, "seed, random:N")) << msg;
  EXPECT_TRUE(contains(msg, "replay:FILE")) << msg;
  EXPECT_EQ(msg.find('\n'), std::string::npos);

  msg = message_of<std::invalid_argument>([] { pavp::make_schedule("random:12ab"); });
  EXPECT_TRUE(contains(msg, "'random:12ab'")) << msg;
  msg = message_of<std::invalid_argument>([] { pavp::make_schedule("random:"); });
  EXPECT_TRUE(contains(msg, "not a 64-bit number")) << msg;
  msg =
      message_of<std::invalid_argument>([] { pavp::make_schedule("random:18446744073709551616"); });
  EXPECT_TRUE(contains(msg, "not a 64-bit number")) << msg;
  EXPECT_NO_THROW(pavp::make_schedule("random:18446744073709551615"));
  msg = message_of<std::invalid_argument>([] { pavp::make_schedule("replay:"); });
  EXPECT_TRUE(contains(msg, "no file named")) << msg;
  msg =
      message_of<std::runtime_error>([] { pavp::make_schedule("replay:/nonexistent/pavp.sched"); });
  EXPECT_TRUE(contains(msg, "schedule replay file: cannot open '/nonexistent/pavp.sched'")) << msg;
}

}  // namespace
