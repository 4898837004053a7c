#include "platform/study/firmware_run.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "firmware/include/firmware_contract.h"
#include "pavp/cpu/cpu.h"
#include "platform/board/board.h"
#include "platform/board/elf_loader.h"
#include "platform/study/boot_params.h"
#include "platform/study/coherence_checker.h"
#include "platform/study/fixes.h"
#include "platform/study/run_pool.h"

#ifndef PAVP_KERNEL_ELF_PATH
#define PAVP_KERNEL_ELF_PATH "firmware/pavp-kernel.elf"
#endif

namespace pavp {

namespace {

const char* marker_name(std::uint32_t id) {
  switch (id) {
    case PAVP_MARK_RUN:
      return "RUN";
    case PAVP_MARK_FORK:
      return "FORK";
    case PAVP_MARK_COW_FAULT:
      return "COW_FAULT";
    default:
      return "USER";
  }
}

const char* outcome_name(std::uint64_t v) {
  switch (v) {
    case PAVP_OUTCOME_OK:
      return "ok";
    case PAVP_OUTCOME_CORRUPTED:
      return "corrupted";
    case PAVP_OUTCOME_HANG:
      return "hang";
    default:
      return "corrupted";
  }
}

const char* result_key_name(std::uint32_t key) {
  switch (key) {
    case PAVP_RESULT_OUTCOME:
      return "outcome";
    case PAVP_RESULT_STEPS:
      return "steps";
    case PAVP_RESULT_FORKS:
      return "forks";
    case PAVP_RESULT_COW_FAULTS:
      return "cow_faults";
    case PAVP_RESULT_SCHED_POINTS:
      return "sched_points";
    case PAVP_RESULT_CHECK_ERRORS:
      return "check_errors";
    case PAVP_RESULT_FIX:
      return "fix";
    case PAVP_RESULT_EXIT_STATUS:
      return "exit_status";
    case PAVP_RESULT_MOVED:
      return "moved";
    case PAVP_RESULT_FLUSH_ALL:
      return "flush_all";
    case PAVP_RESULT_FLUSH_PAGES:
      return "flush_pages";
    case PAVP_RESULT_TLB_PURGES:
      return "tlb_purges";
    case PAVP_RESULT_COW_COPIES:
      return "cow_copies";
    case PAVP_RESULT_WRPROTECTED:
      return "wrprotected_pages";
    default:
      return nullptr;
  }
}

// A schedule that asks another and reports each decision (for the trace).
// Before its first decision it may call a hook that replaces the schedule it
// asks (run_firmware_branches: each branch continues with its own).
class traced_schedule : public schedule {
 public:
  using log_fn = std::function<void(std::uint32_t point, std::uint32_t n, std::uint32_t choice)>;
  traced_schedule(std::unique_ptr<schedule> inner, log_fn log)
      : schedule(inner->spec()), m_inner(std::move(inner)), m_log(std::move(log)) {}

  // Called once, before the first decision; it returns the schedule to ask
  // from then on, or nullptr to answer 0 to every decision.
  void before_first_decision(std::function<std::unique_ptr<schedule>()> hook) {
    m_hook = std::move(hook);
  }

 protected:
  std::uint32_t choose(std::uint64_t /*index*/, std::uint32_t point,
                       std::uint32_t n_choices) override {
    if (m_hook) {
      auto hook = std::move(m_hook);
      m_hook = nullptr;
      m_inner = hook();
    }
    if (!m_inner) return 0;
    const std::uint32_t c = m_inner->decide(point, n_choices);
    if (m_log) m_log(point, n_choices, c);
    return c;
  }

 private:
  std::unique_ptr<schedule> m_inner;
  log_fn m_log;
  std::function<std::unique_ptr<schedule>()> m_hook;
};

struct stats_snapshot {
  std::uint64_t instructions = 0;
  std::uint64_t cycles = 0;
  cache_stats icache;
  cache_stats dcache;
  std::uint64_t dram_read = 0;
  std::uint64_t dram_written = 0;
};

}  // namespace

std::string default_kernel_path() {
  return PAVP_KERNEL_ELF_PATH;
}

namespace {

// What run_firmware_branches asks of a run: the schedules of its branches,
// and (in a branch child) which branch this process is.
struct branch_plan {
  std::vector<schedule_spec> schedules;
  unsigned parallel = 1;
  bool branched = false;              // the first decision was reached
  int index = -1;                     // in a branch child: its schedule's index
  std::vector<run_outcome> outcomes;  // in the parent: the branches' results
};

// One run; with a plan, the process branches at the first schedule decision
// and the parent's own run stops there (it returns an empty object then).
nlohmann::ordered_json simulate(const run_spec& spec, const firmware_run_options& options,
                                branch_plan* plan) {
  const platform_config& config_in = spec.config;
  std::unique_ptr<schedule> sched = make_firmware_schedule(spec.schedule);

  const std::string kernel_path = options.kernel.empty() ? default_kernel_path() : options.kernel;
  elf_image kernel;
  std::string error;
  if (!kernel.read_file(kernel_path, error)) {
    throw std::runtime_error(fmt::format("kernel {}: {}", kernel_path, error));
  }
  elf_image workload;  // for naming user-mode pcs (optional)
  {
    const std::string dir = kernel_path.substr(0, kernel_path.find_last_of('/') + 1);
    std::string ignored;
    workload.read_file(dir + "workload.elf", ignored);
  }

  // The firmware window is cached like DRAM: only the device pages above it
  // stay uncached I/O space (docs/decisions.md, "Firmware window").
  platform_config config = config_in;
  for (cache_params* p : {&config.icache, &config.dcache}) {
    p->uncached_base = std::uint64_t{PAVP_FIRMWARE_BASE} + PAVP_FIRMWARE_SIZE;
    p->uncached_size = (std::uint64_t{1} << 32) - p->uncached_base;
  }

  sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO,
                                          sc_core::SC_DO_NOTHING);

  const std::uint64_t period_ps = config.cpu.clock_period_ps();
  cpu::cpu_model_config cc = cpu_config_of(config);
  if (cc.max_instructions == 0) cc.max_instructions = options.default_instruction_limit;
  cc.core.deliver_interruptions = true;

  // The coherence checker watches every data access between the CPU and the
  // D-cache, in DRAM and in the firmware window; it attributes each to the
  // CPU's cycle and pc and the kernel's current pid/tid.
  coherence_checker checker;
  checker.add_region(config.map.dram.base, config.map.dram.size);
  checker.add_region(PAVP_FIRMWARE_BASE, PAVP_FIRMWARE_SIZE);
  cpu::cpu_model* cpu_ptr = nullptr;
  board* board_ptr = nullptr;
  auto context = [&cpu_ptr, &board_ptr] {
    access_context c;
    c.cycle = cpu_ptr->core().stats().cycles;
    c.pc = cpu_ptr->core().state().iaoq_f;
    c.pid = board_ptr->control.core().pid();
    c.tid = board_ptr->control.core().tid();
    return c;
  };
  auto probe = std::make_unique<coherence_probe>("probe", checker, context);
  probe->set_absolute([&cpu_ptr] { return (cpu_ptr->core().state().psw & cpu::PSW_D) == 0; });

  board_options bo;
  bo.echo_console = options.echo_console;
  bo.cpu = cc;
  bo.memories.push_back({"firmware", PAVP_FIRMWARE_BASE, PAVP_FIRMWARE_SIZE});
  bo.data_path = {&probe->cpu_socket, &probe->cache_socket};
  auto b = std::make_unique<board>("board", config, bo);
  board_ptr = b.get();
  cpu_ptr = b->cpu.get();
  const dram* fwmem = b->memories.front().get();

  auto function_of = [&](std::uint32_t pc) {
    std::string f = (pc & 3u) == 0 ? kernel.symbol_at(pc & ~3u) : workload.symbol_at(pc & ~3u);
    return f;
  };

  // ---- the event trace
  std::ofstream trace;
  if (!options.trace_file.empty()) {
    trace.open(options.trace_file);
    if (!trace) throw config_error("--trace: cannot write " + options.trace_file);
    trace << "# pavp run trace: fix " << spec.fix.id << ", preset " << config.preset
          << ", schedule " << spec.schedule.text << "\n# cycle event ...\n";
  }
  const bool tracing = trace.is_open();
  std::uint64_t trace_stale_lines = 0;
  constexpr std::uint64_t k_trace_stale_max = 1000;

  struct op_run {
    cache_op op = cache_op::NONE;
    std::uint64_t count = 0;
    std::uint64_t first_vaddr = 0;
    std::uint32_t space = 0;
    std::uint64_t start_cycle = 0;
    std::uint64_t start_op_cycles = 0;
    std::uint32_t pc = 0;
  } run;
  auto op_cycles_now = [board_ptr] {
    return board_ptr->dcache.stats().op_cycles + board_ptr->icache.stats().op_cycles;
  };
  auto end_op_run = [&] {
    if (run.count == 0) return;
    trace << fmt::format("{} flush {} x{} from {:#010x} space {} pc {:#010x} {} ({} op cycles)\n",
                         run.start_cycle, to_string(run.op), run.count, run.first_vaddr, run.space,
                         run.pc & ~3u, function_of(run.pc), op_cycles_now() - run.start_op_cycles);
    run.count = 0;
  };
  if (tracing) {
    probe->on_cache_op([&](const access_extension& ext, std::uint64_t) {
      if (run.count > 0 && run.op == ext.op) {
        ++run.count;
        return;
      }
      end_op_run();
      run.op = ext.op;
      run.count = 1;
      run.first_vaddr = ext.vaddr;
      run.space = ext.space;
      run.start_cycle = cpu_ptr->core().stats().cycles;
      run.start_op_cycles = op_cycles_now();  // includes this op: close enough
      run.pc = cpu_ptr->core().state().iaoq_f;
    });
    probe->on_access([&] {
      if (run.count > 0) end_op_run();
    });
  }
  probe->on_stale([&](stale_read& s, bool first) {
    s.function = function_of(s.who.pc);
    s.caller = function_of((cpu_ptr->core().state().gr[2] & ~3u) | (s.who.pc & 3u));
    if (first) s.dcache_lines = board_ptr->dcache.core().find_lines(s.paddr);
    if (tracing && trace_stale_lines < k_trace_stale_max) {
      ++trace_stale_lines;
      trace << fmt::format(
          "{} stale pc {:#010x} {} pid {} tid {} va {:#010x} space {} pa {:#010x} expected "
          "{:#x} observed {:#x}\n",
          s.who.cycle, s.who.pc & ~3u, s.function, s.who.pid, s.who.tid, s.vaddr, s.space, s.paddr,
          s.expected, s.observed);
    }
  });

  // ---- sim-control: schedule, markers, exit
  auto traced = std::make_unique<traced_schedule>(
      std::move(sched), [&](std::uint32_t point, std::uint32_t n, std::uint32_t choice) {
        if (tracing) {
          trace << fmt::format("{} sched point {} n {} choice {} pid {} tid {}\n",
                               cpu_ptr->core().stats().cycles, point, n, choice,
                               board_ptr->control.core().pid(), board_ptr->control.core().tid());
        }
      });
  schedule* traced_ptr = traced.get();
  if (plan) {
    traced->before_first_decision([plan]() -> std::unique_ptr<schedule> {
      plan->branched = true;
      plan->index = fork_branches(plan->schedules.size(), plan->parallel, plan->outcomes);
      if (plan->index >= 0) return make_firmware_schedule(plan->schedules[plan->index]);
      sc_core::sc_stop();  // the parent's part is done: every branch has ended
      return nullptr;
    });
  }
  b->control.set_schedule(std::move(traced));
  std::string schedule_error;
  b->control.on_schedule_error([&](const std::string& m) {
    if (schedule_error.empty()) schedule_error = m;
    if (tracing) trace << cpu_ptr->core().stats().cycles << " sched error " << m << "\n";
  });
  // Maintenance inside the fork (its first FORK interval) and inside COW
  // faults, from the caches' counters at the markers.
  struct op_counts {
    std::uint64_t flush_ops = 0;
    std::uint64_t flush_cycles = 0;
    std::uint64_t dcache_fdce = 0;
  };
  auto op_counts_now = [board_ptr] {
    const cache_stats& d = board_ptr->dcache.stats();
    const cache_stats& i = board_ptr->icache.stats();
    return op_counts{d.flush_ops() + i.flush_ops(), d.op_cycles + i.op_cycles,
                     d.ops[static_cast<int>(cache_op::FDCE)]};
  };
  struct phase_ops {
    int open = 0;  // 1 inside the interval
    op_counts at_begin, total;
  } fork_ops, cow_ops;
  bool fork_seen = false;
  auto phase_marker = [&](phase_ops& p, bool begin) {
    const op_counts now = op_counts_now();
    if (begin) {
      p.at_begin = now;
      p.open = 1;
    } else if (p.open) {
      p.total.flush_ops += now.flush_ops - p.at_begin.flush_ops;
      p.total.flush_cycles += now.flush_cycles - p.at_begin.flush_cycles;
      p.total.dcache_fdce += now.dcache_fdce - p.at_begin.dcache_fdce;
      p.open = 0;
    }
  };
  b->control.on_marker([&](const simctl_marker& m) {
    if (m.id == PAVP_MARK_FORK && !fork_seen) {
      phase_marker(fork_ops, m.begin);
      fork_seen = !m.begin;
    } else if (m.id == PAVP_MARK_COW_FAULT) {
      phase_marker(cow_ops, m.begin);
    }
    if (tracing) {
      trace << fmt::format("{} mark {} {} pid {} tid {}\n", m.time_ps / period_ps,
                           m.begin ? "begin" : "end", marker_name(m.id), m.pid, m.tid);
    }
  });
  std::optional<stats_snapshot> at_exit;
  auto snapshot = [&] {
    stats_snapshot s;
    s.instructions = cpu_ptr->core().stats().instructions;
    s.cycles = cpu_ptr->core().stats().cycles;
    s.icache = board_ptr->icache.stats();
    s.dcache = board_ptr->dcache.stats();
    s.dram_read = board_ptr->memory.stats().bytes_read + fwmem->stats().bytes_read;
    s.dram_written = board_ptr->memory.stats().bytes_written + fwmem->stats().bytes_written;
    return s;
  };
  b->control.on_exit([&](std::uint32_t code) {
    if (!at_exit) at_exit = snapshot();
    if (tracing) trace << cpu_ptr->core().stats().cycles << " exit " << code << "\n";
  });

  // ---- boot: the kernel image, the boot parameter block, the CPU state
  std::string load_error;
  cpu_ptr->set_start_handler([&] {
    const bool ok = kernel.load(
        [&](std::uint64_t pa, const std::uint8_t* data, std::uint64_t len) {
          return cpu_ptr->debug_write(static_cast<std::uint32_t>(pa), data,
                                      static_cast<unsigned>(len)) == len;
        },
        [&](std::uint64_t pa, std::uint64_t len) {
          static const std::uint8_t zeros[4096] = {};
          while (len > 0) {
            const unsigned n = static_cast<unsigned>(std::min<std::uint64_t>(len, sizeof zeros));
            if (cpu_ptr->debug_write(static_cast<std::uint32_t>(pa), zeros, n) != n) return false;
            pa += n;
            len -= n;
          }
          return true;
        },
        load_error);
    if (!ok) return false;
    boot_params_machine machine;
    machine.dtlb_entries = cc.core.mmu.dtlb_entries;
    machine.itlb_entries =
        cc.core.mmu.unified ? cc.core.mmu.dtlb_entries : cc.core.mmu.itlb_entries;
    machine.verbose_kernel = options.verbose_kernel;
    const std::vector<std::uint8_t> bp = boot_parameter_block(spec, machine);
    const unsigned bp_size = static_cast<unsigned>(bp.size());
    if (cpu_ptr->debug_write(PAVP_BOOT_PARAMS_ADDR, bp.data(), bp_size) != bp_size) {
      load_error = "cannot write the boot parameter block";
      return false;
    }
    cpu::cpu_state& st = cpu_ptr->core().state();
    st.set_psw(cpu::PSW_Q);
    st.set_pc(kernel.entry(), 0, 0);
    return true;
  });

  sc_core::sc_start();
  if (cpu_ptr->end() == cpu::cpu_model::end_reason::START_FAILED) {
    throw std::runtime_error(fmt::format("kernel {}: {}", kernel_path, load_error));
  }
  if (plan && plan->branched && plan->index < 0) return {};
  if (tracing) end_op_run();
  const stats_snapshot fin = at_exit ? *at_exit : snapshot();

  // ---- results
  const simctl_core& sc = b->control.core();
  std::map<std::string, std::uint64_t> kernel_results;
  std::optional<std::uint64_t> outcome_value;
  for (const simctl_result& r : sc.results()) {
    if (r.key == PAVP_RESULT_OUTCOME) outcome_value = r.value;
    if (const char* name = result_key_name(r.key)) {
      kernel_results[name] = r.value;
    } else {
      kernel_results[fmt::format("key_{:#x}", r.key)] = r.value;
    }
  }

  std::string end;
  std::string outcome;
  const bool exited = sc.exited();
  if (exited) {
    end = fmt::format("the firmware exited with code {}", sc.exit_code());
    if (sc.exit_code() == PAVP_EXIT_PANIC) end += " (kernel panic)";
    if (sc.exit_code() == PAVP_EXIT_BAD_PARAMS) end += " (boot parameters rejected)";
    if (!schedule_error.empty()) end += "; schedule: " + schedule_error;
    if (outcome_value) {
      outcome = outcome_name(*outcome_value);
    } else {
      outcome = sc.exit_code() == PAVP_EXIT_OK ? "ok" : "corrupted";
    }
  } else {
    outcome = "hang";
    const std::uint32_t pc = cpu_ptr->core().state().iaoq_f;
    switch (cpu_ptr->end()) {
      case cpu::cpu_model::end_reason::INSTRUCTION_LIMIT:
        end = fmt::format("instruction limit ({} instructions) reached at pc {:#010x} {}",
                          cc.max_instructions, pc & ~3u, function_of(pc));
        break;
      case cpu::cpu_model::end_reason::TIME_LIMIT:
        end = fmt::format("simulated-time limit ({} ms) reached at pc {:#010x} {}",
                          config.limits.sim_time_ms, pc & ~3u, function_of(pc));
        break;
      default: {
        const cpu::run_result& r = cpu_ptr->last_stop();
        end = fmt::format(
            "the CPU stopped: {} (trap {}) at pc {:#010x} {}, insn {:#010x}, "
            "address {:#x}:{:#010x}",
            cpu::to_string(r.reason), r.trap, r.pc & ~3u, function_of(r.pc), r.iir, r.isr, r.ior);
        break;
      }
    }
  }

  // Markers: fork latency (first FORK interval) and COW fault latencies.
  std::optional<std::uint64_t> fork_begin;
  std::uint64_t fork_cycles = 0;
  bool fork_done = false;
  std::optional<std::uint64_t> cow_begin;
  std::uint64_t cow_count = 0;
  std::uint64_t cow_total = 0;
  for (const simctl_marker& m : sc.markers()) {
    const std::uint64_t cyc = m.time_ps / period_ps;
    if (m.id == PAVP_MARK_FORK && !fork_done) {
      if (m.begin) {
        fork_begin = cyc;
      } else if (fork_begin) {
        fork_cycles = cyc - *fork_begin;
        fork_done = true;
      }
    } else if (m.id == PAVP_MARK_COW_FAULT) {
      if (m.begin) {
        cow_begin = cyc;
      } else if (cow_begin) {
        ++cow_count;
        cow_total += cyc - *cow_begin;
        cow_begin.reset();
      }
    }
  }

  nlohmann::ordered_json j;
  j["fix"] = spec.fix.id;
  j["preset"] = config.preset;
  j["schedule"] = plan && plan->index >= 0 ? plan->schedules[plan->index].text : spec.schedule.text;
  j["outcome"] = outcome;
  j["stale_reads"] = checker.stale_reads();
  j["fork_cycles"] = fork_cycles;
  j["cow_faults"] = cow_count;
  j["cow_fault_cycles"] = cow_count ? cow_total / cow_count : 0;
  j["flush_ops"] = fin.dcache.flush_ops() + fin.icache.flush_ops();
  j["flush_cycles"] = fin.dcache.op_cycles + fin.icache.op_cycles;
  j["fork_flush_ops"] = fork_ops.total.flush_ops;
  j["fork_flush_cycles"] = fork_ops.total.flush_cycles;
  // Linux's flush_data_cache_local is one FDCE per D-cache line (its
  // PDC_CACHE_INFO loop): FDCEs / lines counts the whole-cache flushes.
  j["fork_whole_cache_flushes"] =
      fork_ops.total.dcache_fdce / (config.dcache.size_bytes / config.dcache.line_bytes);
  j["cow_flush_ops"] = cow_ops.total.flush_ops;
  j["writebacks"] = fin.dcache.writebacks() + fin.icache.writebacks();
  j["dram_bytes_read"] = fin.dram_read;
  j["dram_bytes_written"] = fin.dram_written;
  j["total_cycles"] = fin.cycles;
  j["instructions"] = fin.instructions;
  j["first_stale"] = checker.first() ? checker.first()->to_json() : nlohmann::ordered_json();
  j["first_stale_text"] = checker.first() ? checker.first()->to_text() : "";
  j["end"] = end;
  j["exit_code"] = exited ? nlohmann::ordered_json(sc.exit_code()) : nlohmann::ordered_json();
  j["tlb_purges"] = kernel_results.count("tlb_purges") ? kernel_results["tlb_purges"] : 0;
  nlohmann::ordered_json kr = nlohmann::ordered_json::object();
  for (const auto& [k, v] : kernel_results) kr[k] = v;
  j["kernel"] = kr;
  nlohmann::ordered_json dec = nlohmann::ordered_json::array();
  for (const schedule_step& s : traced_ptr->decisions()) {
    dec.push_back({s.point, s.n_choices, s.choice});
  }
  j["decisions"] = dec;
  j["loads_checked"] = checker.loads_checked();
  j["console"] = b->tty.captured();

  if (!options.record_file.empty()) traced_ptr->save_replay(options.record_file);
  return j;
}

}  // namespace

nlohmann::ordered_json run_firmware(const run_spec& spec, const firmware_run_options& options) {
  return simulate(spec, options, nullptr);
}

std::vector<nlohmann::ordered_json> run_firmware_branches(
    const run_spec& spec, const firmware_run_options& options,
    const std::vector<schedule_spec>& schedules, unsigned parallel) {
  if (schedules.empty()) throw config_error("run_firmware_branches: no schedules");
  for (const schedule_spec& s : schedules) {
    if (s.kind != schedules.front().kind) {
      throw config_error(fmt::format(
          "run_firmware_branches: schedules '{}' and '{}' are of different kinds (the kernel "
          "boots with the kind; accepted: all seed, all random:N or all replay:FILE)",
          schedules.front().text, s.text));
    }
  }
  if (!options.trace_file.empty() || !options.record_file.empty() || options.echo_console) {
    throw config_error(
        "run_firmware_branches: --trace, --record and --console need a run of their own");
  }
  branch_plan plan;
  plan.schedules = schedules;
  plan.parallel = parallel;
  const run_spec first = with_schedule(spec, schedules.front());
  nlohmann::ordered_json run;
  try {
    run = simulate(first, options, &plan);
  } catch (const std::exception& e) {
    if (plan.index >= 0) finish_branch(false, e.what());
    throw;
  }
  if (plan.index >= 0) finish_branch(true, run.dump());

  std::vector<nlohmann::ordered_json> runs;
  if (!plan.branched) {  // no decision was ever asked: one run stands for all
    for (const schedule_spec& s : schedules) {
      runs.push_back(run);
      runs.back()["schedule"] = s.text;
    }
    return runs;
  }
  for (std::size_t i = 0; i < schedules.size(); ++i) {
    if (!plan.outcomes[i].ok) {
      throw std::runtime_error(
          fmt::format("schedule {}: {}", schedules[i].text, plan.outcomes[i].output));
    }
    runs.push_back(nlohmann::ordered_json::parse(plan.outcomes[i].output));
  }
  return runs;
}

std::string firmware_summary(const nlohmann::ordered_json& r) {
  std::ostringstream os;
  auto u = [&](const char* k) { return r.value(k, std::uint64_t{0}); };
  os << fmt::format("pavp run: fix {}, preset {}, schedule {}\n", r.value("fix", ""),
                    r.value("preset", ""), r.value("schedule", ""));
  os << fmt::format("  outcome             {}\n", r.value("outcome", ""));
  os << fmt::format("  end                 {}\n", r.value("end", ""));
  os << fmt::format("  stale reads         {}\n", u("stale_reads"));
  os << fmt::format("  fork                {} cycles\n", u("fork_cycles"));
  os << fmt::format("  COW faults          {} (mean {} cycles)\n", u("cow_faults"),
                    u("cow_fault_cycles"));
  os << fmt::format("  flush/purge ops     {} ({} cycles); flush_tlb_all calls {}\n",
                    u("flush_ops"), u("flush_cycles"), u("tlb_purges"));
  os << fmt::format(
      "  in the fork         {} flush/purge ops ({} cycles), {} whole D-cache flushes\n",
      u("fork_flush_ops"), u("fork_flush_cycles"), u("fork_whole_cache_flushes"));
  os << fmt::format("  in COW faults       {} flush/purge ops\n", u("cow_flush_ops"));
  os << fmt::format("  dirty write-backs   {}\n", u("writebacks"));
  os << fmt::format("  DRAM bytes          {} read, {} written\n", u("dram_bytes_read"),
                    u("dram_bytes_written"));
  os << fmt::format("  total               {} cycles, {} instructions\n", u("total_cycles"),
                    u("instructions"));
  if (r.contains("kernel") && r["kernel"].is_object() && !r["kernel"].empty()) {
    os << "  kernel results     ";
    for (const auto& [k, v] : r["kernel"].items()) os << " " << k << "=" << v.dump();
    os << "\n";
  }
  if (r.contains("first_stale_text") && !r["first_stale_text"].get<std::string>().empty()) {
    os << r["first_stale_text"].get<std::string>();
  }
  return os.str();
}

}  // namespace pavp
