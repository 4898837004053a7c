// The pavp command line: `pavp [--help] [--version] COMMAND [OPTIONS]`.
//
// Each command is one function taking its own arguments (everything after
// the command name) and returning the exit code; add a command by writing
// its function and listing it in k_commands. A bad command line or a
// rejected configuration prints one line, "pavp: MESSAGE", on stderr and
// exits with 2; no exception leaves sc_main.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <boost/program_options.hpp>
#include <systemc>

#include "pavp/common/file_io.h"
#include "pavp/common/param_helpers.h"
#include "pavp/cpu/cpu.h"
#include "platform/board/config.h"
#include "platform/se/se_command.h"
#include "platform/study/explore.h"
#include "platform/study/firmware_run.h"
#include "platform/study/fixes.h"
#include "platform/study/kernel_study.h"
#include "platform/study/race_explain.h"
#include "platform/study/run_pool.h"
#include "platform/study/study_report.h"
#include "platform/study/traffic_study.h"
#include "platform/sweep/sweep_run.h"

namespace po = boost::program_options;

namespace {

// SystemC prints its copyright banner in sc_elab_and_sim(), before sc_main()
// runs, unless SC_COPYRIGHT_MESSAGE=DISABLE. Setting it during static
// initialisation (before the library's main()) is early enough; a value the
// user already set (e.g. ENABLE) is kept.
const bool g_banner_off = [] { return ::setenv("SC_COPYRIGHT_MESSAGE", "DISABLE", 0) == 0; }();

constexpr int k_exit_ok = 0;
constexpr int k_exit_failure = 1;
constexpr int k_exit_usage = 2;

// A bad command line that Boost.Program_options does not itself detect.
class usage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using command_function = int (*)(const std::vector<std::string>& args);

struct command {
  const char* name;
  const char* summary;
  command_function run;
};

int cmd_config(const std::vector<std::string>& args);
int cmd_presets(const std::vector<std::string>& args);
int cmd_study(const std::vector<std::string>& args);
int cmd_run(const std::vector<std::string>& args);
int cmd_explore(const std::vector<std::string>& args);
int cmd_sweep(const std::vector<std::string>& args);

const command k_commands[] = {
    {"config", "print the resolved configuration (preset, --config file, --set overrides)",
     cmd_config},
    {"presets", "list the presets and where their numbers come from", cmd_presets},
    {"study", "every fix under seed and random schedules: the kernel on the modelled machine",
     cmd_study},
    {"run", "boot the firmware kernel with one fix: outcome, stale reads, costs", cmd_run},
    {"explore", "every schedule of one fix up to a preemption bound: a bounded verdict",
     cmd_explore},
    {"sweep", "a parameter sweep: the study at every point of a sweep file, here or on Slurm",
     cmd_sweep},
    {"se", "run a static hppa-linux-gnu program in syscall-emulation mode", pavp::se_main},
};

std::string command_names() {
  std::string names;
  for (const command& c : k_commands) names += (names.empty() ? "" : ", ") + std::string(c.name);
  return names;
}

void print_usage(std::ostream& out) {
  out << "usage: pavp [--help] [--version] COMMAND [OPTIONS]\n\n"
         "A virtual platform of a PA-RISC 1.1 machine with VIPT write-back caches.\n\n"
         "commands:\n";
  for (const command& c : k_commands) out << fmt::format("  {:<10}{}\n", c.name, c.summary);
  out << "\n'pavp COMMAND --help' describes a command's options.\n";
}

// Parses a command's arguments strictly: unknown options and missing values
// throw po::error. The arguments that are not options go to operands.
po::variables_map parse_args(const std::vector<std::string>& args,
                             const po::options_description& options,
                             std::vector<std::string>& operands) {
  po::options_description all;
  all.add(options);
  all.add_options()("pavp-positional", po::value<std::vector<std::string>>(), "");
  po::positional_options_description positional;
  positional.add("pavp-positional", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
  po::notify(vm);
  operands = vm.count("pavp-positional") ? vm["pavp-positional"].as<std::vector<std::string>>()
                                         : std::vector<std::string>{};
  return vm;
}

// The same for a command that takes options only: an operand is a
// usage_error naming it.
po::variables_map parse_args(const std::vector<std::string>& args,
                             const po::options_description& options, const char* command) {
  std::vector<std::string> operands;
  po::variables_map vm = parse_args(args, options, operands);
  if (!operands.empty()) {
    throw usage_error(fmt::format("unexpected argument '{}' ({} takes options only; see {} --help)",
                                  operands.front(), command, command));
  }
  return vm;
}

// --------------------------------------------------------------- configuration options
// Shared by every command that builds a platform.

void add_config_options(po::options_description& options) {
  options.add_options()                                                  //
      ("preset", po::value<std::string>()->value_name("NAME"),           //
       "start from preset NAME (default pa7300lc; see 'pavp presets')")  //
      ("config", po::value<std::string>()->value_name("FILE"),
       "JSON file of values over the preset, e.g. {\"dcache\": {\"size\": \"32K\"}}")  //
      ("set", po::value<std::vector<std::string>>()->value_name("KEY=VALUE")->composing(),
       "override one key (repeatable); applied last, in order");
}

pavp::config_sources config_sources_from(const po::variables_map& vm) {
  pavp::config_sources sources;
  if (vm.count("preset")) sources.preset = vm["preset"].as<std::string>();
  if (vm.count("config")) sources.config_file = vm["config"].as<std::string>();
  if (vm.count("set")) sources.overrides = vm["set"].as<std::vector<std::string>>();
  return sources;
}

// --scenario S as the override it stands for, checked here so that an error
// names the option.
std::string scenario_override(const po::variables_map& vm) {
  const std::string& scenario = vm["scenario"].as<std::string>();
  const auto& names = pavp::scenario_names();
  if (std::find(names.begin(), names.end(), scenario) == names.end()) {
    throw usage_error(fmt::format("--scenario {}: unknown scenario (accepted: {})", scenario,
                                  fmt::join(names, ", ")));
  }
  return "workload.scenario=" + scenario;
}

// The configuration sources of a firmware run: the config options,
// --placement and --preempt-every (checked here, so that an error names the
// option).
pavp::config_sources firmware_sources_from(const po::variables_map& vm) {
  pavp::config_sources sources = config_sources_from(vm);
  if (vm.count("placement")) {
    const std::string& placement = vm["placement"].as<std::string>();
    try {
      pavp::placement_spec::parse(placement);
    } catch (const std::invalid_argument& e) {
      throw usage_error(std::string("--placement: ") + e.what());
    }
    sources.overrides.push_back("kernel.placement=" + placement);
  }
  if (vm.count("scenario")) sources.overrides.push_back(scenario_override(vm));
  if (vm.count("preempt-every")) {
    const std::string& every = vm["preempt-every"].as<std::string>();
    std::uint32_t n = 0;
    if (!pavp::parse_preempt_every(every, n)) {
      throw usage_error(
          fmt::format("--preempt-every {}: accepted: {}", every, pavp::preempt_every_accepted()));
    }
    sources.overrides.push_back("kernel.preempt_every=" + every);
  }
  return sources;
}

// An unsigned option given as text, so that "-1" or "x" is an error rather
// than a huge number: one line naming the option and the accepted range.
std::uint64_t unsigned_option(const po::variables_map& vm, const char* name, std::uint64_t min,
                              std::uint64_t max) {
  const std::string& text = vm[name].as<std::string>();
  std::uint64_t v = 0;
  if (!pavp::parse_unsigned(text, max, v) || v < min) {
    throw usage_error(
        fmt::format("--{} {}: not accepted (a whole number from {} to {})", name, text, min, max));
  }
  return v;
}

// Runs the tool or its input ended (outcome `error`) are counted apart and
// kept out of the verdicts; their presence is still a failure of the
// command, named by the first.
void throw_if_errors(const nlohmann::ordered_json& runs) {
  std::size_t errors = 0;
  const nlohmann::ordered_json* first = nullptr;
  for (const auto& r : runs) {
    if (r.value("outcome", "") != "error") continue;
    if (!first) first = &r;
    ++errors;
  }
  if (!first) return;
  throw std::runtime_error(fmt::format(
      "{} of {} runs ended in error (counted apart, out of the verdicts); the first: preset "
      "{}, fix {}, schedule {}, placement {}: {}",
      errors, runs.size(), first->value("preset", ""), first->value("fix", ""),
      first->value("schedule", ""), first->value("placement", "linear"),
      first->contains("error") && (*first)["error"].is_string()
          ? (*first)["error"].get<std::string>()
          : first->value("end", "")));
}

// --------------------------------------------------------------- pavp config

int cmd_config(const std::vector<std::string>& args) {
  po::options_description options("pavp config [OPTIONS]");
  add_config_options(options);
  options.add_options()                                            //
      ("json", "print JSON (loads back with --config)")            //
      ("keys", "list every key, its default and what it accepts")  //
      ("help,h", "this help");
  const po::variables_map vm = parse_args(args, options, "pavp config");
  if (vm.count("help")) {
    std::cout << options;
    return k_exit_ok;
  }
  if (vm.count("keys")) {
    std::cout << pavp::config_keys_text();
    return k_exit_ok;
  }
  const pavp::platform_config cfg = pavp::load_config(config_sources_from(vm));
  if (vm.count("json")) {
    std::cout << cfg.to_json().dump(2) << "\n";
  } else {
    std::cout << cfg.to_text();
  }
  return k_exit_ok;
}

// --------------------------------------------------------------- pavp presets

int cmd_presets(const std::vector<std::string>& args) {
  po::options_description options("pavp presets [OPTIONS]");
  options.add_options()("help,h", "this help");
  const po::variables_map vm = parse_args(args, options, "pavp presets");
  if (vm.count("help")) {
    std::cout << options;
    return k_exit_ok;
  }
  std::cout << pavp::presets_text();
  return k_exit_ok;
}

// --------------------------------------------------------------- pavp study

// The path of an output option, checked before anything runs (file_io.h,
// check_output_path).
std::string output_path(const po::variables_map& vm, const char* option) {
  const std::string path = vm[option].as<std::string>();
  try {
    pavp::check_output_path(path);
  } catch (const std::runtime_error& e) {
    throw usage_error(fmt::format("--{}: {}", option, e.what()));
  }
  return path;
}

// What pavp study --perfetto wrote: the first explained run, or nothing
// when no run failed.
std::string perfetto_note(const pavp::kernel_study_result& r, const std::string& path) {
  if (r.explained.empty()) {
    return fmt::format("no run failed: no Perfetto trace written to {}\n", path);
  }
  const auto& e = r.explained.front();
  return fmt::format("wrote {} (Perfetto trace of {} on {}, schedule {}, placement {})\n", path,
                     e.fix, e.preset, e.schedule, e.placement);
}

int cmd_study(const std::vector<std::string>& args) {
  po::options_description options("pavp study [OPTIONS]");
  options.add_options()  //
      ("preset", po::value<std::vector<std::string>>()->value_name("NAME")->composing(),
       "run on preset NAME (repeatable; `all` or no --preset: every CPU preset)")  //
      ("fix", po::value<std::vector<std::string>>()->value_name("ID")->composing(),
       "run fix ID (repeatable; default: every fix)")  //
      ("schedules", po::value<std::string>()->value_name("N")->default_value("10"),
       "random schedules random:1..random:N under each placement, besides seed")  //
      ("placements", po::value<std::string>()->value_name("N")->default_value("9"),
       "physical placements: linear and random:1..random:N (0: linear only); the seed "
       "schedule runs under linear and random:1..3")  //
      ("set", po::value<std::vector<std::string>>()->value_name("KEY=VALUE")->composing(),
       "override one configuration key on every run (repeatable)")  //
      ("scenario", po::value<std::string>()->value_name("S"),
       "the user program of every run: lists (default), thread-pair or nptl (glibc's own code; "
       "random schedules only) (the same as --set workload.scenario=S)")  //
      ("out", po::value<std::string>()->value_name("DIR")->default_value("out"),
       "write study.json, study.csv and study.md there")  //
      ("jobs,j", po::value<std::string>()->value_name("N"),
       "simulations run at once (default: the number of cores)")  //
      ("explore", po::value<std::string>()->value_name("K"),
       "instead of random schedules, every schedule with at most K preemptions (0..8) under "
       "each placement (see pavp explore)")  //
      ("preempt-every", po::value<std::string>()->value_name("N")->default_value("off"),
       "user-mode preemption points after every N user instructions of a thread, or off")  //
      ("traffic",
       "replay the seed's memory traffic on the caches instead of running the kernel")  //
      ("perfetto", po::value<std::string>()->value_name("FILE"),
       "write the first failing run (the first explained in study.md) as a Perfetto trace")  //
      ("help,h", "this help");
  const po::variables_map vm = parse_args(args, options, "pavp study");
  if (vm.count("help")) {
    std::cout << options;
    return k_exit_ok;
  }
  const bool traffic = vm.count("traffic") != 0;
  if (traffic && vm.count("perfetto")) {
    throw usage_error("--perfetto traces a firmware run; --traffic runs none");
  }
  const std::string perfetto = vm.count("perfetto") ? output_path(vm, "perfetto") : "";
  // No --preset or `all`: every CPU preset, side by side.
  std::vector<std::string> preset_names;
  if (vm.count("preset")) {
    for (const std::string& p : vm["preset"].as<std::vector<std::string>>()) {
      if (p == "all") {
        const std::vector<std::string> all = pavp::cpu_preset_names();
        preset_names.insert(preset_names.end(), all.begin(), all.end());
      } else {
        preset_names.push_back(p);
      }
    }
  }
  const std::vector<std::string> fixes =
      vm.count("fix") ? vm["fix"].as<std::vector<std::string>>() : std::vector<std::string>{};
  for (const std::string& f : fixes) pavp::find_fix(f);
  std::vector<std::string> overrides =
      vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (vm.count("scenario")) overrides.push_back(scenario_override(vm));
  const unsigned parallel = vm.count("jobs")
                                ? static_cast<unsigned>(unsigned_option(vm, "jobs", 1, 256))
                                : std::max(1u, std::thread::hardware_concurrency());
  const std::string out_dir = vm["out"].as<std::string>();

  if (!traffic) {
    pavp::kernel_study_options opt;
    opt.presets = preset_names;
    opt.fixes = fixes;
    opt.random_schedules = static_cast<unsigned>(unsigned_option(vm, "schedules", 0, 100000));
    opt.random_placements = static_cast<unsigned>(unsigned_option(vm, "placements", 0, 10000));
    if (vm.count("explore")) {
      opt.explore_bound = static_cast<unsigned>(unsigned_option(vm, "explore", 0, 8));
    }
    opt.preempt_every = vm["preempt-every"].as<std::string>();
    std::uint32_t every = 0;
    if (!pavp::parse_preempt_every(opt.preempt_every, every)) {
      throw usage_error(fmt::format("--preempt-every {}: accepted: {}", opt.preempt_every,
                                    pavp::preempt_every_accepted()));
    }
    opt.overrides = overrides;
    opt.jobs = parallel;
    opt.perfetto_file = perfetto;
    // On a terminal, one progress line on stderr, rewritten as groups of runs end.
    const auto started = std::chrono::steady_clock::now();
    const bool show = ::isatty(STDERR_FILENO) != 0;
    if (show) {
      opt.progress = [started](std::size_t done, std::size_t total) {
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const double left = done ? s * static_cast<double>(total - done) / done : 0.0;
        std::cerr << fmt::format(
                         "\rpavp study: {}/{} simulation groups, {:.0f} s, about {:.0f} s "
                         "left   ",
                         done, total, s, left)
                  << std::flush;
      };
    }
    pavp::catch_interrupts();
    const pavp::kernel_study_result r = pavp::run_kernel_study(opt);
    if (show) std::cerr << "\r" << std::string(72, ' ') << "\r" << std::flush;
    pavp::write_study_report(r.runs, r.summary, out_dir, pavp::kernel_study_markdown(r));
    std::cout << pavp::kernel_study_text(r);
    std::cout << fmt::format("wrote {0}/study.json, {0}/study.csv, {0}/study.md\n", out_dir);
    if (!perfetto.empty()) std::cout << perfetto_note(r, perfetto);
    throw_if_errors(r.runs);
    return k_exit_ok;
  }

  pavp::traffic_study_options opt;
  opt.presets = preset_names;
  opt.fixes = fixes;
  opt.overrides = overrides;
  opt.jobs = parallel;
  pavp::catch_interrupts();
  const nlohmann::ordered_json runs = pavp::run_traffic_study(opt);
  pavp::write_study_report(runs, out_dir);
  std::cout << pavp::study_table(runs);
  std::cout << fmt::format("\nwrote {0}/study.json, {0}/study.csv, {0}/study.md\n", out_dir);
  return k_exit_ok;
}

// --------------------------------------------------------------- pavp run

int cmd_run(const std::vector<std::string>& args) {
  po::options_description options("pavp run --fix ID [OPTIONS]");
  options.add_options()  //
      ("fix", po::value<std::string>()->value_name("ID"),
       fmt::format("the fix to run ({})", pavp::fix_id_list()).c_str());
  add_config_options(options);
  options.add_options()  //
      ("schedule", po::value<std::string>()->value_name("S"),
       "seed (default), random:N or replay:FILE; random:1 is the default for --scenario nptl")  //
      ("scenario", po::value<std::string>()->value_name("S"),
       "the user program: lists (default, the seed's lists kept by hand), thread-pair or nptl "
       "(glibc's own code) (the same as --set workload.scenario=S)")  //
      ("placement", po::value<std::string>()->value_name("P"),
       "physical placement: linear (lowest free frame first) or random:N (frames drawn from "
       "seed N); the same as --set kernel.placement=P")  //
      ("preempt-every", po::value<std::string>()->value_name("N"),
       "a user-mode preemption point after every N user instructions of a thread, or off; "
       "the same as --set kernel.preempt_every=N")                                            //
      ("json", po::value<std::string>()->value_name("FILE"), "write the run object as JSON")  //
      ("trace", po::value<std::string>()->value_name("FILE"),
       "write an event trace (markers, schedule decisions, flush loops, stale reads)")  //
      ("perfetto", po::value<std::string>()->value_name("FILE"),
       "write the run as a Perfetto trace (JSON trace events: threads' kernel-function spans, "
       "switches, decisions, stale reads, cache counters; open in ui.perfetto.dev)")  //
      ("record", po::value<std::string>()->value_name("FILE"),
       "write the schedule decisions as a replay file")  //
      ("kernel", po::value<std::string>()->value_name("FILE"),
       "the firmware kernel ELF (default: the build's firmware/pavp-kernel.elf; for --scenario "
       "nptl firmware/pavp-kernel-linux.elf)")  //
      ("explain",
       "tell the run's race as numbered steps in the seed's terms, from the events of this "
       "run")                                                                 //
      ("console", "echo the firmware's console output")                       //
      ("verbose-kernel", "let the kernel print its progress on the console")  //
      ("gdb", po::value<std::string>()->value_name("PORT"),
       "wait for a debugger (gdb-multiarch) on 127.0.0.1:PORT before the first instruction; "
       "0 takes a free port and tells it (README: Debugging with GDB)")  //
      ("host-stats",
       "print the simulation loop's host seconds and guest MIPS on standard error (not part of "
       "the run object)")  //
      ("help,h", "this help");
  const po::variables_map vm = parse_args(args, options, "pavp run");
  if (vm.count("help")) {
    std::cout << options;
    return k_exit_ok;
  }
  if (!vm.count("fix")) throw usage_error("--fix ID is required (see pavp run --help)");
  // Everything that says what to run is parsed here, once, before anything is opened.
  const pavp::config_sources sources = firmware_sources_from(vm);
  const pavp::run_spec spec =
      pavp::make_run_spec(sources, vm["fix"].as<std::string>(),
                          vm.count("schedule") ? vm["schedule"].as<std::string>() : "");
  pavp::firmware_run_options opt;
  // Every output is checked before the run, so that a run does not end by
  // losing what it computed; and written checked after it.
  if (vm.count("trace")) opt.trace_file = output_path(vm, "trace");
  if (vm.count("perfetto")) opt.perfetto_file = output_path(vm, "perfetto");
  if (vm.count("record")) opt.record_file = output_path(vm, "record");
  const std::string json_path = vm.count("json") ? output_path(vm, "json") : "";
  if (vm.count("kernel")) opt.kernel = vm["kernel"].as<std::string>();
  opt.echo_console = vm.count("console") != 0;
  opt.verbose_kernel = vm.count("verbose-kernel") != 0;
  opt.explain = vm.count("explain") != 0;
  if (vm.count("gdb")) opt.gdb_port = static_cast<unsigned>(unsigned_option(vm, "gdb", 0, 65535));
  pavp::cpu::cpu_model_stats cpu_stats;
  if (vm.count("host-stats")) opt.cpu_stats = &cpu_stats;
  const nlohmann::ordered_json run = pavp::run_firmware(spec, opt);
  std::cout << pavp::firmware_summary(run);
  if (opt.cpu_stats != nullptr) {
    std::cout.flush();
    std::cerr << fmt::format("host: simulation loop {:.4f} s, {} instructions, {:.1f} MIPS\n",
                             cpu_stats.host_seconds, cpu_stats.instructions, cpu_stats.host_mips());
  }
  if (opt.explain) std::cout << "\n" << pavp::race_text(pavp::race_steps_of(run));
  if (!json_path.empty()) pavp::write_text_file(json_path, run.dump(2) + "\n");
  // A run the tool or its input ended is not a finding about the bug.
  if (run.value("outcome", "") == "error") {
    throw std::runtime_error("the run ended in error: " + run["error"].get<std::string>());
  }
  return k_exit_ok;
}

// --------------------------------------------------------------- pavp explore

int cmd_explore(const std::vector<std::string>& args) {
  po::options_description options("pavp explore --fix ID [OPTIONS]");
  options.add_options()  //
      ("fix", po::value<std::string>()->value_name("ID"),
       fmt::format("the fix to explore ({})", pavp::fix_id_list()).c_str());
  add_config_options(options);
  options.add_options()  //
      ("scenario", po::value<std::string>()->value_name("S"),
       "the user program: lists (default, the seed's lists kept by hand), thread-pair or nptl "
       "(glibc's own code) (the same as --set workload.scenario=S)")  //
      ("bound", po::value<std::string>()->value_name("K")->default_value("2"),
       "preemptions per schedule, 0..8")  //
      ("max-schedules", po::value<std::string>()->value_name("N")->default_value("0"),
       "stop branching after N schedules (0: no limit)")  //
      ("placement", po::value<std::string>()->value_name("P"),
       "physical placement: linear (default) or random:N")  //
      ("preempt-every", po::value<std::string>()->value_name("N"),
       "a preemption point after every N user instructions of a thread, or off (the same "
       "as --set kernel.preempt_every=N)")  //
      ("jobs,j", po::value<std::string>()->value_name("N"),
       "subtrees explored at once (default: the number of cores)")  //
      ("out", po::value<std::string>()->value_name("DIR")->default_value("out"),
       "write explore.json and, if a schedule fails, counterexample.sched there")  //
      ("perfetto", po::value<std::string>()->value_name("FILE"),
       "write the minimal counterexample's run as a Perfetto trace")  //
      ("help,h", "this help");
  const po::variables_map vm = parse_args(args, options, "pavp explore");
  if (vm.count("help")) {
    std::cout << options;
    return k_exit_ok;
  }
  if (!vm.count("fix")) throw usage_error("--fix ID is required (see pavp explore --help)");
  pavp::explore_options limits;
  limits.bound = static_cast<unsigned>(unsigned_option(vm, "bound", 0, 8));
  limits.max_schedules = unsigned_option(vm, "max-schedules", 0, 1'000'000'000);
  limits.jobs = vm.count("jobs") ? static_cast<unsigned>(unsigned_option(vm, "jobs", 1, 256))
                                 : std::max(1u, std::thread::hardware_concurrency());
  const pavp::config_sources sources = firmware_sources_from(vm);
  const std::string fix = vm["fix"].as<std::string>();
  const pavp::run_spec spec = pavp::make_run_spec(sources, fix, "random:0");
  const std::string out_dir = vm["out"].as<std::string>();
  const std::string perfetto = vm.count("perfetto") ? output_path(vm, "perfetto") : "";
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) throw usage_error("--out: cannot create " + out_dir + ": " + ec.message());

  const auto started = std::chrono::steady_clock::now();
  const bool show = ::isatty(STDERR_FILENO) != 0;
  if (show) {
    limits.progress = [started](std::uint64_t done) {
      const double s =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::cerr << fmt::format("\rpavp explore: {} schedules, {:.0f} s, {:.0f} schedules/s   ",
                               done, s, s > 0 ? done / s : 0.0)
                << std::flush;
    };
  }
  pavp::catch_interrupts();
  const pavp::explore_result r = pavp::explore_firmware(spec, {}, limits);
  if (show) std::cerr << "\r" << std::string(72, ' ') << "\r" << std::flush;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const pavp::explore_summary summary = pavp::summarise_exploration(r, spec, limits.bound);
  std::cout << pavp::explore_text(summary);
  std::cout << fmt::format("  time                {:.1f} s, {:.0f} schedules/s\n", seconds,
                           seconds > 0 ? summary.schedules / seconds : 0.0);

  nlohmann::ordered_json doc = pavp::explore_json(summary);
  doc["seconds"] = seconds;
  nlohmann::ordered_json leaves = nlohmann::ordered_json::array();
  for (const auto& leaf : r.leaves) {
    leaves.push_back({{"decisions", leaf["decisions"]},
                      {"preemptions", leaf["preemptions"]},
                      {"outcome", leaf["outcome"]},
                      {"stale_reads", leaf["stale_reads"]}});
  }
  doc["schedules_run"] = leaves;
  if (summary.minimal) {
    const std::string replay = out_dir + "/counterexample.sched";
    pavp::write_counterexample(summary, replay);
    doc["counterexample"] = replay;
    // The counterexample told as the race, in a run of its own.
    const pavp::run_spec again = pavp::make_run_spec(sources, fix, "replay:" + replay);
    const std::vector<pavp::run_outcome> told = pavp::run_isolated(
        {[&again, &perfetto] { return pavp::explain_firmware(again, perfetto); }}, 1);
    if (!told[0].ok) throw std::runtime_error("the counterexample's run: " + told[0].output);
    std::cout << fmt::format(
        "\nThe minimal counterexample (pavp run --fix {} --preset {} "
        "--schedule replay:{} --explain):\n{}",
        fix, summary.preset, replay, told[0].output);
  }
  const std::string json_path = out_dir + "/explore.json";
  pavp::write_text_file(json_path, doc.dump(2) + "\n");
  std::cout << fmt::format("wrote {}{}\n", json_path,
                           summary.minimal ? ", " + out_dir + "/counterexample.sched" : "");
  if (!perfetto.empty() && summary.minimal) {
    std::cout << fmt::format("wrote {} (Perfetto trace of the minimal counterexample)\n", perfetto);
  } else if (!perfetto.empty()) {
    std::cout << fmt::format("no schedule failed: no Perfetto trace written to {}\n", perfetto);
  }
  if (summary.error > 0) {
    throw std::runtime_error(
        fmt::format("{} schedules ended in error (counted apart, out of the verdict); the "
                    "first: {}",
                    summary.error, summary.first_error));
  }
  return k_exit_ok;
}

// --------------------------------------------------------------- dispatch

// --------------------------------------------------------------- pavp sweep

// The pavp binary that runs now, for the batch script.
std::string this_executable() {
  std::error_code ec;
  const std::filesystem::path p = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec)
    throw std::runtime_error("cannot find this pavp binary (/proc/self/exe): " + ec.message());
  return p.string();
}

int cmd_sweep(const std::vector<std::string>& args) {
  po::options_description options("pavp sweep SPEC [OPTIONS]");
  options.add_options()  //
      ("out", po::value<std::string>()->value_name("DIR")->default_value("out"),
       "write the point results (DIR/points), sweep.csv and sweep.json there")  //
      ("jobs,j", po::value<std::string>()->value_name("N"),
       "simulations run at once within a point (default: the number of cores)")  //
      ("shard", po::value<std::string>()->value_name("I/N"),
       "run only shard I of N (points p with p % N == I); no table is written")         //
      ("merge", "run nothing: make sweep.csv and sweep.json from DIR's point results")  //
      ("slurm",
       "write DIR/sweep.sbatch, a job array of --tasks shards, and submit it with sbatch")     //
      ("partition", po::value<std::string>()->value_name("P"), "with --slurm: the partition")  //
      ("tasks", po::value<std::string>()->value_name("N")->default_value("4"),
       "with --slurm: the array's tasks (shards)")                                   //
      ("dry-run", "with --slurm: print the batch script, write and submit nothing")  //
      ("help,h", "this help");
  std::vector<std::string> positional_args;
  const po::variables_map vm = parse_args(args, options, positional_args);
  if (vm.count("help")) {
    std::cout << options
              << "\nSPEC is a TOML sweep file: the base preset, the study settings of every "
                 "point and [[vary]] tables of configuration keys and their values (README, "
                 "\"Parameter sweeps\"). Points are numbered in the cross product's order, the "
                 "last [[vary]] varying fastest. A second run skips the points DIR already "
                 "holds.\n";
    return k_exit_ok;
  }
  if (positional_args.size() != 1) {
    throw usage_error(positional_args.empty()
                          ? "no sweep file given (pavp sweep SPEC [OPTIONS]; see --help)"
                          : fmt::format("one sweep file, got '{}' and '{}'", positional_args[0],
                                        positional_args[1]));
  }
  const bool merge = vm.count("merge") != 0;
  const bool slurm = vm.count("slurm") != 0;
  if (merge && (slurm || vm.count("shard"))) {
    throw usage_error("--merge runs nothing: it takes neither --slurm nor --shard");
  }
  if (slurm && vm.count("shard")) throw usage_error("--slurm makes the shards: no --shard with it");
  if (!slurm && (vm.count("partition") || vm.count("dry-run") || !vm["tasks"].defaulted())) {
    throw usage_error("--partition, --tasks and --dry-run go with --slurm");
  }
  const std::string out_dir = vm["out"].as<std::string>();
  pavp::sweep_spec spec;
  std::optional<pavp::sweep_shard> shard;
  try {
    spec = pavp::read_sweep_spec(positional_args[0]);
    if (vm.count("shard")) shard = pavp::parse_sweep_shard(vm["shard"].as<std::string>());
  } catch (const pavp::sweep_error& e) {
    throw usage_error(e.what());
  }
  const unsigned parallel = vm.count("jobs")
                                ? static_cast<unsigned>(unsigned_option(vm, "jobs", 1, 256))
                                : std::max(1u, std::thread::hardware_concurrency());
  const std::size_t points = pavp::sweep_point_count(spec);

  if (merge) {
    const nlohmann::ordered_json rows = pavp::sweep_table(spec, out_dir);
    pavp::write_sweep_table(spec, rows, out_dir);
    std::cout << fmt::format("{} points, {} rows: wrote {}/sweep.csv, {}/sweep.json\n", points,
                             rows.size(), out_dir, out_dir);
    return k_exit_ok;
  }
  if (slurm) {
    pavp::slurm_options so;
    so.pavp = this_executable();
    so.tasks = static_cast<unsigned>(unsigned_option(vm, "tasks", 1, 100000));
    so.jobs = vm.count("jobs") ? parallel : 1;
    if (vm.count("partition")) so.partition = vm["partition"].as<std::string>();
    const std::string script = pavp::slurm_script(spec, out_dir, so);
    if (vm.count("dry-run")) {
      std::cout << script;
      return k_exit_ok;
    }
    std::filesystem::create_directories(out_dir);
    const std::string path = (std::filesystem::path(out_dir) / "sweep.sbatch").string();
    pavp::write_text_file(path, script);
    const std::string command = "sbatch --parsable " + path;
    std::string job;
    {
      FILE* pipe = ::popen(command.c_str(), "r");
      if (pipe == nullptr) throw std::runtime_error("cannot start sbatch: " + command);
      char buf[256];
      while (std::fgets(buf, sizeof buf, pipe) != nullptr) job += buf;
      const int status = ::pclose(pipe);
      if (status != 0) {
        throw std::runtime_error(fmt::format(
            "sbatch failed (exit {}) for {}: is Slurm installed and SLURM_CONF set? The script "
            "is there to submit by hand",
            WIFEXITED(status) ? WEXITSTATUS(status) : -1, path));
      }
    }
    while (!job.empty() && (job.back() == '\n' || job.back() == '\r')) job.pop_back();
    std::cout << fmt::format(
        "submitted job {} ({} tasks, {} points): {}\nwhen it has ended: pavp sweep {} --merge "
        "--out {}\n",
        job, so.tasks, points, path, spec.path, out_dir);
    return k_exit_ok;
  }

  pavp::sweep_run_options opt;
  opt.out_dir = out_dir;
  opt.jobs = parallel;
  opt.shard = shard;
  const auto started = std::chrono::steady_clock::now();
  const bool show = ::isatty(STDERR_FILENO) != 0;
  opt.progress = [&](std::size_t done, std::size_t total, std::size_t skipped) {
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const std::size_t ran = done - skipped;
    const double rate = s > 0 && ran > 0 ? static_cast<double>(ran) / s : 0.0;
    const std::string eta =
        rate > 0 ? fmt::format("about {:.0f} s left", static_cast<double>(total - done) / rate)
                 : std::string("");
    const std::string line =
        fmt::format("pavp sweep: {}/{} points ({} found in {}), {:.2f} points/s{}{}", done, total,
                    skipped, out_dir, rate, eta.empty() ? "" : ", ", eta);
    if (show) {
      std::cerr << "\r" << line << "   " << std::flush;
    } else if (done == total || done == skipped) {
      std::cerr << line << "\n";
    }
  };
  pavp::catch_interrupts();
  const pavp::sweep_run_result r = pavp::run_sweep(spec, opt);
  if (show) std::cerr << "\n";
  if (shard) {
    std::cout << fmt::format("shard {}/{}: {} points, {} run, {} already in {}\n", shard->index,
                             shard->count, r.points, r.ran, r.skipped, out_dir);
    return k_exit_ok;
  }
  const nlohmann::ordered_json rows = pavp::sweep_table(spec, out_dir);
  pavp::write_sweep_table(spec, rows, out_dir);
  std::cout << fmt::format(
      "{} points ({} run, {} already in {}), {} rows: wrote {}/sweep.csv, "
      "{}/sweep.json\n",
      points, r.ran, r.skipped, out_dir, rows.size(), out_dir, out_dir);
  return k_exit_ok;
}

int run(int argc, char* argv[]) {
  // Global options come before the command; everything after it is the command's.
  int first = 1;
  while (first < argc && argv[first][0] == '-') ++first;
  const std::vector<std::string> global(argv + 1, argv + first);
  po::options_description global_options("pavp");
  global_options.add_options()       //
      ("help,h", "print this help")  //
      ("version,V", "print the version");
  const po::variables_map vm = parse_args(global, global_options, "pavp");
  if (vm.count("help")) {
    print_usage(std::cout);
    return k_exit_ok;
  }
  if (vm.count("version")) {
    std::cout << fmt::format("pavp {} (SystemC {})\n", PAVP_VERSION, sc_core::sc_release());
    return k_exit_ok;
  }
  if (first >= argc) {
    throw usage_error(
        fmt::format("no command given (one of {}; see pavp --help)", command_names()));
  }
  const std::string name = argv[first];
  const std::vector<std::string> args(argv + first + 1, argv + argc);
  for (const command& c : k_commands) {
    if (name == c.name) return c.run(args);
  }
  throw usage_error(
      fmt::format("unknown command '{}' (one of {}; see pavp --help)", name, command_names()));
}

int fail(const std::string& message, int code) {
  std::cout.flush();
  std::cerr << "pavp: " << pavp::one_line(message) << std::endl;
  return code;
}

// What was written to standard output reached it: a full disk or a closed
// pipe is an error, not a success with the output lost.
int check_stdout(int code) {
  std::cout.flush();
  errno = 0;
  const bool flush_failed = std::fflush(stdout) != 0;
  const int err = errno;
  if (!std::cout || flush_failed || std::ferror(stdout)) {
    std::cerr << "pavp: cannot write standard output: "
              << (err != 0 ? std::strerror(err) : "a write failed (a full disk or a closed pipe)")
              << std::endl;
    return code == k_exit_ok ? k_exit_failure : code;
  }
  return code;
}

// SystemC's reports (the models' SC_REPORT_* messages) go to standard error
// as one line each, never among the results on standard output (SystemC's
// own handler prints them there). An error that is thrown is told once, by
// the catch in sc_main.
void report_to_stderr(const sc_core::sc_report& report, const sc_core::sc_actions& actions) {
  if ((actions & sc_core::SC_DISPLAY) && !(actions & sc_core::SC_THROW)) {
    static const char* const severity[] = {"info", "warning", "error", "fatal"};
    const unsigned s = static_cast<unsigned>(report.get_severity());
    std::cout.flush();
    std::cerr << "pavp: " << (s < 4 ? severity[s] : "report") << ": " << report.get_msg_type()
              << ": " << pavp::one_line(report.get_msg()) << std::endl;
  }
  sc_core::sc_report_handler::default_handler(
      report, actions & ~static_cast<sc_core::sc_actions>(sc_core::SC_DISPLAY | sc_core::SC_LOG));
}

}  // namespace

int sc_main(int argc, char* argv[]) {
  static_cast<void>(g_banner_off);
  sc_core::sc_report_handler::set_handler(report_to_stderr);
  try {
    return check_stdout(run(argc, argv));
  } catch (const pavp::interrupted& e) {
    return fail(e.what(), 128 + e.signal);
  } catch (const po::error& e) {
    return fail(e.what(), k_exit_usage);
  } catch (const usage_error& e) {
    return fail(e.what(), k_exit_usage);
  } catch (const pavp::config_error& e) {
    return fail(e.what(), k_exit_usage);
  } catch (const std::exception& e) {
    return fail(e.what(), k_exit_failure);
  } catch (...) {
    return fail("unexpected error", k_exit_failure);
  }
}
