// The kernel-level study: fixes x schedules as firmware runs, summarised.
#include <gtest/gtest.h>

#include <fstream>

#include "platform/config.h"
#include "platform/kernel_study.h"
#include "platform/study_report.h"

namespace {

pavp::kernel_study_options small_study() {
  pavp::kernel_study_options opt;
  opt.fixes = {"none", "cow-flush"};
  opt.random_schedules = 2;
  opt.jobs = 2;
  return opt;
}

TEST(kernel_study, runs_every_fix_under_seed_and_random_schedules_and_summarises) {
  const pavp::kernel_study_result r = pavp::run_kernel_study(small_study());
  ASSERT_EQ(r.runs.size(), 6u);
  ASSERT_EQ(r.summary.size(), 2u);
  EXPECT_EQ(r.runs[0]["schedule"], "seed");
  EXPECT_EQ(r.runs[1]["schedule"], "random:1");
  EXPECT_EQ(r.runs[2]["schedule"], "random:2");
  for (const auto& run : r.runs) {
    for (const char* key :
         {"fix", "preset", "schedule", "outcome", "stale_reads", "fork_cycles", "cow_faults",
          "cow_fault_cycles", "flush_ops", "flush_cycles", "writebacks", "dram_bytes_read",
          "dram_bytes_written", "total_cycles", "instructions"}) {
      EXPECT_TRUE(run.contains(key)) << key;
    }
  }
  const auto& none = r.summary[0];
  const auto& cow = r.summary[1];
  EXPECT_EQ(none["fix"], "none");
  EXPECT_EQ(none["runs"], 3);
  EXPECT_EQ(none["ok"].get<int>() + none["corrupted"].get<int>() + none["hang"].get<int>(), 3);
  EXPECT_GT(none["stale_reads"].get<double>(), 0.0) << "the seed run of none reads stale data";
  EXPECT_EQ(cow["fix"], "cow-flush");
  EXPECT_EQ(cow["ok"], 3);
  EXPECT_EQ(cow["stale_reads"].get<double>(), 0.0);
  // cow-flush flushes at each COW fault, not at fork.
  EXPECT_EQ(cow["fork_cycles"], none["fork_cycles"]);
  EXPECT_GT(cow["flush_ops"].get<double>(), none["flush_ops"].get<double>());
}

TEST(kernel_study, same_options_give_identical_results_and_files) {
  const pavp::kernel_study_result a = pavp::run_kernel_study(small_study());
  const pavp::kernel_study_result b = pavp::run_kernel_study(small_study());
  EXPECT_EQ(a.runs.dump(), b.runs.dump());
  EXPECT_EQ(a.summary.dump(), b.summary.dump());
  const std::string dir = ::testing::TempDir() + "/pavp-kernel-study";
  pavp::write_study_report(a.runs, a.summary, dir);
  std::ifstream j(dir + "/study.json");
  const auto doc = nlohmann::ordered_json::parse(j);
  EXPECT_EQ(doc["runs"].size(), 6u);
  EXPECT_EQ(doc["summary"].size(), 2u);
}

TEST(kernel_study, rejects_an_unknown_fix_before_running) {
  pavp::kernel_study_options opt = small_study();
  opt.fixes = {"flush-it-all"};
  EXPECT_THROW(pavp::run_kernel_study(opt), pavp::config_error);
}

}  // namespace
