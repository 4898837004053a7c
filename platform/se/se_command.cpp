// `pavp se`: see se_command.h.
#include "platform/se/se_command.h"

#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>

#include "pavp/common/param_helpers.h"
#include "pavp/cpu/cpu.h"
#include "pavp/gdb/gdb_stub.h"
#include "platform/board/board.h"
#include "platform/board/config.h"
#include "platform/se/se_process.h"

extern char** environ;

namespace pavp {

namespace {

constexpr int k_exit_usage = 2;

void print_help(std::ostream& os) {
  os << "usage: pavp se [OPTIONS] PROGRAM.elf [ARGS...]\n\n"
        "Runs a static hppa-linux-gnu executable in syscall-emulation mode on the\n"
        "platform's CPU, caches and DRAM. Options come before the program; every\n"
        "argument after it is passed to the program.\n\n"
        "  --preset NAME            start from preset NAME (see 'pavp presets')\n"
        "  --config FILE            JSON file of values over the preset\n"
        "  --set KEY=VALUE          override one key (repeatable; see 'pavp config --keys')\n"
        "  --stats                  print CPU, cache and DRAM statistics on stderr\n"
        "  --max-instructions N     stop after N instructions (0: no limit; default\n"
        "                           limits.instructions, else "
     << k_se_default_limit
     << ")\n"
        "  (cpu.quantum_ns is "
     << k_se_quantum_ns
     << " unless set: nothing but the CPU runs, the results are the same)\n"
        "  --gdb PORT               wait for a debugger (gdb-multiarch) on 127.0.0.1:PORT\n"
        "                           before the first instruction (0: a free port, told)\n"
        "  --help                   this text\n\n"
        "Exit status: the program's; 128+signal if it is killed (abort: 134); "
     << k_se_exit_limit << " if a limit stops it; 2 for bad input.\n";
}

struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::uint64_t parse_count(const std::string& text) {
  std::size_t used = 0;
  unsigned long long v = 0;
  try {
    v = std::stoull(text, &used, 0);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || text[0] == '-')
    throw usage_error("--max-instructions: '" + text + "' is not a non-negative integer");
  return v;
}

}  // namespace

int se_main(const std::vector<std::string>& args) {
  config_sources sources;
  bool stats = false;
  bool have_limit = false;
  std::uint64_t limit = 0;
  std::optional<unsigned> gdb_port;
  std::string program;
  std::vector<std::string> guest_args;
  try {
    std::size_t i = 0;
    auto value = [&](const std::string& opt) -> std::string {
      if (i + 1 >= args.size()) throw usage_error(opt + " needs a value (see pavp se --help)");
      return args[++i];
    };
    for (; i < args.size(); ++i) {
      const std::string& a = args[i];
      if (a == "--help" || a == "-h") {
        print_help(std::cout);
        return 0;
      } else if (a == "--stats") {
        stats = true;
      } else if (a == "--preset") {
        sources.preset = value(a);
      } else if (a == "--config") {
        sources.config_file = value(a);
      } else if (a == "--set") {
        sources.overrides.push_back(value(a));
      } else if (a == "--max-instructions") {
        limit = parse_count(value(a));
        have_limit = true;
      } else if (a == "--gdb") {
        const std::string text = value(a);
        std::uint64_t port = 0;
        if (!parse_unsigned(text, 65535, port))
          throw usage_error("--gdb " + text + ": not accepted (a TCP port from 0 to 65535)");
        gdb_port = static_cast<unsigned>(port);
      } else if (a == "--") {
        ++i;
        break;
      } else if (a.size() > 1 && a[0] == '-') {
        throw usage_error("unknown option '" + a + "' (see pavp se --help)");
      } else {
        break;
      }
    }
    if (i >= args.size())
      throw usage_error("no program given (usage: pavp se [OPTIONS] PROGRAM.elf [ARGS...])");
    program = args[i];
    guest_args.assign(args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
  } catch (const usage_error& e) {
    std::fprintf(stderr, "pavp se: %s\n", e.what());
    return k_exit_usage;
  }

  platform_config cfg;
  try {
    cfg = load_config(sources);
  } catch (const config_error& e) {
    std::fprintf(stderr, "pavp se: %s\n", e.what());
    return k_exit_usage;
  }
  if (!have_limit) limit = cfg.limits.instructions ? cfg.limits.instructions : k_se_default_limit;
  if (config_entry& quantum = cfg.entry("cpu.quantum_ns"); quantum.origin == "default") {
    cfg.cpu.quantum_ns = k_se_quantum_ns;
    quantum.value = std::to_string(k_se_quantum_ns);
    quantum.origin = "pavp se";
  }

  // sc_stop() at the end of the program is not news on pavp's stdout.
  sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO,
                                          sc_core::SC_DO_NOTHING);

  board_options bo;
  bo.cpu = cpu_config_of(cfg);
  bo.cpu->max_instructions = limit;
  bo.cpu->core.gateway_stop = true;  // the light-weight syscalls of the gateway page
  auto b = std::make_unique<board>("board", cfg, bo);
  b->memory.prefer_huge_pages();  // one process, no forks (dram.h)
  cpu::cpu_model* cpu = b->cpu.get();

  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) env.emplace_back(*e);
  se_process proc(*cpu);
  std::string error;
  // Memory is loaded when the simulation starts (the sockets are bound then).
  cpu->set_start_handler([&] {
    return proc.load(program, guest_args, env, cfg.map.dram.base, cfg.map.dram.size, error);
  });
  cpu->set_stop_handler([&proc](const cpu::run_result& r) { return proc.on_stop(r); });
  std::unique_ptr<gdb::gdb_stub> debugger;
  if (gdb_port) {
    try {
      debugger = std::make_unique<gdb::gdb_stub>(*cpu, *gdb_port);
    } catch (const std::runtime_error& e) {
      std::fprintf(stderr, "pavp se: %s\n", e.what());
      return k_exit_usage;
    }
    debugger->set_exit_status([&proc] {
      return proc.status() == se_process::state::EXITED ? proc.code() : 128 + proc.code();
    });
    cpu->add_monitor(*debugger);
  }

  sc_core::sc_start();
  std::fflush(stdout);
  if (cpu->end() == cpu::cpu_model::end_reason::START_FAILED) {
    std::fprintf(stderr, "pavp se: %s\n", error.c_str());
    return k_exit_usage;
  }

  int status = 0;
  switch (proc.status()) {
    case se_process::state::EXITED:
      status = proc.code();
      break;
    case se_process::state::SIGNALED:
      status = 128 + proc.code();
      break;
    case se_process::state::FAULTED:
      std::fprintf(stderr, "pavp se: %s\n", proc.fault().c_str());
      status = 128 + proc.code();
      break;
    case se_process::state::RUNNING: {
      const cpu::cpu_model_stats s = cpu->stats();
      if (cpu->end() == cpu::cpu_model::end_reason::MONITOR) {
        std::fprintf(stderr, "pavp se: the debugger killed the program after %llu instructions\n",
                     static_cast<unsigned long long>(s.instructions));
        status = 128 + 9;  // as SIGKILL would
        break;
      }
      if (cpu->end() == cpu::cpu_model::end_reason::TIME_LIMIT) {
        std::fprintf(stderr,
                     "pavp se: stopped by the simulated-time limit (limits.sim_time_ms = %llu) "
                     "after %llu instructions\n",
                     static_cast<unsigned long long>(cfg.limits.sim_time_ms),
                     static_cast<unsigned long long>(s.instructions));
      } else {
        std::fprintf(stderr,
                     "pavp se: stopped by the instruction limit after %llu instructions "
                     "(--max-instructions / limits.instructions), pc 0x%x\n",
                     static_cast<unsigned long long>(s.instructions),
                     cpu->core().state().iaoq_f & ~3u);
      }
      status = k_se_exit_limit;
      break;
    }
  }
  if (stats) {
    std::cerr << "---- pavp se statistics\n";
    std::cerr << "se.syscalls         " << proc.syscalls() << "\n"
              << "se.lws_calls        " << proc.lws_calls() << "\n";
    cpu->print_stats(std::cerr);
    b->print_stats(std::cerr);
    std::cerr.flush();
  }
  return status;
}

}  // namespace pavp
