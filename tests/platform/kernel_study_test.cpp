// The kernel-level study: fixes x schedules as firmware runs, summarised.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "platform/board/config.h"
#include "platform/study/firmware_run.h"
#include "platform/study/kernel_study.h"
#include "platform/study/run_pool.h"
#include "platform/study/study_report.h"
#include "temp_dir.h"

namespace {

pavp::kernel_study_options small_study() {
  pavp::kernel_study_options opt;
  opt.presets = {"pa7300lc"};
  opt.fixes = {"none", "cow-flush"};
  opt.random_schedules = 2;
  opt.random_placements = 1;
  opt.seed_placements = 1;
  opt.jobs = 2;
  return opt;
}

TEST(kernel_study, runs_every_fix_under_seed_and_random_schedules_and_summarises) {
  const pavp::kernel_study_result r = pavp::run_kernel_study(small_study());
  ASSERT_EQ(r.runs.size(), 12u);
  ASSERT_EQ(r.summary.size(), 2u);
  // Placement by placement: seed, then the random schedules.
  const std::pair<const char*, const char*> plan[] = {
      {"seed", "linear"},   {"random:1", "linear"},   {"random:2", "linear"},
      {"seed", "random:1"}, {"random:1", "random:1"}, {"random:2", "random:1"}};
  ASSERT_EQ(r.plan.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(r.plan[i].schedule, plan[i].first);
    EXPECT_EQ(r.plan[i].placement, plan[i].second);
    EXPECT_EQ(r.runs[i]["schedule"], plan[i].first) << i;
    EXPECT_EQ(r.runs[i]["placement"], plan[i].second) << i;
  }
  EXPECT_EQ(r.plan_text,
            "the seed schedule under placement linear and random:1; schedules random:1..2 under "
            "each placement linear and random:1");
  for (const auto& run : r.runs) {
    for (const char* key :
         {"fix", "preset", "schedule", "placement", "outcome", "stale_reads", "fork_cycles",
          "cow_faults", "cow_fault_cycles", "flush_ops", "flush_cycles", "writebacks",
          "dram_bytes_read", "dram_bytes_written", "total_cycles", "instructions"}) {
      EXPECT_TRUE(run.contains(key)) << key;
    }
  }
  const auto& none = r.summary[0];
  const auto& cow = r.summary[1];
  EXPECT_EQ(none["fix"], "none");
  EXPECT_EQ(none["runs"], 6);
  EXPECT_EQ(none["ok"].get<int>() + none["corrupted"].get<int>() + none["hang"].get<int>(), 6);
  EXPECT_EQ(none["placements"], 2);
  EXPECT_GT(none["stale_reads"].get<double>(), 0.0) << "the seed run of none reads stale data";
  EXPECT_EQ(cow["fix"], "cow-flush");
  EXPECT_EQ(cow["ok"], 6);
  EXPECT_EQ(cow["failing_placements_of"], "0/2");
  EXPECT_EQ(cow["stale_reads"].get<double>(), 0.0);
  // cow-flush flushes at each COW fault, not at fork.
  EXPECT_EQ(cow["fork_cycles"], none["fork_cycles"]);
  EXPECT_GT(cow["flush_ops"].get<double>(), none["flush_ops"].get<double>());

  // The verdicts follow the runs: fails if any run failed, stale data if
  // none failed but some run read stale data, clean otherwise.
  for (const auto& row : r.summary) {
    unsigned failed = 0, stale = 0;
    std::set<std::string> failing;
    for (const auto& run : r.runs) {
      if (run["fix"] != row["fix"]) continue;
      failed += run["outcome"] != "ok";
      stale += run["stale_reads"].get<unsigned>() > 0;
      if (run["outcome"] != "ok") failing.insert(run["placement"].get<std::string>());
    }
    SCOPED_TRACE(row["fix"].get<std::string>());
    EXPECT_EQ(row["failed"], failed);
    EXPECT_EQ(row["failing_placements"], failing.size());
    EXPECT_EQ(row["stale_runs"], stale);
    EXPECT_EQ(row["verdict"], failed ? "fails" : stale ? "stale data" : "clean");
  }
  EXPECT_EQ(cow["verdict"], "clean");
  EXPECT_NE(none["verdict"], "clean") << "the seed run of none reads stale data";

  // The first failing run of each failing preset and fix, told as the race.
  std::size_t failing_rows = 0;
  for (const auto& row : r.summary) failing_rows += row["verdict"] == "fails";
  ASSERT_EQ(r.explained.size(), failing_rows);
  for (const auto& e : r.explained) {
    EXPECT_NE(e.text.find("The race, step by step"), std::string::npos) << e.text;
    EXPECT_NE(pavp::kernel_study_markdown(r).find("--schedule " + e.schedule + " --placement " +
                                                  e.placement + " --explain"),
              std::string::npos);
  }

  // The printed text: a row per fix, then the preset's line naming the clean fixes.
  const std::string text = pavp::kernel_study_text(r);
  EXPECT_NE(text.find("pa7300lc: none "), std::string::npos) << text;
  EXPECT_NE(text.find("clean: cow-flush; cheapest kernel fix cow-flush: +0 fork cycles"),
            std::string::npos)
      << text;
}

TEST(kernel_study, runs_every_cpu_preset_unless_narrowed) {
  EXPECT_EQ(pavp::cpu_preset_names(), (std::vector<std::string>{"pa7300lc", "pa7100lc", "pa8500"}))
      << "pipt is the reference, given to every preset as the pipt fix row";
  pavp::kernel_study_options opt = small_study();
  opt.presets.clear();
  opt.fixes = {"colour-alloc"};
  opt.random_schedules = 1;
  opt.random_placements = 0;
  const pavp::kernel_study_result r = pavp::run_kernel_study(opt);
  ASSERT_EQ(r.summary.size(), 3u);
  EXPECT_EQ(r.summary[0]["preset"], "pa7300lc");
  EXPECT_EQ(r.summary[1]["preset"], "pa7100lc");
  EXPECT_EQ(r.summary[2]["preset"], "pa8500");
}

TEST(kernel_study, same_options_give_identical_results_and_files) {
  const pavp::kernel_study_result a = pavp::run_kernel_study(small_study());
  const pavp::kernel_study_result b = pavp::run_kernel_study(small_study());
  EXPECT_EQ(a.runs.dump(), b.runs.dump());
  EXPECT_EQ(a.summary.dump(), b.summary.dump());
  const pavp::test::temp_dir tmp("pavp-kernel-study");
  const std::string dir = tmp.path().string();
  pavp::write_study_report(a.runs, a.summary, dir);
  std::ifstream j(dir + "/study.json");
  const auto doc = nlohmann::ordered_json::parse(j);
  EXPECT_EQ(doc["runs"].size(), 12u);
  EXPECT_EQ(doc["summary"].size(), 2u);
}

// The study boots once per fix and placement and branches at the first
// schedule decision, whatever the schedules' kinds; each branch must be the run that boots with
// its schedule, key for key (outcome, stale reads, cycles, decisions,
// console), under linear and random placement alike.
TEST(kernel_study, a_branched_run_equals_the_run_from_boot) {
  const std::pair<std::string, std::string> cases[] = {{"none", "linear"},
                                                       {"wrprotect-flush", "random:5"}};
  for (const auto& [fix, placement] : cases) {
    const std::vector<std::string> schedules = {"seed", "random:3", "random:7", "random:11"};
    std::vector<pavp::schedule_spec> specs;
    for (const std::string& s : schedules) specs.push_back(pavp::parse_schedule(s));
    pavp::config_sources src;
    src.overrides = {"kernel.placement=" + placement};
    const pavp::run_spec spec = pavp::make_run_spec(src, fix, schedules.front());
    std::vector<std::function<std::string()>> jobs;
    jobs.push_back([&] {
      nlohmann::ordered_json all = nlohmann::ordered_json::array();
      for (auto& r : pavp::run_firmware_branches(spec, {}, specs, 2)) all.push_back(r);
      return all.dump();
    });
    for (const std::string& s : schedules) {
      jobs.push_back(
          [&, s] { return pavp::run_firmware(pavp::make_run_spec(src, fix, s), {}).dump(); });
    }
    const auto out = pavp::run_isolated(jobs, 2);
    for (const auto& o : out) ASSERT_TRUE(o.ok) << o.output;
    const auto branched = nlohmann::ordered_json::parse(out[0].output);
    ASSERT_EQ(branched.size(), schedules.size());
    std::set<std::string> distinct;
    for (std::size_t i = 0; i < schedules.size(); ++i) {
      const auto from_boot = nlohmann::ordered_json::parse(out[i + 1].output);
      EXPECT_EQ(branched[i].dump(), from_boot.dump()) << fix << " " << schedules[i];
      EXPECT_EQ(branched[i]["schedule"], schedules[i]);
      EXPECT_EQ(branched[i]["placement"], placement);
      distinct.insert(branched[i]["decisions"].dump());
    }
    EXPECT_GT(distinct.size(), 1u) << "the schedules make different decisions";
  }
}

// Fixes that boot alike share one boot and branch when the kernel asks for
// its fix (at the fork); each run must be the run that boots with its fix and
// schedule, key for key, the fixes' runs in the order given, each fix's
// schedules in order.
TEST(kernel_study, a_run_branched_by_fix_equals_the_run_from_boot) {
  const std::vector<std::string> fixes = {"none", "linux-6.10", "fork-flush-late"};
  const std::vector<std::string> schedules = {"seed", "random:4"};
  pavp::config_sources src;
  src.preset = "pa8500";
  src.overrides = {"kernel.placement=random:2"};
  std::vector<pavp::schedule_spec> specs;
  for (const std::string& s : schedules) specs.push_back(pavp::parse_schedule(s));
  std::vector<pavp::fix_spec> fix_specs;
  for (const std::string& f : fixes) fix_specs.push_back(pavp::find_fix(f));
  const pavp::run_spec spec = pavp::make_run_spec(src, fixes.front(), schedules.front());
  std::vector<std::function<std::string()>> jobs;
  jobs.push_back([&] {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (auto& r : pavp::run_firmware_branches(spec, {}, fix_specs, specs, 2)) all.push_back(r);
    return all.dump();
  });
  for (const std::string& f : fixes) {
    for (const std::string& s : schedules) {
      jobs.push_back(
          [&, f, s] { return pavp::run_firmware(pavp::make_run_spec(src, f, s), {}).dump(); });
    }
  }
  const auto out = pavp::run_isolated(jobs, 2);
  for (const auto& o : out) ASSERT_TRUE(o.ok) << o.output;
  const auto branched = nlohmann::ordered_json::parse(out[0].output);
  ASSERT_EQ(branched.size(), fixes.size() * schedules.size());
  std::set<std::string> fork_cycles;
  for (std::size_t i = 0; i < branched.size(); ++i) {
    const auto from_boot = nlohmann::ordered_json::parse(out[i + 1].output);
    EXPECT_EQ(branched[i].dump(), from_boot.dump()) << i;
    EXPECT_EQ(branched[i]["fix"], fixes[i / schedules.size()]);
    EXPECT_EQ(branched[i]["schedule"], schedules[i % schedules.size()]);
    fork_cycles.insert(branched[i]["fork_cycles"].dump());
  }
  EXPECT_GT(fork_cycles.size(), 1u) << "the fixes act differently in the fork";
}

TEST(kernel_study, fixes_that_boot_differently_do_not_share_a_boot) {
  const pavp::run_spec none = pavp::make_run_spec({}, "none");
  EXPECT_TRUE(pavp::boots_alike(none, pavp::make_run_spec({}, "cow-flush")));
  EXPECT_TRUE(pavp::boots_alike(none, pavp::make_run_spec({}, "linux-6.10")));
  EXPECT_FALSE(pavp::boots_alike(none, pavp::make_run_spec({}, "colour-alloc")))
      << "its allocator colours pages from boot on";
  EXPECT_FALSE(pavp::boots_alike(none, pavp::make_run_spec({}, "pipt")))
      << "physically indexed caches";
  EXPECT_THROW(
      pavp::run_firmware_branches(none, {}, {pavp::find_fix("none"), pavp::find_fix("pipt")},
                                  {pavp::parse_schedule("random:1")}, 1),
      pavp::config_error);
}

TEST(kernel_study, branches_must_share_a_placement) {
  const pavp::run_spec spec = pavp::make_run_spec({}, "none");
  const pavp::test::temp_dir tmp("pavp-other-placement");
  const std::string replay = (tmp / "other.sched").string();
  std::ofstream(replay) << "placement random:2\n1 2 1\n";
  EXPECT_THROW(pavp::run_firmware_branches(
                   spec, {},
                   {pavp::parse_schedule("random:1"), pavp::parse_schedule("replay:" + replay)}, 1),
               pavp::config_error);
  EXPECT_THROW(pavp::parse_schedule("random:x"), pavp::config_error);
}

TEST(kernel_study, explored_rows_are_proven_or_fail_with_a_count) {
  pavp::kernel_study_options opt = small_study();
  opt.presets = {"pa8500"};
  opt.random_placements = 0;
  opt.explore_bound = 1;
  const pavp::kernel_study_result r = pavp::run_kernel_study(opt);
  ASSERT_EQ(r.summary.size(), 2u);
  EXPECT_EQ(r.summary[0]["fix"], "none");
  EXPECT_EQ(r.summary[0]["verdict"], "fails");
  EXPECT_GT(r.summary[0]["failed"].get<unsigned>(), 0u);
  EXPECT_EQ(r.summary[1]["fix"], "cow-flush");
  EXPECT_EQ(r.summary[1]["verdict"], "proven at bound 1");
  for (const auto& run : r.runs) EXPECT_EQ(run["schedule"], "explore");
  ASSERT_EQ(r.explained.size(), 1u);
  EXPECT_EQ(r.explained[0].command,
            "pavp explore --preset pa8500 --fix none --placement linear --bound 1");
  EXPECT_NE(r.explained[0].text.find("The race, step by step"), std::string::npos);
  EXPECT_NE(r.plan_text.find("every schedule with <= 1 preemptions"), std::string::npos);
  // The line under the table counts a proven row as clean.
  const std::string text = pavp::kernel_study_text(r);
  EXPECT_NE(text.find("pa8500: none fails"), std::string::npos) << text;
  EXPECT_NE(text.find("clean: cow-flush; cheapest kernel fix cow-flush"), std::string::npos)
      << text;
}

TEST(kernel_study, chooses_the_placements_itself) {
  pavp::kernel_study_options opt = small_study();
  opt.overrides = {"kernel.placement=random:4"};
  try {
    pavp::run_kernel_study(opt);
    ADD_FAILURE() << "an override of kernel.placement was accepted";
  } catch (const pavp::config_error& e) {
    EXPECT_NE(std::string(e.what()).find("--placements N"), std::string::npos) << e.what();
  }
}

TEST(kernel_study, rejects_an_unknown_fix_before_running) {
  pavp::kernel_study_options opt = small_study();
  opt.fixes = {"flush-it-all"};
  EXPECT_THROW(pavp::run_kernel_study(opt), pavp::config_error);
}

}  // namespace
