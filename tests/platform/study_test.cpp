// The run pool and the traffic replay of the seed's steps on every preset.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include "pavp/common/host_memory.h"
#include "platform/study/branch_heap.h"
#include "platform/study/fixes.h"
#include "platform/study/process_snapshot.h"
#include "platform/study/run_pool.h"
#include "platform/study/study_report.h"
#include "platform/study/traffic_study.h"
#include "temp_dir.h"

namespace {

using json = nlohmann::ordered_json;

// The branch heap and in-process branch snapshots step aside in a sanitizer
// build (PAVP_SANITIZE: the sanitizer's allocator and shadow memory must see
// every block); their own tests have nothing to test there.
#ifdef PAVP_SANITIZE
#define SKIP_UNDER_SANITIZERS() \
  GTEST_SKIP() << "the branch heap and snapshots are off under the sanitizers"
#else
#define SKIP_UNDER_SANITIZERS() static_cast<void>(0)
#endif

TEST(run_pool, returns_results_in_job_order_and_reports_failures) {
  std::vector<std::function<std::string()>> jobs;
  for (int i = 0; i < 5; ++i) jobs.push_back([i] { return std::to_string(i * i); });
  jobs.push_back([]() -> std::string { throw std::runtime_error("bad run"); });
  jobs.push_back([]() -> std::string {
    std::raise(SIGSEGV);
    return "";
  });
  jobs.push_back([]() -> std::string { std::_Exit(3); });
  const auto r = pavp::run_isolated(jobs, 3);
  ASSERT_EQ(r.size(), 8u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(r[i].ok);
    EXPECT_EQ(r[i].output, std::to_string(i * i));
  }
  EXPECT_FALSE(r[5].ok);
  EXPECT_EQ(r[5].output, "bad run");
  EXPECT_FALSE(r[6].ok);
  EXPECT_NE(r[6].output.find("signal 11"), std::string::npos) << r[6].output;
  EXPECT_FALSE(r[7].ok);
  EXPECT_NE(r[7].output.find("exit status 3"), std::string::npos) << r[7].output;
}

TEST(branch_heap, a_branch_allocates_from_its_own_region_and_frees_nothing_until_it_is_used_up) {
  SKIP_UNDER_SANITIZERS();
  EXPECT_FALSE(pavp::branch_heap::active()) << "the test process is not a branch";
  const auto r = pavp::run_isolated({[]() -> std::string {
                                      std::ostringstream os;
                                      os << pavp::branch_heap::active() << " ";
                                      const std::size_t before = pavp::branch_heap::used();
                                      auto* a = new std::uint64_t[100];
                                      auto* b = new std::uint64_t[100];
                                      const std::size_t after = pavp::branch_heap::used();
                                      os << (b > a) << " " << (after - before >= 1600) << " ";
                                      delete[] a;  // not reused: the next block lies after b
                                      auto* c = new std::uint64_t[100];
                                      os << (c > b) << " ";
                                      // More than the region holds: from malloc, and so
                                      // from then on.
                                      auto* big = new std::uint8_t[pavp::branch_heap::REGION_BYTES];
                                      os << pavp::branch_heap::active() << " ";
                                      big[0] = 1;
                                      delete[] big;
                                      std::string s(100000, 'x');  // malloc and free work
                                      os << s.size();
                                      delete[] b;
                                      delete[] c;
                                      return os.str();
                                    }},
                                    1);
  ASSERT_TRUE(r[0].ok) << r[0].output;
  EXPECT_EQ(r[0].output, "1 1 1 1 0 100000");
  EXPECT_FALSE(pavp::branch_heap::active());
}

// State a branch finds and changes: a global, a heap object, a block
// written through a write_populator (as the DRAM's bytes and the shadow),
// and a page of it no one wrote before the fork.
int g_branch_global = 5;

struct branch_state {
  std::vector<int> heap = std::vector<int>(5000, 7);
  pavp::host_memory::zeroed_block block{64 * 4096};
  pavp::host_memory::write_populator<> populate{block.data(), block.size()};
  void write(std::size_t at, std::uint8_t value) {
    populate.before_write(block.data() + at, 1);
    block.data()[at] = value;
  }
};

// What a branch found, then its changes to everything; its pid last.
std::string seen_and_changed(branch_state& st, int k) {
  std::ostringstream os;
  os << g_branch_global << " " << st.heap[4000] << " " << int(st.block.data()[8192]) << " "
     << int(st.block.data()[40 * 4096]) << " ";
  g_branch_global += 100 + k;
  st.heap[4000] = k;
  st.heap.resize(100000, k);  // a new allocation, from the branch heap
  st.write(8192, static_cast<std::uint8_t>(k + 1));
  st.write(40 * 4096, static_cast<std::uint8_t>(k + 1));
  os << ::getpid();
  return os.str();
}

// Runs `count` branches in a process of its own; each reports what it
// found; `in_branch` may end a branch otherwise. Returns the outcomes, one
// per line, "ok|text" or "fail|reason".
std::string run_branches(int count, const std::function<void(branch_state&, int)>& in_branch) {
  const auto r = pavp::run_isolated({[&]() -> std::string {
                                      branch_state st;
                                      st.write(8192, 1);
                                      std::vector<pavp::run_outcome> outcomes;
                                      const int k = pavp::fork_branches(
                                          static_cast<std::size_t>(count), 1, outcomes);
                                      if (k >= 0) {
                                        const std::string seen = seen_and_changed(st, k);
                                        in_branch(st, k);
                                        pavp::finish_branch(true, seen);
                                      }
                                      std::string out;
                                      for (const auto& o : outcomes)
                                        out += (o.ok ? "ok|" : "fail|") + o.output + "\n";
                                      return out;
                                    }},
                                    1);
  EXPECT_TRUE(r[0].ok) << r[0].output;
  return r[0].output;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> v;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) v.push_back(line);
  return v;
}

std::string pid_of(const std::string& line) {
  return line.substr(line.rfind(' ') + 1);
}

TEST(fork_branches, branches_run_one_after_another_in_one_worker_each_from_the_fork_point) {
  SKIP_UNDER_SANITIZERS();
  const auto out = lines_of(run_branches(6, [](branch_state&, int) {}));
  ASSERT_EQ(out.size(), 6u);
  for (const std::string& line : out) {
    // The global, the heap, a written and an unwritten page of the block:
    // as at the fork, whatever the branch before changed.
    EXPECT_EQ(line.substr(0, line.rfind(' ')), "ok|5 7 1 0") << line;
    EXPECT_EQ(pid_of(line), pid_of(out[0])) << "every branch in the same worker process";
  }
}

TEST(fork_branches, a_branch_that_crashes_fails_alone_and_the_rest_run_in_a_new_worker) {
  SKIP_UNDER_SANITIZERS();
  const auto out = lines_of(run_branches(6, [](branch_state&, int k) {
    if (k == 2) std::raise(SIGSEGV);
  }));
  ASSERT_EQ(out.size(), 6u);
  EXPECT_EQ(out[2].rfind("fail|run died with signal 11", 0), 0u) << out[2];
  for (int k : {0, 1, 3, 4, 5}) EXPECT_EQ(out[k].substr(0, out[k].rfind(' ')), "ok|5 7 1 0");
  EXPECT_EQ(pid_of(out[0]), pid_of(out[1]));
  EXPECT_NE(pid_of(out[3]), pid_of(out[1]));
  EXPECT_EQ(pid_of(out[3]), pid_of(out[5]));
}

TEST(fork_branches, a_branch_that_unmaps_memory_of_the_fork_point_hands_the_rest_to_a_new_worker) {
  SKIP_UNDER_SANITIZERS();
  // The block's mapping is gone after branch 1: its worker cannot put the
  // memory back, ends, and a new worker runs branches 2 to 5 from the fork.
  const auto out = lines_of(run_branches(6, [](branch_state& st, int k) {
    if (k == 1) st.block = pavp::host_memory::zeroed_block();
  }));
  ASSERT_EQ(out.size(), 6u);
  for (const std::string& line : out) EXPECT_EQ(line.substr(0, line.rfind(' ')), "ok|5 7 1 0");
  EXPECT_EQ(pid_of(out[0]), pid_of(out[1]));
  EXPECT_NE(pid_of(out[2]), pid_of(out[1]));
  EXPECT_EQ(pid_of(out[2]), pid_of(out[5]));
}

TEST(fork_branches, a_worker_whose_holder_ended_hands_the_rest_to_a_new_worker) {
  SKIP_UNDER_SANITIZERS();
  // Branch 1 ends its worker's children -- the holder of the fork point
  // (process_snapshot::take_after_fork) among them -- and waits until they
  // have exited: the worker cannot put the memory back, ends, and a new
  // worker runs branches 2 to 5 from the fork.
  const auto out = lines_of(run_branches(6, [](branch_state&, int k) {
    if (k != 1) return;
    std::ifstream children("/proc/self/task/" + std::to_string(::getpid()) + "/children");
    for (int pid = 0; children >> pid;) {
      ::kill(pid, SIGKILL);
      siginfo_t info{};
      ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT);  // exited, not reaped
    }
  }));
  ASSERT_EQ(out.size(), 6u);
  for (const std::string& line : out) EXPECT_EQ(line.substr(0, line.rfind(' ')), "ok|5 7 1 0");
  EXPECT_EQ(pid_of(out[0]), pid_of(out[1]));
  EXPECT_NE(pid_of(out[2]), pid_of(out[1]));
  EXPECT_EQ(pid_of(out[2]), pid_of(out[5]));
}

// Branches whose own branches run in workers of their own: each worker
// keeps its fork point in a holder process (process_snapshot::
// take_after_fork), and an inner worker's holder shares the pages the outer
// branch wrote before it forked. Every outer branch must still start from
// the outer fork point, whether the inner branches end normally or one of
// them crashes (its holder may outlive it for a moment).
std::string run_nested_branches(int crash_at) {
  const auto r = pavp::run_isolated(
      {[crash_at]() -> std::string {
        branch_state st;
        st.write(8192, 1);
        std::vector<pavp::run_outcome> outer;
        const int k = pavp::fork_branches(6, 1, outer);
        if (k >= 0) {
          const std::string seen = seen_and_changed(st, k);  // writes before the inner fork
          std::vector<pavp::run_outcome> inner;
          const int j = pavp::fork_branches(4, 1, inner);
          if (j >= 0) {
            if (j == crash_at) std::raise(SIGSEGV);
            const std::string inner_seen = seen_and_changed(st, 10 + j);
            pavp::finish_branch(true, inner_seen);
          }
          std::string inner_ok;
          for (const auto& o : inner) inner_ok += o.ok ? "+" : "-";
          pavp::finish_branch(true, seen.substr(0, seen.rfind(' ')) + " " + inner_ok);
        }
        std::string out;
        for (const auto& o : outer) out += (o.ok ? "ok|" : "fail|") + o.output + "\n";
        return out;
      }},
      1);
  EXPECT_TRUE(r[0].ok) << r[0].output;
  return r[0].output;
}

TEST(fork_branches, branches_of_branches_leave_each_worker_its_fork_point) {
  SKIP_UNDER_SANITIZERS();
  // With holders (the default) and with copies (PAVP_SNAPSHOT_HOLDER=off).
  for (const char* holder : {"on", "off"}) {
    ::setenv("PAVP_SNAPSHOT_HOLDER", holder, 1);
    for (int crash_at : {-1, 1}) {
      const auto out = lines_of(run_nested_branches(crash_at));
      ASSERT_EQ(out.size(), 6u);
      const std::string inner = crash_at < 0 ? "++++" : "+-++";
      for (const std::string& line : out) {
        EXPECT_EQ(line, "ok|5 7 1 0 " + inner) << "holder " << holder << ", crash " << crash_at;
      }
    }
  }
  ::unsetenv("PAVP_SNAPSHOT_HOLDER");
}

TEST(process_snapshot, snapshots_stack_each_resume_goes_back_to_the_top_one) {
  SKIP_UNDER_SANITIZERS();
  // Two decisions of two choices each, explored depth first in one
  // process: the global and a populator-covered byte as each level left
  // them, whatever the branches after it wrote. The log lives in a shared
  // mapping, which putting the memory back does not reach.
  const auto r = pavp::run_isolated(
      {[]() -> std::string {
        auto* log = static_cast<char*>(
            ::mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
        std::size_t* used = reinterpret_cast<std::size_t*>(log);
        *used = 0;
        auto note = [&](const std::string& s) {
          std::memcpy(log + 8 + *used, s.data(), s.size());
          *used += s.size();
        };
        branch_state st;
        g_branch_global = 1;
        st.write(100, 1);
        const int a = pavp::process_snapshot::take();
        note("A" + std::to_string(a) + ":" + std::to_string(g_branch_global) + "," +
             std::to_string(st.block.data()[100]) + " ");
        g_branch_global = 10 + a;
        st.write(100, static_cast<std::uint8_t>(10 + a));
        const int b = pavp::process_snapshot::take();
        note("B" + std::to_string(a) + std::to_string(b) + ":" + std::to_string(g_branch_global) +
             "," + std::to_string(st.block.data()[100]) + " ");
        g_branch_global = 100 + b;
        st.write(100, static_cast<std::uint8_t>(100 + b));
        st.write(5000, 7);  // a page no level wrote
        if (b + 1 < 2) pavp::process_snapshot::resume(b + 1);
        pavp::process_snapshot::drop();
        if (a + 1 < 2) pavp::process_snapshot::resume(a + 1);
        pavp::process_snapshot::drop();
        return std::string(log + 8, *used) + std::to_string(pavp::process_snapshot::depth());
      }},
      1);
  ASSERT_TRUE(r[0].ok) << r[0].output;
  EXPECT_EQ(r[0].output, "A0:1,1 B00:10,10 B01:10,10 A1:1,1 B10:11,11 B11:11,11 0");
}

TEST(fork_branches, pavp_branches_fork_runs_each_branch_in_a_process_of_its_own) {
  ::setenv("PAVP_BRANCHES", "fork", 1);
  const auto out = lines_of(run_branches(4, [](branch_state&, int) {}));
  ::unsetenv("PAVP_BRANCHES");
  ASSERT_EQ(out.size(), 4u);
  for (const std::string& line : out) EXPECT_EQ(line.substr(0, line.rfind(' ')), "ok|5 7 1 0");
  EXPECT_NE(pid_of(out[0]), pid_of(out[1]));
}

json replay(const std::string& preset, const std::string& fix,
            std::vector<std::string> overrides = {}) {
  pavp::config_sources src;
  src.preset = preset;
  src.overrides = std::move(overrides);
  const pavp::run_spec spec = pavp::make_run_spec(src, fix);
  const auto r = pavp::run_isolated({[&] { return pavp::run_traffic_replay(spec).dump(); }}, 1);
  if (!r[0].ok) ADD_FAILURE() << r[0].output;
  return json::parse(r[0].ok ? r[0].output : "{}");
}

TEST(traffic_study, seed_order_on_the_default_preset_corrupts_in_copy_user_page) {
  const json r = replay("pa7300lc", "none");
  EXPECT_EQ(r["outcome"], "hang");
  EXPECT_GT(r["stale_reads"].get<int>(), 0);
  const json& first = r["first_stale"];
  EXPECT_EQ(first["phase"], "copy_user_page");
  EXPECT_EQ(first["space"], "0x0") << "a kernel load";
  EXPECT_EQ(first["vaddr"], "0x10203000") << "through the kernel's linear map";
  // The value A-2 wrote after flush_cache_dup_mm (used.next = E2) sits dirty
  // in the user's set; the kernel's set holds the stale copy it just read.
  EXPECT_EQ(first["expected"], "0x40001200");
  EXPECT_EQ(first["observed"], "0x40001100");
  ASSERT_EQ(first["lines"].size(), 2u);
  EXPECT_EQ(first["lines"][0]["dirty"], true);
  EXPECT_EQ(first["lines"][1]["dirty"], false);
}

TEST(traffic_study, every_fix_closes_the_window_on_the_default_preset) {
  for (const std::string& fix : pavp::fix_ids()) {
    if (fix == "none") continue;
    const json r = replay("pa7300lc", fix);
    EXPECT_EQ(r["outcome"], "ok") << fix;
    EXPECT_EQ(r["stale_reads"], 0) << fix;
  }
}

TEST(traffic_study, costs_follow_the_mechanisms) {
  const json none = replay("pa7300lc", "none");
  const json wrprotect = replay("pa7300lc", "wrprotect-flush");
  const json cow = replay("pa7300lc", "cow-flush");
  const json late = replay("pa7300lc", "fork-flush-late");
  // 64 KB, 32-byte lines: the FDCE loop is 2048 operations; a page is 128 FDCs.
  const int page_fdcs = 4096 / 32;
  EXPECT_EQ(wrprotect["flush_ops"].get<int>() - none["flush_ops"].get<int>(), page_fdcs);
  EXPECT_GT(wrprotect["fork_cycles"].get<int>(), none["fork_cycles"].get<int>());
  EXPECT_EQ(cow["flush_ops"].get<int>() - none["flush_ops"].get<int>(), page_fdcs);
  EXPECT_EQ(cow["fork_cycles"], none["fork_cycles"]) << "cow-flush costs at the fault, not at fork";
  EXPECT_GT(cow["cow_fault_cycles"].get<int>(), none["cow_fault_cycles"].get<int>());
  EXPECT_EQ(late["flush_ops"].get<int>() - none["flush_ops"].get<int>(), 2048);
  EXPECT_GT(late["fork_cycles"].get<int>(), none["fork_cycles"].get<int>() + 2048);
}

TEST(traffic_study, same_configuration_twice_gives_identical_results) {
  EXPECT_EQ(replay("pa8500", "none").dump(), replay("pa8500", "none").dump());
}

TEST(traffic_study, unknown_fix_is_rejected_by_name_before_any_run) {
  try {
    pavp::traffic_study_options opt;
    opt.fixes = {"none", "flush-everything"};
    pavp::run_traffic_study(opt);
    ADD_FAILURE() << "accepted";
  } catch (const pavp::config_error& e) {
    EXPECT_NE(std::string(e.what()).find("flush-everything"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("cow-flush"), std::string::npos);
  }
}

TEST(study_report, writes_json_csv_and_markdown) {
  json runs = json::array();
  runs.push_back({{"preset", "p"}, {"fix", "none"}, {"outcome", "ok"}, {"stale_reads", 0}});
  const pavp::test::temp_dir tmp("pavp-study-report");
  const std::string dir = tmp.path().string();
  pavp::write_study_report(runs, dir);
  std::ifstream csv(dir + "/study.csv");
  std::string header, row;
  std::getline(csv, header);
  std::getline(csv, row);
  EXPECT_EQ(header.rfind("preset,fix,outcome,stale_reads,", 0), 0u) << header;
  EXPECT_EQ(row.rfind("p,none,ok,0,", 0), 0u) << row;
  std::ifstream j(dir + "/study.json");
  EXPECT_EQ(json::parse(j)["runs"][0]["fix"], "none");
  EXPECT_TRUE(std::filesystem::exists(dir + "/study.md"));
  EXPECT_THROW(pavp::write_study_report(runs, "/proc/none/x"), std::runtime_error);
}

}  // namespace
