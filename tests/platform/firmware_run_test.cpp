// The firmware kernel on the modelled platform (pavp run): boot, outcome,
// the coherence checker's first stale read, repeatability and bad input.
// Every simulation runs in a process of its own (run_pool.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "platform/study/firmware_run.h"
#include "platform/study/fixes.h"
#include "platform/study/run_pool.h"
#include "run_command.h"
#include "temp_dir.h"

namespace {

using json = nlohmann::ordered_json;
namespace fs = std::filesystem;

bool have_kernel() {
  return fs::exists(pavp::default_kernel_path());
}

// Runs each (fix, overrides) in a child process and returns the run objects.
std::vector<json> run_all(const std::vector<std::pair<std::string, std::vector<std::string>>>& runs,
                          const std::string& schedule = "seed") {
  std::vector<std::function<std::string()>> jobs;
  for (const auto& [fix, overrides] : runs) {
    jobs.push_back([fix = fix, overrides = overrides, schedule] {
      pavp::config_sources src;
      src.overrides = overrides;
      return pavp::run_firmware(pavp::make_run_spec(src, fix, schedule), {}).dump();
    });
  }
  std::vector<json> out;
  for (const pavp::run_outcome& o : pavp::run_isolated(jobs, 2)) {
    EXPECT_TRUE(o.ok) << o.output;
    out.push_back(o.ok ? json::parse(o.output) : json());
  }
  return out;
}

json run_one(const std::string& fix, const std::vector<std::string>& overrides = {}) {
  return run_all({{fix, overrides}}).front();
}

#define REQUIRE_KERNEL() \
  if (!have_kernel()) GTEST_SKIP() << "no firmware kernel at " << pavp::default_kernel_path()

TEST(firmware_run, none_under_seed_copies_a_stale_line_in_the_child_cow_fault) {
  REQUIRE_KERNEL();
  const json r = run_one("none");
  EXPECT_EQ(r["exit_code"], 0) << r["end"];
  EXPECT_GT(r["stale_reads"].get<std::uint64_t>(), 0u);
  ASSERT_TRUE(r["first_stale"].is_object());
  const json& s = r["first_stale"];
  // A kernel load (privilege 0) in the copy loop that copy_user_page calls,
  // in the child B (pid 3) ...
  EXPECT_EQ(s["privilege"], 0);
  EXPECT_EQ(s["function"], "copy_page");
  EXPECT_NE(s["caller"].get<std::string>().find("copy_user_page"), std::string::npos);
  EXPECT_EQ(s["pid"], 3);
  // ... of bytes thread A-2 (pid 1, tid 2) wrote in user mode ...
  ASSERT_TRUE(s["last_writer"].is_object());
  EXPECT_EQ(s["last_writer"]["pid"], 1);
  EXPECT_EQ(s["last_writer"]["tid"], 2);
  EXPECT_FALSE(s["last_writer"]["debug"].get<bool>());
  EXPECT_LT(s["last_writer"]["cycle"].get<std::uint64_t>(), s["cycle"].get<std::uint64_t>());
  // ... still held dirty in the D-cache at the user's colour.
  bool dirty = false;
  for (const json& l : s["dcache_lines"]) dirty = dirty || l["dirty"].get<bool>();
  EXPECT_TRUE(dirty);
  EXPECT_GT(r["cow_faults"].get<std::uint64_t>(), 0u);
  EXPECT_GT(r["fork_cycles"].get<std::uint64_t>(), 0u);
}

// The expectation for `none` under `seed`. On pa7300lc (64 KB, 2-way,
// LRU) it does not hold: B's walk finishes with outcome ok. After A-2's move,
// A-1's fork goes on allocating the child's page tables, and zeroing each
// (through the kernel mapping, one store per line of the page) allocates a
// line in every set of that page's colour; one of them has ELEM's colour and
// evicts -- writes back -- ELEM's dirty line before B's COW fault, so ELEM's
// copy is fresh. The stale copies hit other lines (see the test above). With
// 4 ways (none_with_four_ways_hangs) or the pa8500 preset the same kernel
// hangs as the seed describes.
TEST(firmware_run, DISABLED_none_under_seed_hangs_or_is_corrupted) {
  REQUIRE_KERNEL();
  const json r = run_one("none");
  EXPECT_TRUE(r["outcome"] == "hang" || r["outcome"] == "corrupted") << r["outcome"];
}

// The PA8500's 1 MB 4-way data cache keeps ELEM's dirty line through the
// fork: the child follows the stale pointer into `used` and its walk hangs.
TEST(firmware_run, none_on_the_pa8500_preset_hangs_under_seed) {
  REQUIRE_KERNEL();
  const std::vector<pavp::run_outcome> o =
      pavp::run_isolated({[] {
                           pavp::config_sources src;
                           src.preset = "pa8500";
                           return pavp::run_firmware(pavp::make_run_spec(src, "none"), {}).dump();
                         }},
                         1);
  ASSERT_TRUE(o.at(0).ok) << o.at(0).output;
  const json r = json::parse(o.at(0).output);
  EXPECT_EQ(r["preset"], "pa8500");
  EXPECT_EQ(r["outcome"], "hang");
  EXPECT_GT(r["stale_reads"].get<std::uint64_t>(), 0u);
  EXPECT_EQ(r["first_stale"]["function"], "copy_page");
  EXPECT_EQ(r["first_stale"]["last_writer"]["tid"], 2);
}

TEST(firmware_run, none_with_four_ways_hangs) {
  REQUIRE_KERNEL();
  const json r = run_one("none", {"dcache.associativity=4"});
  EXPECT_EQ(r["outcome"], "hang");
  EXPECT_GT(r["stale_reads"].get<std::uint64_t>(), 0u);
}

TEST(firmware_run, closing_fixes_and_pipt_are_ok_without_stale_reads) {
  REQUIRE_KERNEL();
  const std::vector<std::string> fixes = {"cow-flush",    "congruent-copy", "fork-flush-late",
                                          "colour-alloc", "linux-6.10",     "pipt"};
  std::vector<std::pair<std::string, std::vector<std::string>>> runs;
  for (const std::string& f : fixes) runs.push_back({f, {}});
  const std::vector<json> r = run_all(runs);
  ASSERT_EQ(r.size(), fixes.size());
  for (std::size_t i = 0; i < fixes.size(); ++i) {
    SCOPED_TRACE(fixes[i]);
    EXPECT_EQ(r[i]["outcome"], "ok") << r[i]["end"];
    EXPECT_EQ(r[i]["stale_reads"], 0);
    EXPECT_TRUE(r[i]["first_stale"].is_null());
    EXPECT_EQ(r[i]["exit_code"], 0);
  }
}

// The kernel names the fix it booted with (its boot line) and reports its
// code as a result record: for every fix of the platform's table, both are
// the platform's (pipt boots the none kernel).
TEST(firmware_run, the_kernel_runs_the_fix_the_platform_names) {
  REQUIRE_KERNEL();
  std::vector<std::pair<std::string, std::vector<std::string>>> runs;
  for (const pavp::fix_spec& f : pavp::fixes()) runs.push_back({f.id, {}});
  const std::vector<json> r = run_all(runs);
  ASSERT_EQ(r.size(), pavp::fixes().size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    const pavp::fix_spec& f = pavp::fixes()[i];
    SCOPED_TRACE(f.id);
    const std::string kernel_id = pavp::fixes()[f.kernel_code].id;
    EXPECT_NE(r[i]["console"].get<std::string>().find("fix " + kernel_id + ","), std::string::npos)
        << r[i]["console"];
    EXPECT_EQ(r[i]["kernel"]["fix"], static_cast<unsigned>(f.kernel_code));
  }
}

TEST(firmware_run, same_config_twice_gives_identical_json) {
  REQUIRE_KERNEL();
  const std::vector<json> r = run_all({{"none", {}}, {"none", {}}});
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].dump(), r[1].dump());
  const std::vector<json> q = run_all({{"cow-flush", {}}, {"cow-flush", {}}}, "random:7");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].dump(), q[1].dump());
}

// The CPU calling the D-cache directly with the coherence probe as its
// observer, and every access a b_transport through the probe: the same run,
// on the hashed pa7100lc too (absolute accesses name space 0 either way).
TEST(firmware_run, observed_direct_data_path_equals_transport_through_the_probe) {
  REQUIRE_KERNEL();
  for (const char* preset : {"pa7300lc", "pa7100lc"}) {
    SCOPED_TRACE(preset);
    std::vector<std::function<std::string()>> jobs;
    for (bool direct : {true, false}) {
      jobs.push_back([preset, direct] {
        pavp::config_sources src;
        src.preset = preset;
        pavp::firmware_run_options opt;
        opt.direct_cache = direct;
        return pavp::run_firmware(pavp::make_run_spec(src, "none", "random:3"), opt).dump();
      });
    }
    const std::vector<pavp::run_outcome> o = pavp::run_isolated(jobs, 2);
    ASSERT_TRUE(o[0].ok && o[1].ok) << o[0].output << o[1].output;
    EXPECT_EQ(o[0].output, o[1].output);
    EXPECT_GT(json::parse(o[0].output)["stale_reads"].get<std::uint64_t>(), 0u);
  }
}

// ------------------------------------------------------------- placement

// The physical pages the kernel zeroes and flushes (clear_page's
// flush_kernel_dcache_page, one FDC loop a page), in order: the frames the
// allocator handed out.
std::vector<std::string> flushed_frames(const std::string& fix, const std::string& placement) {
  std::string name = "pavp_frames_" + fix + "_" + placement + ".trace";
  std::replace(name.begin(), name.end(), ':', '_');
  const pavp::test::temp_dir tmp("pavp_frames");
  const std::string trace = (tmp / name).string();
  const std::vector<pavp::run_outcome> o =
      pavp::run_isolated({[&] {
                           pavp::config_sources src;
                           src.overrides = {"kernel.placement=" + placement};
                           pavp::firmware_run_options opt;
                           opt.trace_file = trace;
                           return pavp::run_firmware(pavp::make_run_spec(src, fix), opt).dump();
                         }},
                         1);
  EXPECT_TRUE(o.at(0).ok) << o.at(0).output;
  std::vector<std::string> frames;
  std::ifstream in(trace);
  // "... flush fdc x128 from 0x... ... flush_kernel_dcache_page ...": the address.
  const std::string run = " flush fdc x128 from ";
  for (std::string line; std::getline(in, line);) {
    const std::size_t at = line.find(run);
    if (at == std::string::npos || line.find("flush_kernel_dcache_page") == std::string::npos) {
      continue;
    }
    const std::size_t from = at + run.size();
    frames.push_back(line.substr(from, line.find(' ', from) - from));
  }
  return frames;
}

TEST(firmware_run, placement_seeds_give_repeatable_and_different_frames) {
  REQUIRE_KERNEL();
  const std::vector<std::string> a = flushed_frames("none", "random:1");
  const std::vector<std::string> b = flushed_frames("none", "random:1");
  const std::vector<std::string> c = flushed_frames("none", "random:2");
  const std::vector<std::string> linear = flushed_frames("none", "linear");
  ASSERT_GT(a.size(), 256u) << "the heap alone is 256 pages";
  EXPECT_EQ(a, b) << "the same seed gives the same frames";
  EXPECT_NE(a, c) << "two seeds give different frames";
  EXPECT_NE(a, linear);
  // Linear: the lowest free frame first, from 1 MB up, as the kernel always
  // did before placement was a parameter.
  ASSERT_GE(linear.size(), 4u);
  EXPECT_EQ(linear[0], "0x00100000");
  EXPECT_EQ(linear[1], "0x00101000");
}

TEST(firmware_run, linear_placement_is_the_default_key_for_key) {
  REQUIRE_KERNEL();
  const std::vector<json> r = run_all({{"none", {}}, {"none", {"kernel.placement=linear"}}});
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].dump(), r[1].dump());
  EXPECT_EQ(r[0]["placement"], "linear");
  // The seed's run under linear placement (measured): A-1's kernel stack
  // takes the first four frames at 1 MB, ELEM's page is at physical
  // 0x00111000, and its stale line is read in the child's copy.
  EXPECT_EQ(r[0]["first_stale"]["paddr"], "0x00111044");
  EXPECT_EQ(r[0]["stale_reads"], 2);
  EXPECT_EQ(r[0]["outcome"], "ok");
}

// Under sampled placement the pa7300lc's `none` reads stale data but does not
// fail: the seed's schedule under placements random:1..8 (measured) reads
// stale lines under random:4, 5, 7 and 8 and completes every time. The child
// copies a picture that is stale as a whole (the lines of the move stay
// dirty in A's cache together), so its walk is consistent; README, "What the
// study finds". With the kernel's stacks at fixed addresses, as before they
// came from the page allocator, three of these placements hung.
TEST(firmware_run, none_under_sampled_placement_reads_stale_but_completes_on_pa7300lc) {
  REQUIRE_KERNEL();
  std::vector<std::pair<std::string, std::vector<std::string>>> runs;
  for (int i = 1; i <= 8; ++i) {
    runs.push_back({"none", {"kernel.placement=random:" + std::to_string(i)}});
  }
  const std::vector<json> r = run_all(runs);
  std::vector<std::string> failing, stale;
  for (const json& run : r) {
    EXPECT_GT(run["instructions"].get<std::uint64_t>(), 0u);
    if (run["outcome"] != "ok") failing.push_back(run["placement"].get<std::string>());
    if (run["stale_reads"].get<std::uint64_t>() > 0) {
      stale.push_back(run["placement"].get<std::string>());
    }
  }
  EXPECT_EQ(failing, std::vector<std::string>{});
  EXPECT_EQ(stale, (std::vector<std::string>{"random:4", "random:5", "random:7", "random:8"}));
}

// colour-alloc and congruent-copy close the bug by construction under any
// placement (mm.c, pick_frame) where the index is the virtual colour; so do
// the flushing fixes and physical caches.
TEST(firmware_run, closing_fixes_stay_clean_under_random_placement) {
  REQUIRE_KERNEL();
  std::vector<std::pair<std::string, std::vector<std::string>>> runs;
  for (const char* fix : {"colour-alloc", "congruent-copy", "cow-flush", "linux-6.10", "pipt"}) {
    for (const char* p : {"random:2", "random:7"}) {
      runs.push_back({fix, {std::string("kernel.placement=") + p}});
    }
  }
  for (const char* fix : {"colour-alloc", "congruent-copy"}) {
    runs.push_back({fix, {"preset=pa8500", "kernel.placement=random:3"}});
  }
  const std::vector<json> r = run_all(runs);
  for (const json& run : r) {
    SCOPED_TRACE(run["fix"].get<std::string>() + " " + run["placement"].get<std::string>());
    EXPECT_EQ(run["outcome"], "ok");
    EXPECT_EQ(run["stale_reads"], 0);
  }
}

// DESIGN says cow-flush closes the bug; on the pa7100lc it does not. The
// space id is hashed into the index, so while A and B share a page
// copy-on-write, B's reads of it (before any write fault) index other sets
// than A's dirty line and load memory's old value; a fix that acts at the COW
// fault comes too late. A whole-cache flush after copy_page_range
// (fork-flush-late) closes it. README, "What the study finds".
TEST(firmware_run, on_the_hashed_pa7100lc_the_child_reads_a_shared_page_stale_despite_cow_flush) {
  REQUIRE_KERNEL();
  const std::vector<json> r =
      run_all({{"cow-flush", {"preset=pa7100lc", "kernel.placement=linear"}},
               {"colour-alloc", {"preset=pa7100lc", "kernel.placement=linear"}},
               {"fork-flush-late", {"preset=pa7100lc", "kernel.placement=linear"}}});
  ASSERT_EQ(r.size(), 3u);
  for (std::size_t i = 0; i < 2; ++i) {
    SCOPED_TRACE(r[i]["fix"].get<std::string>());
    EXPECT_GT(r[i]["stale_reads"].get<std::uint64_t>(), 0u);
    const json& s = r[i]["first_stale"];
    EXPECT_EQ(s["privilege"], 3) << "B's own load, not the kernel's copy";
    EXPECT_EQ(s["pid"], 3);
    EXPECT_EQ(s["last_writer"]["tid"], 2);
    EXPECT_EQ(r[i]["outcome"], "ok") << "what B reads stale is a consistent old picture";
  }
  EXPECT_EQ(r[2]["stale_reads"], 0);
  EXPECT_EQ(r[2]["outcome"], "ok");
}

// ------------------------------------------------------------------ costs

std::uint64_t u64(const json& r, const char* key) {
  return r[key].get<std::uint64_t>();
}
std::uint64_t kernel_result(const json& r, const char* key) {
  return r["kernel"][key].get<std::uint64_t>();
}

// pa7300lc: 4 KB pages of 32-byte lines; flush_user_dcache_page is one FDC a line.
constexpr std::uint64_t k_fdc_per_page = 4096 / 32;

// wrprotect-flush flushes each page ptep_set_wrprotect makes COW, inside the
// fork: its fork flush instructions grow by one page's FDCs per writable page.
TEST(firmware_run, wrprotect_flush_flushes_at_fork_in_proportion_to_writable_pages) {
  REQUIRE_KERNEL();
  const std::vector<std::string> heaps = {"256K", "1M", "2M"};
  std::vector<std::pair<std::string, std::vector<std::string>>> runs;
  for (const std::string& h : heaps) {
    runs.push_back({"wrprotect-flush", {"workload.heap_size=" + h}});
    runs.push_back({"none", {"workload.heap_size=" + h}});
  }
  const std::vector<json> r = run_all(runs);
  ASSERT_EQ(r.size(), 6u);
  for (std::size_t i = 0; i < heaps.size(); ++i) {
    SCOPED_TRACE(heaps[i]);
    const json& wp = r[2 * i];
    const json& none = r[2 * i + 1];
    const std::uint64_t pages = kernel_result(wp, "wrprotected_pages");
    EXPECT_EQ(kernel_result(none, "wrprotected_pages"), pages);
    EXPECT_EQ(u64(wp, "fork_flush_ops") - u64(none, "fork_flush_ops"), pages * k_fdc_per_page);
    EXPECT_GT(u64(wp, "fork_cycles"), u64(none, "fork_cycles"));
  }
  // Every extra heap page is one more writable page, and one more page of FDCs.
  const std::uint64_t p256k = kernel_result(r[0], "wrprotected_pages");
  const std::uint64_t p2m = kernel_result(r[4], "wrprotected_pages");
  EXPECT_EQ(p2m - p256k, (2048u - 256u) / 4u);
  EXPECT_EQ(u64(r[4], "fork_flush_ops") - u64(r[0], "fork_flush_ops"),
            (p2m - p256k) * k_fdc_per_page);
}

// cow-flush leaves the fork alone and flushes the source page at each COW
// copy (flush_dcache_page_tmpalias before copy_user_page).
TEST(firmware_run, cow_flush_flushes_at_each_cow_fault) {
  REQUIRE_KERNEL();
  const std::vector<json> r = run_all({{"cow-flush", {}}, {"none", {}}});
  ASSERT_EQ(r.size(), 2u);
  const json& cow = r[0];
  const json& none = r[1];
  EXPECT_EQ(u64(cow, "fork_flush_ops"), u64(none, "fork_flush_ops"));
  const std::uint64_t copies = kernel_result(cow, "cow_copies");
  EXPECT_GT(copies, 0u);
  EXPECT_EQ(u64(cow, "cow_flush_ops") - u64(none, "cow_flush_ops"), copies * k_fdc_per_page);
}

// fork-flush-late runs Linux's whole-cache loop twice per fork: in
// flush_cache_dup_mm and again after copy_page_range.
TEST(firmware_run, fork_flush_late_flushes_the_whole_cache_twice_per_fork) {
  REQUIRE_KERNEL();
  const std::vector<json> r = run_all({{"fork-flush-late", {}}, {"none", {}}});
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(u64(r[0], "fork_whole_cache_flushes"), 2u);
  EXPECT_EQ(u64(r[1], "fork_whole_cache_flushes"), 1u);
  EXPECT_EQ(kernel_result(r[0], "forks"), 1u);
  EXPECT_GT(u64(r[0], "fork_cycles"), u64(r[1], "fork_cycles"));
}

// The workload's sizes reach the kernel and the workload from the config.
TEST(firmware_run, workload_sizes_come_from_the_config) {
  REQUIRE_KERNEL();
  // (random: the seed's steps are for the seed's two threads of A)
  const std::vector<json> r = run_all(
      {{"none", {"workload.elements=8", "workload.extra_threads=2"}}, {"none", {}}}, "random:1");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_NE(r[0]["console"].get<std::string>().find("A-1: 8 elements, stride 4096, threads 4"),
            std::string::npos)
      << r[0]["console"];
  // Two more 64 KB stacks: 32 more writable pages at the fork.
  EXPECT_EQ(kernel_result(r[0], "wrprotected_pages") - kernel_result(r[1], "wrprotected_pages"),
            32u);
}

// ------------------------------------------------------------------ the pavp binary

using pavp::test::command_result;

// Runs `pavp run` with args.
command_result run_pavp(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {PAVP_BINARY, "run"};
  argv.insert(argv.end(), args.begin(), args.end());
  return pavp::test::run_command(argv);
}

void expect_usage_error(const std::vector<std::string>& args, const std::string& needle) {
  SCOPED_TRACE(args.empty() ? std::string() : args.back());
  const command_result r = run_pavp(args);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(r.err.rfind("pavp: ", 0), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
}

TEST(pavp_run, bad_input_is_one_line_and_exit_2) {
  const pavp::test::temp_dir tmp("pavp_run_test");
  const fs::path replay = tmp / "bad.sched";
  std::ofstream(replay) << "# bad\n1 2 x\n";
  expect_usage_error({"--fix", "nonsense"}, "nonsense");
  expect_usage_error({"--fix", "none", "--preset", "pa9999"}, "pa9999");
  expect_usage_error({"--fix", "none", "--schedule", "sometimes"}, "sometimes");
  expect_usage_error({"--fix", "none", "--schedule", "random:abc"}, "random:abc");
  expect_usage_error({"--fix", "none", "--set", "dcache.colour=3"}, "dcache.colour");
  expect_usage_error({"--fix", "none", "--schedule", "replay:" + replay.string()}, replay.string());
  expect_usage_error({"--fix", "none", "--schedule", "replay:/nonexistent/x.sched"},
                     "/nonexistent/x.sched");
  expect_usage_error({}, "--fix");
  expect_usage_error({"--fix", "none", "--set", "workload.elements=61"}, "workload.elements");
  expect_usage_error(
      {"--fix", "none", "--set", "workload.heap_size=64K", "--set", "workload.elements=20"},
      "workload.elements");
  expect_usage_error({"--fix", "none", "--set", "workload.extra_threads=1"}, "random:N");
  for (const char* p : {"random:", "random:-1", "random:x", "scattered"}) {
    expect_usage_error({"--fix", "none", "--placement", p}, "accepted: linear, random:N");
  }
  expect_usage_error({"--fix", "none", "--set", "kernel.placement=random:"},
                     "kernel.placement: random: is not accepted (linear, or random:N");
  std::ofstream(replay) << "placement random:3\n1 2 1\n";
  expect_usage_error(
      {"--fix", "none", "--placement", "random:4", "--schedule", "replay:" + replay.string()},
      "recorded with placement random:3");
  std::ofstream(replay) << "placing random:3\n1 2 1\n";
  expect_usage_error({"--fix", "none", "--schedule", "replay:" + replay.string()},
                     "unknown setting 'placing' (accepted: placement, preempt_every)");
}

TEST(pavp_run, writes_json_trace_and_a_summary) {
  if (!have_kernel()) GTEST_SKIP() << "no firmware kernel";
  const pavp::test::temp_dir tmp("pavp_run_test_out");
  const fs::path dir = tmp.path();
  const std::string j = (dir / "run.json").string(), t = (dir / "run.trace").string(),
                    rec = (dir / "run.sched").string();
  const command_result r = run_pavp(
      {"--fix", "none", "--placement", "random:4", "--json", j, "--trace", t, "--record", rec});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("outcome"), std::string::npos);
  EXPECT_NE(r.out.find("first stale read"), std::string::npos);
  const json run = json::parse(std::ifstream(j));
  for (const char* k :
       {"fix", "preset", "schedule", "outcome", "stale_reads", "fork_cycles", "cow_faults",
        "cow_fault_cycles", "flush_ops", "flush_cycles", "writebacks", "dram_bytes_read",
        "dram_bytes_written", "total_cycles", "instructions", "first_stale"}) {
    EXPECT_TRUE(run.contains(k)) << k;
  }
  std::stringstream trace;
  trace << std::ifstream(t).rdbuf();
  for (const char* ev : {"mark begin FORK", "sched point 1 n 2 choice 1", "mark begin COW_FAULT",
                         "flush fdce x", " stale pc "}) {
    EXPECT_NE(trace.str().find(ev), std::string::npos) << ev;
  }
  // The recorded decisions replay to the same run.
  const command_result again =
      run_pavp({"--fix", "none", "--schedule", "replay:" + rec, "--json", j + "2"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  json replayed = json::parse(std::ifstream(j + "2"));
  EXPECT_EQ(run["placement"], "random:4");
  EXPECT_EQ(replayed["placement"], "random:4") << "the record keeps the placement";
  EXPECT_EQ(replayed["total_cycles"], run["total_cycles"]);
  EXPECT_EQ(replayed["stale_reads"], run["stale_reads"]);
  EXPECT_EQ(replayed["outcome"], run["outcome"]);
}

// pavp run --host-stats: the simulation loop's host time and speed on
// standard error, for the instructions the run reports; the summary on
// standard output is the one without it.
TEST(pavp_run, host_stats_tell_the_loops_seconds_and_mips_on_stderr) {
  if (!have_kernel()) GTEST_SKIP() << "no firmware kernel";
  const command_result plain = run_pavp({"--fix", "none"});
  const command_result timed = run_pavp({"--fix", "none", "--host-stats"});
  ASSERT_EQ(timed.exit_code, 0) << timed.err;
  EXPECT_EQ(timed.out, plain.out);
  // Parsed with sscanf: <regex> trips GCC 12's uninitialised-use warning in
  // the sanitizer build (make test-sanitize, -Werror).
  const std::size_t at = timed.err.find("host: simulation loop ");
  ASSERT_NE(at, std::string::npos) << timed.err;
  double seconds = 0, mips = 0;
  unsigned long long looped = 0;
  char unit[8] = {};
  ASSERT_EQ(
      std::sscanf(timed.err.c_str() + at, "host: simulation loop %lf s, %llu instructions, %lf %7s",
                  &seconds, &looped, &mips, unit),
      4)
      << timed.err;
  EXPECT_STREQ(unit, "MIPS");
  EXPECT_GT(seconds, 0.0) << "the loop's time is counted when the firmware's exit stops the "
                             "simulation";
  EXPECT_GT(mips, 0.0);
  // The summary counts up to the firmware's exit; the loop also ran the few
  // instructions between the exit's store and the end of its quantum.
  const std::size_t total = plain.out.find("  total ");
  ASSERT_NE(total, std::string::npos) << plain.out;
  unsigned long long cycles = 0, reported = 0;
  ASSERT_EQ(std::sscanf(plain.out.c_str() + total, "  total %llu cycles, %llu instructions",
                        &cycles, &reported),
            2)
      << plain.out;
  EXPECT_GE(looped, reported);
  EXPECT_LT(looped - reported, 1000u);
  EXPECT_EQ(plain.err.find("host:"), std::string::npos);
}

// pavp run --explain: the race of the run in the seed's steps, from its events.
TEST(pavp_run, explain_tells_the_race_in_the_seeds_order) {
  if (!have_kernel()) GTEST_SKIP() << "no firmware kernel";
  const pavp::test::temp_dir tmp("pavp_run_explain");
  const fs::path dir = tmp.path();
  const std::string j = (dir / "run.json").string();
  const command_result r =
      run_pavp({"--fix", "none", "--preset", "pa8500", "--explain", "--json", j});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("The race, step by step"), std::string::npos) << r.out;
  const json run = json::parse(std::ifstream(j));
  ASSERT_TRUE(run["explain"].is_array());
  // The first step of each seed step, in the seed's order, each with a cycle.
  const std::vector<std::string> order = {"(1)-(2)", "(3)", "(4)", "(5)",  "(6)",
                                          "(7)",     "(8)", "(9)", "(10)", "(11)"};
  std::vector<std::string> seen;
  std::uint64_t last_cycle = 0;
  for (const json& step : run["explain"]) {
    const std::uint64_t cycle = step["cycle"].get<std::uint64_t>();
    EXPECT_GT(cycle, 0u);
    EXPECT_GE(cycle, last_cycle) << "steps in the order they happened";
    last_cycle = cycle;
    const std::string s = step["seed_step"].get<std::string>();
    if (!s.empty() && std::find(seen.begin(), seen.end(), s) == seen.end()) seen.push_back(s);
  }
  EXPECT_EQ(seen, order) << run["explain"].dump(1);
  // A-2's store to ELEM after the flush, the stale copy of ELEM, the hang.
  const std::string text = run["explain"].dump();
  EXPECT_NE(text.find("A-2 (pid 1 tid 2) stores 0x00800048 (&cache) to ELEM.prev"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("copy_page loads physical"), std::string::npos) << text;
  EXPECT_NE(text.find("(ELEM.next): memory holds"), std::string::npos) << text;
  EXPECT_NE(text.find("ptep_set_wrprotect"), std::string::npos) << text;
  EXPECT_NE(text.find("outcome hang"), std::string::npos) << text;

  // A clean run says that no stale read happened.
  const command_result clean = run_pavp({"--fix", "cow-flush", "--explain"});
  ASSERT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_NE(clean.out.find("no stale read happened in this run"), std::string::npos) << clean.out;
}

// A stale user read (the hashed pa7100lc) names who wrote the newest value,
// from the checker's last-writer record: A-2 before the fork under cow-flush;
// B itself in a congruent-copy run that reads stale data (placement random:7,
// where congruent-copy fails: ctest -R congruent_copy_fails_on_the_hashed).
TEST(pavp_run, explain_names_the_writer_of_a_stale_user_reads_newest_value) {
  if (!have_kernel()) GTEST_SKIP() << "no firmware kernel";
  const command_result a = run_pavp({"--preset", "pa7100lc", "--fix", "cow-flush", "--explain"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_NE(a.out.find("B (pid 3 tid 3) reads cache.next at virtual 0x00800048 and gets memory's "
                       "0x00c03040 (&E3): the newest value 0x00c00040 (&ELEM), written by A-2 "
                       "(pid 1 tid 2) at cycle"),
            std::string::npos)
      << a.out;
  const command_result b =
      run_pavp({"--preset", "pa7100lc", "--fix", "congruent-copy", "--placement", "random:7",
                "--schedule", "random:22", "--explain"});
  EXPECT_NE(b.out.find("B (pid 3 tid 3) reads virtual 0x0100010c and gets memory's 0x00000034: "
                       "the newest value 0x00000000, written by B (pid 3 tid 3) at cycle"),
            std::string::npos)
      << b.out;
  EXPECT_EQ(b.out.find("A's dirty line"), std::string::npos) << b.out;
}

// Counts given as "-3" or "x" are errors, not huge numbers.
TEST(pavp_study, bad_counts_are_one_line_and_exit_2) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"--schedules", "-3"},
                                             {"--schedules", "x"},
                                             {"--placements", "-1"},
                                             {"-j", "0"},
                                             {"-j", "-1"},
                                             {"--explore", "9"}}) {
    std::vector<std::string> argv = {PAVP_BINARY, "study"};
    argv.insert(argv.end(), args.begin(), args.end());
    const command_result r = pavp::test::run_command(argv);
    SCOPED_TRACE(args.front() + " " + args.back());
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find("not accepted (a whole number from"), std::string::npos) << r.err;
  }
}

// pavp study --preset all: every CPU preset side by side, a row each, with
// its verdict and one line per preset under the table.
TEST(pavp_study, preset_all_runs_every_cpu_preset_with_a_verdict_per_row) {
  REQUIRE_KERNEL();
  const pavp::test::temp_dir tmp("pavp_study_all");
  const std::string out = (tmp / "out").string();
  const command_result r =
      pavp::test::run_command({PAVP_BINARY, "study", "--preset", "all", "--fix", "fork-flush-late",
                               "--schedules", "0", "--placements", "0", "--out", out});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const char* preset : {"pa7300lc", "pa7100lc", "pa8500"}) {
    // A table row: the preset, the fix and the verdict as its first three words.
    bool row = false;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
      std::istringstream words(line);
      std::string p, f, v;
      words >> p >> f >> v;
      row = row || (p == preset && f == "fork-flush-late" && v == "clean");
    }
    EXPECT_TRUE(row) << preset << "\n" << r.out;
    EXPECT_NE(r.out.find(std::string("\n") + preset + ": "), std::string::npos) << r.out;
  }
  EXPECT_EQ(r.out.find("pipt  "), std::string::npos) << "pipt is no CPU preset";
}

}  // namespace

// The nptl scenario: glibc's own threads and fork (firmware/user/nptl_fork.c,
// static glibc 2.36) on the kernel's Linux personality. On a physically
// indexed cache every schedule ends ok; under `none` on the pa8500, random:1,
// the first child copies a stale line in a COW fault -- bytes of a thread
// descriptor a churner thread of the parent (pid 1 tid 3) wrote at the user's
// colour after the fork's whole-cache flush -- and then runs past its
// instruction budget: hang.
TEST(firmware_run, nptl_pipt_ends_ok_and_none_on_pa8500_copies_stale_and_hangs) {
  REQUIRE_KERNEL();
  const std::vector<json> r = run_all({{"pipt", {"workload.scenario=nptl", "preset=pa8500"}},
                                       {"none", {"workload.scenario=nptl", "preset=pa8500"}}},
                                      "random:1");
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0]["outcome"], "ok") << r[0]["end"];
  EXPECT_EQ(r[0]["stale_reads"], 0);
  EXPECT_EQ(r[0]["kernel"]["children"], 3);
  EXPECT_EQ(r[0]["kernel"]["unknown_syscalls"], 0);
  EXPECT_EQ(r[1]["outcome"], "hang") << r[1]["end"];
  EXPECT_EQ(r[1]["kernel"]["exit_status"], 9);  // SIGKILL: over its budget
  ASSERT_TRUE(r[1]["first_stale"].is_object());
  const json& s = r[1]["first_stale"];
  EXPECT_EQ(s["function"], "copy_page");
  EXPECT_NE(s["caller"].get<std::string>().find("copy_user_page"), std::string::npos);
  EXPECT_EQ(s["pid"], 4);
  EXPECT_EQ(s["last_writer"]["pid"], 1);
  EXPECT_EQ(s["last_writer"]["tid"], 3);
  // The stale bytes are a thread descriptor glibc keeps on its stack_used
  // list (named from the program's symbols and the list walked in memory).
  EXPECT_EQ(s["user_vaddr"], "0x9f7fe83c");
  EXPECT_EQ(s["object"], "struct pthread on stack_used: +0x24");
}
