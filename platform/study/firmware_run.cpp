#include "platform/study/firmware_run.h"

#include <sys/mman.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "firmware/include/firmware_contract.h"
#include "pavp/common/file_io.h"
#include "pavp/cpu/cpu.h"
#include "pavp/gdb/gdb_stub.h"
#include "platform/board/board.h"
#include "platform/board/elf_loader.h"
#include "platform/study/boot_params.h"
#include "platform/study/coherence_checker.h"
#include "platform/study/fixes.h"
#include "platform/study/guest_objects.h"
#include "platform/study/perfetto_trace.h"
#include "platform/study/process_snapshot.h"
#include "platform/study/race_explain.h"
#include "platform/study/run_pool.h"

#ifndef PAVP_KERNEL_ELF_PATH
#define PAVP_KERNEL_ELF_PATH "firmware/pavp-kernel.elf"
#endif
#ifndef PAVP_KERNEL_LINUX_ELF_PATH
#define PAVP_KERNEL_LINUX_ELF_PATH "firmware/pavp-kernel-linux.elf"
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
    case PAVP_OUTCOME_CRASH:
      return "crash";
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
    case PAVP_RESULT_ENOSYS:
      return "unknown_syscalls";
    case PAVP_RESULT_CHILDREN:
      return "children";
    case PAVP_RESULT_CHILDREN_FAILED:
      return "children_failed";
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

}  // namespace

std::string default_kernel_path(const std::string& scenario) {
  if (scenario == "nptl") return PAVP_KERNEL_LINUX_ELF_PATH;
  return PAVP_KERNEL_ELF_PATH;
}

unsigned preemption_cost(std::uint32_t point, std::uint32_t choice) {
  switch (point) {
    case PAVP_SCHED_POINT_PTE_ALLOC:
    case PAVP_SCHED_POINT_FORK_WAKE:
    case PAVP_SCHED_POINT_TICK:
    case PAVP_SCHED_POINT_PREEMPT:
      return choice != 0 ? 1 : 0;
    default:  // sched_yield offers the CPU; at BLOCK the thread cannot go on
      return 0;
  }
}

namespace {

// What run_firmware_branches asks of a run: the fixes and schedules of its
// branches. A process forks one child per fix still open when the kernel
// asks for its fix (PAVP_QUERY_FIX), and one child per schedule at the first
// decision; a process that forked stops its own run and gathers its
// children's runs. Each run is tagged with its fix's and schedule's index.
struct branch_plan {
  std::vector<fix_spec> fixes;  // the fixes this process's run still stands for
  std::vector<std::size_t> fix_index;
  std::vector<schedule_spec> schedules;
  int schedule = -1;  // the schedule chosen at the first decision (-1: none asked yet)
  unsigned parallel = 1;
  bool forked = false;                // this process forked, its own run stopped
  std::vector<run_outcome> outcomes;  // then: its children's results (arrays of runs)
  bool child = false;                 // a process the plan forked: it delivers its runs
};

// What explore_firmware asks of a run: the schedule tree, and the state its
// processes share (schedules finished, whether the limit cut the tree, how
// many of them are simulating now).
struct explore_shared {
  std::atomic<std::uint64_t> leaves{0};
  std::atomic<bool> truncated{false};
  std::atomic<int> running{0};
  int jobs = 1;
};

// The children a process forked at one decision, for the choices before the
// last: already collected (they ran while it waited), or still running.
struct explore_group {
  std::uint32_t point = 0;
  std::vector<std::uint32_t> choices;
  nlohmann::ordered_json leaves = nlohmann::ordered_json::array();
  std::vector<pending_branch> pending;
};

// The leaves a process of the tree found in subtrees it explored itself,
// one after another (process_snapshot.h): kept in a shared mapping, which
// putting the memory back does not reach. One JSON text a line.
class leaf_store {
 public:
  static constexpr std::size_t BYTES = std::size_t{1} << 30;  // address space
  // Null when no mapping can be had (the process then forks per choice).
  static leaf_store* create() {
    void* p = ::mmap(nullptr, BYTES, PROT_READ | PROT_WRITE,
                     MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? nullptr : new (p) leaf_store();
  }
  void append(const std::string& leaf) {
    char* text = reinterpret_cast<char*>(this + 1);
    if (sizeof(*this) + m_used + leaf.size() + 1 > BYTES) {
      throw std::runtime_error("explore: more leaves than one process can keep");
    }
    std::memcpy(text + m_used, leaf.data(), leaf.size());
    text[m_used + leaf.size()] = '\n';
    m_used += leaf.size() + 1;
  }
  // Every leaf kept, in the order appended.
  std::vector<std::string> leaves() const {
    const char* text = reinterpret_cast<const char*>(this + 1);
    std::vector<std::string> out;
    for (std::size_t at = 0; at < m_used;) {
      const char* end = static_cast<const char*>(std::memchr(text + at, '\n', m_used - at));
      out.emplace_back(text + at, end);
      at = static_cast<std::size_t>(end - text) + 1;
    }
    return out;
  }

 private:
  std::size_t m_used = 0;
};

struct explore_plan {
  unsigned bound = 2;
  std::uint64_t max_schedules = 0;  // 0: no limit
  explore_shared* shared = nullptr;
  std::vector<explore_group> groups;  // in the order of this process's decisions
  bool stopped = false;               // by --max-schedules: no schedule of its own
  unsigned preemptions = 0;           // along this process's path
  // Called when this process's simulation has ended, with its run (empty
  // when stopped), while the machine still exists: a process of the tree
  // that delivers its leaves there ends without taking the machine apart.
  std::function<void(nlohmann::ordered_json& run)> finish;
  // Called before the process forks at a decision (prepare_to_fork).
  std::function<void()> before_fork;
  // The decisions whose choices this process takes one after another
  // itself (process_snapshot.h), along its path: the choice it is on and
  // how many it has; and where the leaves they gave are kept (created
  // before the first such decision).
  struct own_decision {
    std::size_t index = 0;
    std::size_t count = 0;
  };
  std::vector<own_decision> own;
  leaf_store* store = nullptr;
};

// The exploring schedule: at each decision, every choice within the bound.
// With more than one, the process forks a child for each choice but the last
// and goes on with the last itself (one fork fewer per decision); each child
// goes on with its own choice and explores its own subtree. While fewer
// processes simulate than --jobs, the children run beside the process (it
// collects them when its own run has ended); otherwise one after the other
// while it waits. Leaves come back in the order of the choices either way.
class explore_schedule : public schedule {
 public:
  explicit explore_schedule(explore_plan& plan) : schedule("explore"), m_plan(plan) {}

 protected:
  std::uint32_t choose(std::uint64_t /*index*/, std::uint32_t point,
                       std::uint32_t n_choices) override {
    if (m_plan.stopped) return 0;
    std::vector<std::uint32_t> allowed;
    for (std::uint32_t c = 0; c < n_choices; ++c) {
      if (m_plan.preemptions + preemption_cost(point, c) <= m_plan.bound) allowed.push_back(c);
    }
    if (allowed.size() == 1) {
      m_plan.preemptions += preemption_cost(point, allowed.front());
      return allowed.front();
    }
    explore_shared& shared = *m_plan.shared;
    if (m_plan.max_schedules > 0 && shared.leaves.load() >= m_plan.max_schedules) {
      shared.truncated = true;  // the limit cuts this subtree off
      m_plan.stopped = true;
      sc_core::sc_stop();
      return 0;
    }
    const std::size_t others = allowed.size() - 1;
    if (m_plan.before_fork) m_plan.before_fork();
    // Children beside this process only before it takes choices one after
    // another itself: putting its memory back would forget them.
    const int spare = shared.jobs - shared.running.load();
    const std::size_t beside =
        spare > 0 && m_plan.own.empty() ? std::min<std::size_t>(others, spare) : 0;

    // Beside this process: choices 0..beside-1.
    if (beside > 0) {
      explore_group g;
      g.point = point;
      g.choices.assign(allowed.begin(), allowed.begin() + static_cast<std::ptrdiff_t>(beside));
      shared.running += static_cast<int>(beside);
      const int i = spawn_branches(beside, g.pending);
      if (i >= 0) return enter_child(point, allowed[static_cast<std::size_t>(i)]);
      m_plan.groups.push_back(std::move(g));
    }
    // The rest one after another in this process, each from this
    // decision's state put back, the last one included.
    if (beside < others && branches_in_process()) {
      const std::vector<std::uint32_t> mine(allowed.begin() + static_cast<std::ptrdiff_t>(beside),
                                            allowed.end());
      if (m_plan.store == nullptr) m_plan.store = leaf_store::create();
      if (m_plan.store != nullptr) {
        const int i = process_snapshot::take();
        if (i >= 0) {
          m_plan.own.push_back({static_cast<std::size_t>(i), mine.size()});
          m_plan.preemptions += preemption_cost(point, mine[static_cast<std::size_t>(i)]);
          return mine[static_cast<std::size_t>(i)];
        }
      }
    }
    // One after the other, while this process waits: the rest but the last.
    if (beside < others) {
      explore_group g;
      g.point = point;
      g.choices.assign(allowed.begin() + static_cast<std::ptrdiff_t>(beside), allowed.end() - 1);
      std::vector<run_outcome> outcomes;
      --shared.running;  // this process waits
      const int i = fork_branches(g.choices.size(), 1, outcomes);
      if (i >= 0) {
        ++shared.running;
        return enter_child(point, g.choices[static_cast<std::size_t>(i)]);
      }
      ++shared.running;
      for (std::size_t k = 0; k < outcomes.size(); ++k) {
        append_leaves(g.leaves, point, g.choices[k], outcomes[k]);
      }
      if (!m_plan.own.empty()) {
        // Below a decision of its own (a snapshot could not be taken
        // here): kept with its leaves, which going back does not forget,
        // in their place, before those of the last choice.
        for (const auto& leaf : g.leaves) m_plan.store->append(leaf.dump());
      } else {
        m_plan.groups.push_back(std::move(g));
      }
    }
    m_plan.preemptions += preemption_cost(point, allowed.back());
    return allowed.back();
  }

 public:
  // The leaves of a finished child, appended to `leaves`; a failed child is
  // an error naming its decision.
  static void append_leaves(nlohmann::ordered_json& leaves, std::uint32_t point,
                            std::uint32_t choice, const run_outcome& o) {
    if (!o.ok)
      throw std::runtime_error(fmt::format("point {} choice {}: {}", point, choice, o.output));
    for (auto& leaf : nlohmann::ordered_json::parse(o.output)) leaves.push_back(std::move(leaf));
  }

 private:
  // In a new child: its parent's children are not its own.
  std::uint32_t enter_child(std::uint32_t point, std::uint32_t choice) {
    for (explore_group& g : m_plan.groups) {
      for (pending_branch& b : g.pending) {
        if (b.fd >= 0) ::close(b.fd);
      }
    }
    m_plan.groups.clear();
    m_plan.store = nullptr;  // its parent's, as are the decisions it took one after another
    m_plan.own.clear();
    m_plan.preemptions += preemption_cost(point, choice);
    return choice;
  }

  explore_plan& m_plan;
};

// ------------------------------------------------------------ assembly

// The kernel ELF, and the workload's beside it for naming user-mode pcs;
// for the nptl scenario the program to run if the configuration names one
// (workload.program), which then also names the user-mode pcs.
struct firmware_images {
  std::string kernel_path;
  elf_image kernel;
  elf_image workload;    // optional: empty if not found
  bool program = false;  // workload holds workload.program, which the platform loads

  firmware_images(const firmware_run_options& options, const workload_config& w)
      : kernel_path(options.kernel.empty() ? default_kernel_path(w.scenario) : options.kernel) {
    std::string error;
    if (!kernel.read_file(kernel_path, error)) {
      throw std::runtime_error(fmt::format("kernel {}: {}", kernel_path, error));
    }
    if (w.scenario == "nptl" && !w.program.empty()) {
      if (!workload.read_file(w.program, error)) {
        throw config_error(fmt::format("workload.program: {}", error));
      }
      if (workload.dynamic()) {
        throw config_error(fmt::format(
            "workload.program: {}: dynamically linked (has PT_INTERP); the nptl scenario runs "
            "static executables (link with -static)",
            w.program));
      }
      program = true;
      return;
    }
    const std::string dir = kernel_path.substr(0, kernel_path.find_last_of('/') + 1);
    std::string ignored;
    workload.read_file(dir + (w.scenario == "nptl" ? "nptl_fork.elf" : "workload.elf"), ignored);
  }

  // The function at a pc: the kernel's in privilege 0, the workload's otherwise.
  std::string function_of(std::uint32_t pc) const {
    return (pc & 3u) == 0 ? kernel.symbol_at(pc & ~3u) : workload.symbol_at(pc & ~3u);
  }
};

// The configuration a firmware run's board is built from: the run's, with
// the firmware window cached like DRAM; only the device pages above it stay
// uncached I/O space (docs/decisions.md, "Firmware window").
platform_config machine_config(const platform_config& run_config) {
  platform_config config = run_config;
  for (cache_params* p : {&config.icache, &config.dcache}) {
    p->uncached_base = std::uint64_t{PAVP_FIRMWARE_BASE} + PAVP_FIRMWARE_SIZE;
    p->uncached_size = (std::uint64_t{1} << 32) - p->uncached_base;
  }
  return config;
}

// The machine of a firmware run: the board with the CPU (interruptions
// delivered) and the firmware window backed by memory, and the coherence
// checker on the data path, which attributes each access to the CPU's cycle
// and pc and the kernel's current pid/tid.
class firmware_machine {
 public:
  coherence_checker checker;

  firmware_machine(const platform_config& config, const cpu::cpu_model_config& cpu_config,
                   bool echo_console) {
    checker.add_region(config.map.dram.base, config.map.dram.size);
    checker.add_region(PAVP_FIRMWARE_BASE, PAVP_FIRMWARE_SIZE);
    m_probe = std::make_unique<coherence_probe>("probe", checker, [this] { return context(); });
    board_options bo;
    bo.echo_console = echo_console;
    bo.cpu = cpu_config;
    bo.memories.push_back({"firmware", PAVP_FIRMWARE_BASE, PAVP_FIRMWARE_SIZE});
    bo.data_path = {&m_probe->cpu_socket, &m_probe->cache_socket};
    m_board = std::make_unique<pavp::board>("board", config, bo);
    m_core = &m_board->cpu->core();
    m_control = &m_board->control.core();
  }

  pavp::board& board() const { return *m_board; }
  cpu::cpu_model& cpu() const { return *m_board->cpu; }
  coherence_probe& probe() const { return *m_probe; }
  std::uint64_t cycles() const { return cpu().core().stats().cycles; }
  std::uint64_t op_cycles() const {
    return m_board->dcache.stats().op_cycles + m_board->icache.stats().op_cycles;
  }
  std::uint64_t dram_bytes_read() const {
    return m_board->memory.stats().bytes_read + m_board->memories.front()->stats().bytes_read;
  }
  std::uint64_t dram_bytes_written() const {
    return m_board->memory.stats().bytes_written + m_board->memories.front()->stats().bytes_written;
  }

 private:
  // Who makes a load or store: the CPU's cycle and pc, the kernel's pid and
  // tid (the probe asks at every tracked store).
  access_context context() const {
    access_context c;
    c.cycle = m_core->stats().cycles;
    c.pc = m_core->state().iaoq_f;
    c.pid = m_control->pid();
    c.tid = m_control->tid();
    return c;
  }

  std::unique_ptr<coherence_probe> m_probe;  // built before the board, which binds it
  std::unique_ptr<pavp::board> m_board;
  const cpu::iss* m_core = nullptr;  // the board's, set with it
  const simctl_core* m_control = nullptr;
};

// ------------------------------------------------------------ the event trace

// The run's events (perfetto_trace.h, trace_event): --trace FILE writes
// markers, schedule decisions, thread switches, runs of one flush
// instruction, stale reads (the first 1000) and the exit as text, one a
// line; --perfetto FILE the same events with the threads' spans and the
// counters as a Perfetto trace. Off when the run has neither.
class run_trace {
 public:
  run_trace(const std::string& path, const std::string& perfetto_path, const run_spec& spec,
            const firmware_machine& m, const firmware_images& images)
      : m_machine(m), m_images(images) {
    m_about = {{"fix", spec.fix.id},
               {"preset", spec.config.preset},
               {"schedule", spec.schedule.text},
               {"placement", spec.config.kernel.placement.text},
               {"scenario", spec.config.workload.scenario}};
    if (!perfetto_path.empty()) {
      m_perfetto = std::make_unique<perfetto_trace>(
          perfetto_path, spec.config.cpu.clock_period_ps(), images.kernel,
          inlined_ranges_path(images.kernel_path), m.cpu().core(), m.board().control.core(),
          m.board().dcache, m.board().icache);
      m.cpu().add_monitor(*m_perfetto);
    }
    if (path.empty()) return;
    m_path = path;
    m_out << "# pavp run trace: fix " << spec.fix.id << ", preset " << spec.config.preset
          << ", schedule " << spec.schedule.text << "\n# cycle event ...\n";
  }

  bool on() const { return text() || m_perfetto; }

  // A cache operation: consecutive ones of the same kind make one line.
  void flush_op(const access_extension& ext) {
    if (m_run.count > 0 && m_run.op == ext.op) {
      ++m_run.count;
      return;
    }
    end_op_run();
    m_run.op = ext.op;
    m_run.count = 1;
    m_run.first_vaddr = ext.vaddr;
    m_run.space = ext.space;
    m_run.start_cycle = m_machine.cycles();
    m_run.start_op_cycles = m_machine.op_cycles();  // includes this op: close enough
    m_run.pc = m_machine.cpu().core().state().iaoq_f;
    m_run.pid = m_machine.board().control.core().pid();
    m_run.tid = m_machine.board().control.core().tid();
  }

  // Any other access ends a run of cache operations.
  void access() {
    if (m_run.count > 0) end_op_run();
  }

  void stale(const stale_read& s) {
    if (m_perfetto) m_perfetto->stale(s);
    if (!text() || m_stale_lines >= k_stale_max) return;
    ++m_stale_lines;
    m_out << fmt::format(
        "{} {} pc {:#010x} {} pid {} tid {} va {:#010x} space {} pa {:#010x} expected "
        "{:#x} observed {:#x}\n",
        s.who.cycle, trace_event::stale, s.who.pc & ~3u, s.function, s.who.pid, s.who.tid, s.vaddr,
        s.space, s.paddr, s.expected, s.observed);
  }

  void decision(std::uint32_t point, std::uint32_t n, std::uint32_t choice) {
    if (m_perfetto) m_perfetto->decision(point, n, choice);
    if (!text()) return;
    const simctl_core& sc = m_machine.board().control.core();
    m_out << fmt::format("{} {} point {} n {} choice {} pid {} tid {}\n", m_machine.cycles(),
                         trace_event::sched, point, n, choice, sc.pid(), sc.tid());
  }

  void schedule_error(const std::string& message) {
    if (m_perfetto) m_perfetto->schedule_error(message);
    if (!text()) return;
    m_out << m_machine.cycles() << " " << trace_event::sched_error << " " << message << "\n";
  }

  void marker(const simctl_marker& m, std::uint64_t period_ps) {
    if (m_perfetto) {
      m_perfetto->marker(m.time_ps / period_ps, marker_name(m.id), m.begin, m.pid, m.tid);
    }
    if (!text()) return;
    m_out << fmt::format("{} {} {} {} pid {} tid {}\n", m.time_ps / period_ps, trace_event::mark,
                         m.begin ? "begin" : "end", marker_name(m.id), m.pid, m.tid);
  }

  // Sim-control's current thread changed (the kernel stores the pid, then
  // the tid): a switch once the tid has changed. The Perfetto trace sees
  // the same switches as it follows the pc.
  void current(std::uint32_t pid, std::uint32_t tid) {
    if (!text() || tid == m_tid) return;
    m_out << fmt::format("{} {} from pid {} tid {} to pid {} tid {}\n", m_machine.cycles(),
                         trace_event::switch_thread, m_pid, m_tid, pid, tid);
    m_pid = pid;
    m_tid = tid;
  }

  void exit(std::uint32_t code) {
    if (m_perfetto) m_perfetto->exit(code);
    if (!text()) return;
    m_out << m_machine.cycles() << " " << trace_event::exit << " " << code << "\n";
  }

  // Writes a run of cache operations still open at the end, and the end of
  // the Perfetto trace.
  void finish() {
    end_op_run();
    if (m_perfetto) m_perfetto->finish(m_about);
    // Written whole and checked, as every output (file_io.h).
    if (text()) write_text_file(m_path, m_out.str());
  }

 private:
  static constexpr std::uint64_t k_stale_max = 1000;
  struct op_run {
    pavp::cache_op op = pavp::cache_op::NONE;
    std::uint64_t count = 0;
    std::uint64_t first_vaddr = 0;
    std::uint32_t space = 0;
    std::uint64_t start_cycle = 0;
    std::uint64_t start_op_cycles = 0;
    std::uint32_t pc = 0;
    std::uint32_t pid = 0, tid = 0;
  };

  void end_op_run() {
    if (m_run.count == 0) return;
    const std::string function = m_images.function_of(m_run.pc);
    const std::uint64_t op_cycles = m_machine.op_cycles() - m_run.start_op_cycles;
    if (m_perfetto) {
      m_perfetto->flush_run(m_run.start_cycle, m_run.pid, m_run.tid, m_run.op, m_run.count,
                            m_run.first_vaddr, m_run.space, m_run.pc, function, op_cycles);
    }
    if (text()) {
      m_out << fmt::format("{} {} {} x{} from {:#010x} space {} pc {:#010x} {} ({} op cycles)\n",
                           m_run.start_cycle, trace_event::flush, to_string(m_run.op), m_run.count,
                           m_run.first_vaddr, m_run.space, m_run.pc & ~3u, function, op_cycles);
    }
    m_run.count = 0;
  }

  const firmware_machine& m_machine;
  const firmware_images& m_images;
  // The text trace (--trace), written to m_path by finish(); none when empty.
  bool text() const { return !m_path.empty(); }
  std::string m_path;
  std::ostringstream m_out;
  std::unique_ptr<perfetto_trace> m_perfetto;
  nlohmann::ordered_json m_about;
  op_run m_run;
  std::uint64_t m_stale_lines = 0;
  std::uint32_t m_pid = 0, m_tid = 0;  // the thread running, for switches
};

// ------------------------------------------------------------ measurement

// The figures at one moment: at the workload's exit, or at the end.
struct stats_snapshot {
  std::uint64_t instructions = 0;
  std::uint64_t cycles = 0;
  cache_stats icache;
  cache_stats dcache;
  std::uint64_t dram_read = 0;
  std::uint64_t dram_written = 0;
};

// What the run measures while it goes, from the kernel's markers: the fork's
// latency and cache maintenance (its first FORK interval), the COW faults'
// latencies and maintenance, and the figures at the first exit.
class run_meter {
 public:
  struct op_counts {
    std::uint64_t flush_ops = 0;
    std::uint64_t flush_cycles = 0;
    std::uint64_t dcache_fdce = 0;
  };

  run_meter(const firmware_machine& m, std::uint64_t period_ps)
      : m_machine(m), m_period_ps(period_ps) {}

  void marker(const simctl_marker& m) {
    const std::uint64_t cycle = m.time_ps / m_period_ps;
    if (m.id == PAVP_MARK_FORK && !m_fork_done) {
      phase(m_fork_ops, m.begin);
      if (m.begin) {
        m_fork_begin = cycle;
      } else {
        m_fork_done = true;
        if (m_fork_begin) m_fork_cycles = cycle - *m_fork_begin;
      }
    } else if (m.id == PAVP_MARK_COW_FAULT) {
      phase(m_cow_ops, m.begin);
      if (m.begin) {
        m_cow_begin = cycle;
      } else if (m_cow_begin) {
        ++m_cow_faults;
        m_cow_total_cycles += cycle - *m_cow_begin;
        m_cow_begin.reset();
      }
    }
  }

  void exit() {
    if (!m_at_exit) m_at_exit = now();
  }

  // The figures at the first exit, or now if the workload never exited.
  stats_snapshot final_figures() const { return m_at_exit ? *m_at_exit : now(); }

  std::uint64_t fork_cycles() const { return m_fork_cycles; }
  std::uint64_t cow_faults() const { return m_cow_faults; }
  std::uint64_t cow_fault_mean_cycles() const {
    return m_cow_faults ? m_cow_total_cycles / m_cow_faults : 0;
  }
  const op_counts& fork_ops() const { return m_fork_ops.total; }
  const op_counts& cow_ops() const { return m_cow_ops.total; }

 private:
  struct phase_ops {
    bool open = false;
    op_counts at_begin, total;
  };

  op_counts op_counts_now() const {
    const cache_stats& d = m_machine.board().dcache.stats();
    const cache_stats& i = m_machine.board().icache.stats();
    return op_counts{d.flush_ops() + i.flush_ops(), d.op_cycles + i.op_cycles,
                     d.ops[static_cast<int>(cache_op::FDCE)]};
  }

  void phase(phase_ops& p, bool begin) const {
    const op_counts now = op_counts_now();
    if (begin) {
      p.at_begin = now;
      p.open = true;
    } else if (p.open) {
      p.total.flush_ops += now.flush_ops - p.at_begin.flush_ops;
      p.total.flush_cycles += now.flush_cycles - p.at_begin.flush_cycles;
      p.total.dcache_fdce += now.dcache_fdce - p.at_begin.dcache_fdce;
      p.open = false;
    }
  }

  stats_snapshot now() const {
    stats_snapshot s;
    s.instructions = m_machine.cpu().core().stats().instructions;
    s.cycles = m_machine.cycles();
    s.icache = m_machine.board().icache.stats();
    s.dcache = m_machine.board().dcache.stats();
    s.dram_read = m_machine.dram_bytes_read();
    s.dram_written = m_machine.dram_bytes_written();
    return s;
  }

  const firmware_machine& m_machine;
  std::uint64_t m_period_ps;
  phase_ops m_fork_ops, m_cow_ops;
  bool m_fork_done = false;
  std::optional<std::uint64_t> m_fork_begin;
  std::uint64_t m_fork_cycles = 0;
  std::optional<std::uint64_t> m_cow_begin;
  std::uint64_t m_cow_faults = 0;
  std::uint64_t m_cow_total_cycles = 0;
  std::optional<stats_snapshot> m_at_exit;
};

// ------------------------------------------------------------ boot

// The first stale read of the nptl scenario, in the program's terms: where
// the current process maps the stale byte and glibc's object there.
void name_program_data(firmware_machine& m, const firmware_images& images, stale_read& s) {
  const guest_memory mem{m.cpu().core().state().cr[25], [&m](std::uint32_t pa) {
                           std::uint8_t b[4] = {};
                           m.checker.read_shadow(pa, b, 4);
                           return std::uint32_t{b[0]} << 24 | std::uint32_t{b[1]} << 16 |
                                  std::uint32_t{b[2]} << 8 | b[3];
                         }};
  s.user_vaddr = mem.vaddr_of(static_cast<std::uint32_t>(s.byte_paddr));
  if (s.user_vaddr) s.object = nptl_object_name(images.workload, mem, *s.user_vaddr);
}

// The nptl scenario's arguments (argv[0] = the program's path, then
// workload.args split at spaces, each NUL-terminated) and, if the
// configuration names one, its program, written at the top of RAM where the
// kernel keeps them out of its allocator (firmware_contract.h,
// PAVP_BP_PROGRAM_ADDR).
template <typename Write>
bool place_program(const firmware_images& images, const platform_config& config, const Write& write,
                   boot_params_machine& machine, std::string& error) {
  const workload_config& w = config.workload;
  // argv[0] as a shell (and qemu-hppa) gives it: the path as written
  const std::string name = images.program ? w.program : std::string("nptl_fork");
  std::vector<std::uint8_t> args(name.begin(), name.end());
  args.push_back(0);
  std::istringstream words(w.args);
  for (std::string a; words >> a;) {
    args.insert(args.end(), a.begin(), a.end());
    args.push_back(0);
  }
  if (args.size() > 4096) {
    error =
        fmt::format("workload.args: {} bytes with argv[0]; at most 4096 are accepted", args.size());
    return false;
  }
  constexpr std::uint32_t page = 4096;
  const std::uint64_t ram = std::min<std::uint64_t>(config.map.dram.size, 256u << 20);
  std::uint64_t top = (ram - args.size()) & ~std::uint64_t{page - 1};
  machine.args_addr = static_cast<std::uint32_t>(top);
  machine.args_size = static_cast<std::uint32_t>(args.size());
  if (!write(top, args.data(), args.size())) {
    error = "cannot write the program's arguments";
    return false;
  }
  if (!images.program) return true;
  const std::vector<std::uint8_t>& elf = images.workload.bytes();
  if (elf.size() + (16u << 20) > top) {
    error = fmt::format(
        "workload.program: {} bytes do not fit dram.size {} with room for the "
        "kernel (a larger dram.size or a smaller program is accepted)",
        elf.size(), config.map.dram.size);
    return false;
  }
  top = (top - elf.size()) & ~std::uint64_t{page - 1};
  machine.program_addr = static_cast<std::uint32_t>(top);
  machine.program_size = static_cast<std::uint32_t>(elf.size());
  if (!write(top, elf.data(), elf.size())) {
    error = "cannot write the program";
    return false;
  }
  return true;
}

// When the CPU starts: the kernel's segments into memory, the boot parameter
// block of the run spec, and the CPU at the kernel's entry with PSW = Q,
// privilege 0, absolute mode. A failure leaves its reason in `error`.
void install_boot(firmware_machine& m, const firmware_images& images, const run_spec& spec,
                  bool verbose_kernel, std::string& error) {
  cpu::cpu_model* const model = &m.cpu();
  model->set_start_handler([model, &images, &spec, verbose_kernel, &error] {
    auto write = [model](std::uint64_t pa, const std::uint8_t* data, std::uint64_t len) {
      return model->debug_write(static_cast<std::uint32_t>(pa), data, static_cast<unsigned>(len)) ==
             len;
    };
    auto zero = [model](std::uint64_t pa, std::uint64_t len) {
      static const std::uint8_t zeros[4096] = {};
      while (len > 0) {
        const unsigned n = static_cast<unsigned>(std::min<std::uint64_t>(len, sizeof zeros));
        if (model->debug_write(static_cast<std::uint32_t>(pa), zeros, n) != n) return false;
        pa += n;
        len -= n;
      }
      return true;
    };
    if (!images.kernel.load(write, zero, error)) return false;
    const cpu::mmu_config& mmu = model->config().core.mmu;
    boot_params_machine machine;
    machine.dtlb_entries = mmu.dtlb_entries;
    machine.itlb_entries = mmu.unified ? mmu.dtlb_entries : mmu.itlb_entries;
    machine.verbose_kernel = verbose_kernel;
    if (spec.config.workload.scenario == "nptl" &&
        !place_program(images, spec.config, write, machine, error)) {
      return false;
    }
    const std::vector<std::uint8_t> bp = boot_parameter_block(spec, machine);
    if (!write(PAVP_BOOT_PARAMS_ADDR, bp.data(), bp.size())) {
      error = "cannot write the boot parameter block";
      return false;
    }
    cpu::cpu_state& st = model->core().state();
    st.set_psw(cpu::PSW_Q);
    st.set_pc(images.kernel.entry(), 0, 0);
    return true;
  });
}

// ------------------------------------------------------------ the result

// How the run ended ("end") and its outcome: the workload's verdict when it
// reported one, else from the exit code. A run the tool or its input ended --
// a kernel panic, rejected boot parameters, a replay that ran out or does not
// match the run's decision points, an instruction or time limit of the
// platform, the CPU stopped by a bus error or an unmodelled instruction, the
// debugger -- is an `error` with its cause, never one of the bug's outcomes
// (`hang` is the workload exceeding its own step bound, which the kernel
// reports).
struct run_end {
  std::string text;
  std::string outcome;
  std::string cause;  // for `error`: why, in one line
};

run_end end_of_run(const firmware_machine& m, const firmware_images& images,
                   const std::optional<std::uint64_t>& outcome_value,
                   const std::string& schedule_error) {
  const simctl_core& sc = m.board().control.core();
  run_end e;
  if (sc.exited()) {
    e.text = fmt::format("the firmware exited with code {}", sc.exit_code());
    if (sc.exit_code() == PAVP_EXIT_PANIC) e.text += " (kernel panic)";
    if (sc.exit_code() == PAVP_EXIT_BAD_PARAMS) e.text += " (boot parameters rejected)";
    if (!schedule_error.empty()) e.text += "; schedule: " + schedule_error;
    if (!schedule_error.empty()) {
      e.outcome = "error";
      e.cause = "the schedule: " + schedule_error;
    } else if (sc.exit_code() == PAVP_EXIT_PANIC) {
      e.outcome = "error";
      e.cause = "kernel panic";
      // The kernel's last console line says why.
      const std::string& console = m.board().tty.captured();
      std::size_t end = console.find_last_not_of("\n");
      if (end != std::string::npos) {
        const std::size_t begin = console.rfind('\n', end);
        e.cause += ": " + console.substr(begin == std::string::npos ? 0 : begin + 1,
                                         end - (begin == std::string::npos ? 0 : begin + 1) + 1);
      }
    } else if (sc.exit_code() == PAVP_EXIT_BAD_PARAMS) {
      e.outcome = "error";
      e.cause = "the kernel rejected its boot parameters";
    } else if (outcome_value) {
      e.outcome = outcome_name(*outcome_value);
    } else {
      e.outcome = sc.exit_code() == PAVP_EXIT_OK ? "ok" : "corrupted";
    }
    return e;
  }
  e.outcome = "error";
  const cpu::cpu_model& cpu = m.cpu();
  const std::uint32_t pc = cpu.core().state().iaoq_f;
  switch (cpu.end()) {
    case cpu::cpu_model::end_reason::INSTRUCTION_LIMIT:
      e.text = fmt::format("instruction limit ({} instructions) reached at pc {:#010x} {}",
                           cpu.config().max_instructions, pc & ~3u, images.function_of(pc));
      e.cause = e.text + " (limits.instructions)";
      break;
    case cpu::cpu_model::end_reason::TIME_LIMIT:
      e.text = fmt::format("simulated-time limit ({} ms) reached at pc {:#010x} {}",
                           m.board().config().limits.sim_time_ms, pc & ~3u, images.function_of(pc));
      e.cause = e.text + " (limits.sim_time_ms)";
      break;
    case cpu::cpu_model::end_reason::MONITOR:
      e.text = fmt::format("the debugger ended the run at pc {:#010x} {}", pc & ~3u,
                           images.function_of(pc));
      e.cause = e.text;
      break;
    default: {
      const cpu::run_result& r = cpu.last_stop();
      e.text = fmt::format(
          "the CPU stopped: {} (trap {}) at pc {:#010x} {}, insn {:#010x}, "
          "address {:#x}:{:#010x}",
          cpu::to_string(r.reason), r.trap, r.pc & ~3u, images.function_of(r.pc), r.iir, r.isr,
          r.ior);
      e.cause = r.reason == cpu::stop_reason::BUS_ERROR && (r.pc & 3u) == 0
                    ? "a bus error in the kernel (is dram.size large enough?): " + e.text
                    : e.text;
      break;
    }
  }
  return e;
}

// The run object (firmware_run.h) from what the run measured.
nlohmann::ordered_json run_object(const run_spec& spec, const std::string& schedule_text,
                                  const firmware_machine& m, const firmware_images& images,
                                  const run_meter& meter, const schedule& decisions,
                                  const std::string& schedule_error) {
  const simctl_core& sc = m.board().control.core();
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
  const run_end end = end_of_run(m, images, outcome_value, schedule_error);
  const stats_snapshot fin = meter.final_figures();
  const coherence_checker& checker = m.checker;
  const cache_params& dcache = spec.config.dcache;

  nlohmann::ordered_json j;
  j["fix"] = spec.fix.id;
  j["preset"] = spec.config.preset;
  j["schedule"] = schedule_text;
  j["placement"] = spec.config.kernel.placement.text;
  j["preempt_every"] = preempt_every_text(spec.config.kernel.preempt_every);
  j["outcome"] = end.outcome;
  j["stale_reads"] = checker.stale_reads();
  j["fork_cycles"] = meter.fork_cycles();
  j["cow_faults"] = meter.cow_faults();
  j["cow_fault_cycles"] = meter.cow_fault_mean_cycles();
  j["flush_ops"] = fin.dcache.flush_ops() + fin.icache.flush_ops();
  j["flush_cycles"] = fin.dcache.op_cycles + fin.icache.op_cycles;
  j["fork_flush_ops"] = meter.fork_ops().flush_ops;
  j["fork_flush_cycles"] = meter.fork_ops().flush_cycles;
  // Linux's flush_data_cache_local is one FDCE per D-cache line (its
  // PDC_CACHE_INFO loop): FDCEs / lines counts the whole-cache flushes.
  j["fork_whole_cache_flushes"] =
      meter.fork_ops().dcache_fdce / (dcache.size_bytes / dcache.line_bytes);
  j["cow_flush_ops"] = meter.cow_ops().flush_ops;
  j["writebacks"] = fin.dcache.writebacks() + fin.icache.writebacks();
  j["dram_bytes_read"] = fin.dram_read;
  j["dram_bytes_written"] = fin.dram_written;
  j["total_cycles"] = fin.cycles;
  j["instructions"] = fin.instructions;
  j["first_stale"] = checker.first() ? checker.first()->to_json() : nlohmann::ordered_json();
  j["first_stale_text"] = checker.first() ? checker.first()->to_text() : "";
  j["end"] = end.text;
  j["error"] =
      end.outcome == "error" ? nlohmann::ordered_json(end.cause) : nlohmann::ordered_json();
  j["exit_code"] = sc.exited() ? nlohmann::ordered_json(sc.exit_code()) : nlohmann::ordered_json();
  j["tlb_purges"] = kernel_results.count("tlb_purges") ? kernel_results["tlb_purges"] : 0;
  nlohmann::ordered_json kr = nlohmann::ordered_json::object();
  for (const auto& [k, v] : kernel_results) kr[k] = v;
  j["kernel"] = kr;
  nlohmann::ordered_json dec = nlohmann::ordered_json::array();
  for (const schedule_step& s : decisions.decisions())
    dec.push_back({s.point, s.n_choices, s.choice});
  j["decisions"] = dec;
  j["loads_checked"] = checker.loads_checked();
  j["console"] = m.board().tty.captured();
  return j;
}

// ------------------------------------------------------------ the debugger

// --gdb PORT: the stub on the run's CPU, with the platform's monitor
// commands (stale-stop, stale) and user addresses translated through the
// current process's page table (cr25) while the kernel runs untranslated.
std::unique_ptr<gdb::gdb_stub> make_debugger(firmware_machine& m, unsigned port) {
  std::unique_ptr<gdb::gdb_stub> stub;
  try {
    stub = std::make_unique<gdb::gdb_stub>(m.cpu(), port);
  } catch (const std::runtime_error& e) {
    throw config_error(e.what());
  }
  stub->set_exit_status([&m] {
    const simctl_core& sc = m.board().control.core();
    return sc.exited() ? static_cast<int>(sc.exit_code()) : 0;
  });
  stub->set_translator([&m](std::uint32_t vaddr) -> std::optional<std::uint64_t> {
    if (vaddr >= PAVP_FIRMWARE_BASE) return std::nullopt;  // the kernel's own window
    const guest_memory mem{m.cpu().core().state().cr[25], [&m](std::uint32_t pa) {
                             std::uint8_t b[4] = {};
                             m.cpu().debug_read(pa, b, 4);
                             return std::uint32_t{b[0]} << 24 | std::uint32_t{b[1]} << 16 |
                                    std::uint32_t{b[2]} << 8 | b[3];
                           }};
    if (mem.pgd == 0) return std::nullopt;
    const std::optional<std::uint32_t> pa = mem.paddr_of(vaddr);
    if (!pa) return std::nullopt;
    return *pa;
  });
  stub->add_command("stale-stop", "on|off  stop after the first stale read",
                    [s = stub.get()](const std::string& args) -> std::string {
                      if (args != "on" && args != "off") {
                        return "stale-stop: say on or off (now " +
                               std::string(s->checks_requests() ? "on" : "off") + ")";
                      }
                      s->check_requests(args == "on");
                      return "stale-stop " + args;
                    });
  stub->add_command("stale", "    the coherence checker's report of the first stale read",
                    [&m](const std::string&) -> std::string {
                      const auto& first = m.checker.first();
                      return first ? first->to_text() : "no stale read so far";
                    });
  m.cpu().add_monitor(*stub);
  return stub;
}

// ------------------------------------------------------------ the run

// One run; with a plan, the process branches at the first schedule decision
// and the parent's own run stops there (it returns an empty object then).
nlohmann::ordered_json simulate(const run_spec& spec, const firmware_run_options& options,
                                branch_plan* plan, explore_plan* explore = nullptr) {
  const firmware_images images(options, spec.config.workload);
  sc_core::sc_report_handler::set_actions("/OSCI/SystemC", sc_core::SC_INFO,
                                          sc_core::SC_DO_NOTHING);
  const platform_config config = machine_config(spec.config);
  cpu::cpu_model_config cc = cpu_config_of(config);
  if (cc.max_instructions == 0) cc.max_instructions = options.default_instruction_limit;
  cc.core.deliver_interruptions = true;
  // The firmware's code interprets, but for its loops: its runs of ALU
  // instructions are short and most of the kernel's code runs once, so host
  // code for them made pavp run take as many host instructions as without,
  // and pavp study 5% more time (BENCHMARKS.md, fourteenth round). Its loops
  // -- the kernel's page clearing and copying above all -- run as host code,
  // their store hits told to the coherence checker in batches
  // (access_observer::after_stores(); BENCHMARKS.md, nineteenth round).
  cc.core.translate_runs = true;
  cc.core.runs_as_code = false;
  cc.direct_cache = options.direct_cache;
  firmware_machine m(config, cc, options.echo_console);
  // A run that will not fork keeps its DRAM store and the checker's shadow
  // in huge pages (docs/decisions.md): fewer host page faults and TLB misses.
  if (plan == nullptr && explore == nullptr) {
    m.board().memory.prefer_huge_pages();
    m.checker.prefer_huge_pages();
  }
  run_trace trace(options.trace_file, options.perfetto_file, spec, m, images);
  run_meter meter(m, config.cpu.clock_period_ps());
  const std::unique_ptr<gdb::gdb_stub> debugger =
      options.gdb_port ? make_debugger(m, *options.gdb_port) : nullptr;

  // --explain: the recorder of the run's race.
  std::unique_ptr<race_recorder> race;
  if (options.explain) {
    race_names names;
    names.function_of = [&images](std::uint32_t pc) { return images.function_of(pc); };
    names.heads = images.workload.symbol("heads");
    names.elements = config.workload.elements;
    names.elem_stride = config.workload.elem_stride;
    names.line_bytes = config.dcache.line_bytes;
    race = std::make_unique<race_recorder>(std::move(names));
  }
  auto now_pid = [&m] { return m.board().control.core().pid(); };
  auto now_tid = [&m] { return m.board().control.core().tid(); };
  // Before the run forks into branches: the work every branch would repeat
  // in its own copy of the process (and the host pages it would copy to do
  // it) is done once here.
  auto prepare_to_fork = [&m] { m.cpu().core().predecode(); };
  if (explore) explore->before_fork = prepare_to_fork;

  // The data path: stale reads named by function, runs of flush instructions.
  if (trace.on() || race) {
    m.probe().on_cache_op([&](const access_extension& ext, std::uint64_t) {
      if (trace.on()) trace.flush_op(ext);
      if (race) race->cache_op(m.cycles(), ext, now_pid(), now_tid());
    });
  }
  if (trace.on()) m.probe().on_access([&] { trace.access(); });
  if (race) {
    m.probe().on_data([&](std::uint64_t paddr, const std::uint8_t* data, unsigned len,
                          bool is_write, const access_extension* ext) {
      if (ext == nullptr) return;
      race->data(m.cycles(), m.cpu().core().state().iaoq_f, now_pid(), now_tid(), *ext, paddr, data,
                 len, is_write);
    });
  }
  m.probe().on_stale([&](stale_read& s, bool first) {
    s.function = images.function_of(s.who.pc);
    s.caller = images.function_of((m.cpu().core().state().gr[2] & ~3u) | (s.who.pc & 3u));
    if (first) s.dcache_lines = m.board().dcache.core().find_lines(s.paddr);
    if (first && spec.config.workload.scenario == "nptl") name_program_data(m, images, s);
    if (trace.on()) trace.stale(s);
    if (race) race->stale(s);
    if (first && debugger && debugger->checks_requests()) {
      debugger->request_stop(
          fmt::format("pavp: stale read at pc {:#010x} {} (monitor stale shows the report)",
                      s.who.pc & ~3u, s.function));
    }
  });

  // Sim-control: the schedule (a branch continues with its own), markers, exit.
  auto traced = std::make_unique<traced_schedule>(
      explore ? std::make_unique<explore_schedule>(*explore)
              : make_firmware_schedule(spec.schedule),
      [&](std::uint32_t point, std::uint32_t n, std::uint32_t choice) {
        if (trace.on()) trace.decision(point, n, choice);
        if (race) race->decision(m.cycles(), point, n, choice, now_pid(), now_tid());
      });
  const schedule& decisions = *traced;
  if (plan) {
    traced->before_first_decision([plan, prepare_to_fork]() -> std::unique_ptr<schedule> {
      int k = 0;
      if (plan->schedules.size() > 1) {
        prepare_to_fork();
        k = fork_branches(plan->schedules.size(), plan->parallel, plan->outcomes);
        if (k < 0) {
          plan->forked = true;
          sc_core::sc_stop();  // the parent's part is done: every branch has ended
          return nullptr;
        }
      }
      plan->schedule = k;
      plan->child = plan->child || plan->schedules.size() > 1;
      return make_firmware_schedule(plan->schedules[static_cast<std::size_t>(k)]);
    });
  }
  simctl& control = m.board().control;
  // The kernel's fix, asked when a hook first needs it: a process whose run
  // stands for several fixes forks one child per fix here.
  control.set_query([plan, &spec, prepare_to_fork](std::uint32_t key) -> std::uint32_t {
    if (key != PAVP_QUERY_FIX) return PAVP_QUERY_UNKNOWN;
    if (plan == nullptr) return spec.fix.kernel_code;
    if (plan->fixes.size() > 1) {
      prepare_to_fork();
      const int k = fork_branches(plan->fixes.size(), plan->parallel, plan->outcomes);
      if (k < 0) {
        plan->forked = true;
        sc_core::sc_stop();
        return PAVP_FIX_NONE;
      }
      plan->fixes = {plan->fixes[static_cast<std::size_t>(k)]};
      plan->fix_index = {plan->fix_index[static_cast<std::size_t>(k)]};
      plan->child = true;
    }
    return plan->fixes.front().kernel_code;
  });
  control.set_schedule(std::move(traced));
  std::string schedule_error;
  control.on_schedule_error([&](const std::string& message) {
    if (schedule_error.empty()) schedule_error = message;
    if (trace.on()) trace.schedule_error(message);
  });
  control.on_marker([&](const simctl_marker& marker) {
    meter.marker(marker);
    if (trace.on()) trace.marker(marker, config.cpu.clock_period_ps());
    if (race) race->marker(marker.begin, marker.id, m.cycles(), marker.pid, marker.tid);
  });
  if (race || trace.on()) {
    control.on_current([&](std::uint32_t pid, std::uint32_t tid) {
      if (race) race->current(m.cycles(), pid, tid);
      if (trace.on()) trace.current(pid, tid);
    });
  }
  control.on_exit([&](std::uint32_t code) {
    meter.exit();
    if (trace.on()) trace.exit(code);
  });

  std::string load_error;
  install_boot(m, images, spec, options.verbose_kernel, load_error);
  sc_core::sc_start();
  if (options.cpu_stats != nullptr) *options.cpu_stats = m.cpu().stats();
  if (m.cpu().end() == cpu::cpu_model::end_reason::START_FAILED) {
    throw std::runtime_error(fmt::format("kernel {}: {}", images.kernel_path, load_error));
  }
  if (plan && plan->forked) {
    // Its children's runs; a child of a branch delivers them to its parent.
    nlohmann::ordered_json runs = nlohmann::ordered_json::array();
    for (const run_outcome& o : plan->outcomes) {
      if (!o.ok) throw std::runtime_error(o.output);
      for (auto& r : nlohmann::ordered_json::parse(o.output)) runs.push_back(std::move(r));
    }
    if (plan->child) finish_branch(true, runs.dump());
    return runs;
  }
  if (explore && explore->stopped) {
    nlohmann::ordered_json none;
    if (explore->finish) explore->finish(none);
    return none;
  }
  if (trace.on()) trace.finish();

  if (plan) {
    // A run of the plan: one for each fix it still stands for (the kernel
    // never asked: the same run for all), under each schedule if no decision
    // was asked, each tagged for run_firmware_branches.
    nlohmann::ordered_json runs = nlohmann::ordered_json::array();
    for (std::size_t f = 0; f < plan->fixes.size(); ++f) {
      run_spec as_run = spec;
      as_run.fix = plan->fixes[f];
      for (std::size_t i = 0; i < plan->schedules.size(); ++i) {
        if (plan->schedule >= 0 && i != static_cast<std::size_t>(plan->schedule)) continue;
        nlohmann::ordered_json j = run_object(as_run, plan->schedules[i].text, m, images, meter,
                                              decisions, schedule_error);
        j["fix_index"] = plan->fix_index[f];
        j["schedule_index"] = i;
        runs.push_back(std::move(j));
      }
    }
    // A branch child delivers its runs and ends here (finish_branch does not
    // return): taking the machine apart would touch its pages once more, a
    // tenth of a branch's time.
    if (plan->child) finish_branch(true, runs.dump());
    return runs;
  }
  nlohmann::ordered_json j =
      run_object(spec, spec.schedule.text, m, images, meter, decisions, schedule_error);
  if (race) j["explain"] = race_json(race->steps(j));
  if (!options.record_file.empty()) {
    decisions.save_replay(options.record_file, replay_settings_of(spec.config));
  }
  if (explore && explore->finish) explore->finish(j);
  return j;
}

}  // namespace

nlohmann::ordered_json run_firmware(const run_spec& spec, const firmware_run_options& options) {
  return simulate(spec, options, nullptr);
}

std::string explain_firmware(const run_spec& spec, const std::string& perfetto_file) {
  firmware_run_options options;
  options.explain = true;
  options.perfetto_file = perfetto_file;
  return race_text(race_steps_of(run_firmware(spec, options)));
}

bool boots_alike(const run_spec& a, const run_spec& b) {
  boot_params_machine machine;
  return a.fix.physical_caches == b.fix.physical_caches &&
         a.config.to_json() == b.config.to_json() &&
         boot_parameter_block(a, machine) == boot_parameter_block(b, machine);
}

std::vector<nlohmann::ordered_json> run_firmware_branches(
    const run_spec& spec, const firmware_run_options& options,
    const std::vector<schedule_spec>& schedules, unsigned parallel) {
  return run_firmware_branches(spec, options, {spec.fix}, schedules, parallel);
}

std::vector<nlohmann::ordered_json> run_firmware_branches(
    const run_spec& spec, const firmware_run_options& options, const std::vector<fix_spec>& fixes,
    const std::vector<schedule_spec>& schedules, unsigned parallel) {
  if (schedules.empty()) throw config_error("run_firmware_branches: no schedules");
  if (fixes.empty()) throw config_error("run_firmware_branches: no fixes");
  if (!options.trace_file.empty() || !options.record_file.empty() || options.echo_console ||
      options.explain || options.gdb_port || !options.perfetto_file.empty()) {
    throw config_error(
        "run_firmware_branches: --trace, --record, --console, --explain, --gdb and --perfetto "
        "need a run of their own");
  }
  const std::string placement = with_schedule(spec, schedules.front()).config.kernel.placement.text;
  for (const schedule_spec& s : schedules) {
    const std::string other = with_schedule(spec, s).config.kernel.placement.text;
    if (other != placement) {
      throw config_error(fmt::format(
          "run_firmware_branches: schedule '{}' runs with placement {}, '{}' with {} (the "
          "kernel boots with the placement; accepted: schedules of one placement)",
          schedules.front().text, placement, s.text, other));
    }
  }
  // The run that boots: the first fix under the first schedule.
  run_spec boot = with_schedule(spec, schedules.front());
  boot.fix = fixes.front();
  for (const fix_spec& f : fixes) {
    run_spec other = boot;
    other.fix = f;
    if (!boots_alike(boot, other)) {
      throw config_error(fmt::format(
          "run_firmware_branches: fixes {} and {} do not boot alike (accepted: fixes with the "
          "same boot parameter block and caches)",
          fixes.front().id, f.id));
    }
  }
  if (schedules.size() == 1 && fixes.size() == 1) {  // nothing to branch: the run from boot
    return {simulate(boot, options, nullptr)};
  }
  branch_plan plan;
  plan.fixes = fixes;
  for (std::size_t i = 0; i < fixes.size(); ++i) plan.fix_index.push_back(i);
  plan.schedules = schedules;
  plan.parallel = parallel;
  nlohmann::ordered_json tagged;
  try {
    tagged = simulate(boot, options, &plan);
  } catch (const std::exception& e) {
    if (plan.child) finish_branch(false, e.what());
    throw;
  }
  // Fix by fix, each schedule in order.
  std::vector<nlohmann::ordered_json> runs(fixes.size() * schedules.size());
  for (auto& r : tagged) {
    const std::size_t at = r["fix_index"].get<std::size_t>() * schedules.size() +
                           r["schedule_index"].get<std::size_t>();
    r.erase("fix_index");
    r.erase("schedule_index");
    runs.at(at) = std::move(r);
  }
  for (const auto& r : runs) {
    if (r.is_null()) throw std::logic_error("run_firmware_branches: a branch's run is missing");
  }
  return runs;
}

explore_result explore_firmware(const run_spec& spec, const firmware_run_options& options,
                                const explore_options& limits) {
  if (!options.trace_file.empty() || !options.record_file.empty() || options.echo_console ||
      options.explain || options.gdb_port || !options.perfetto_file.empty()) {
    throw config_error(
        "explore: --trace, --record, --console, --explain, --gdb and --perfetto need a run of "
        "their own");
  }
  // Shared by every process of the tree: an anonymous shared mapping.
  void* mem = ::mmap(nullptr, sizeof(explore_shared), PROT_READ | PROT_WRITE,
                     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) throw std::runtime_error(std::string("mmap: ") + std::strerror(errno));
  explore_shared* shared = new (mem) explore_shared();
  struct unmap {
    void* p;
    ~unmap() { ::munmap(p, sizeof(explore_shared)); }
  } unmap_at_end{mem};

  // The tree's root is a process of its own (SystemC simulates once per
  // process, and the caller may simulate after this); every process of the
  // tree returns from simulate() into this job: a leaf with its run, a
  // process that branched with its children's leaves.
  const std::function<std::string()> root = [&]() -> std::string {
    explore_plan plan;
    plan.bound = limits.bound;
    plan.max_schedules = limits.max_schedules;
    plan.shared = shared;
    std::string out;
    // This process's leaves: its children's, then its own path's (a
    // schedule too unless stopped). A process forked in the tree delivers
    // them and ends here, before its machine is taken apart.
    plan.finish = [&](nlohmann::ordered_json& run) {
      if (!plan.stopped) {
        run.erase("console");
        run["schedule"] = "explore";
        run["preemptions"] = plan.preemptions;
      }
      if (plan.store != nullptr) {
        // A leaf of a subtree this process explores itself: kept, then the
        // next choice of the innermost of its decisions that has one.
        if (!plan.stopped) {
          plan.store->append(run.dump());
          ++shared->leaves;
        }
        while (!plan.own.empty()) {
          const explore_plan::own_decision d = plan.own.back();
          if (d.index + 1 < d.count) {
            process_snapshot::resume(static_cast<int>(d.index + 1));
            throw std::runtime_error(
                "explore: cannot go back to a decision (its memory cannot be put back); "
                "PAVP_BRANCHES=fork explores with a process per choice");
          }
          process_snapshot::drop();
          plan.own.pop_back();
        }
      }
      --shared->running;  // this process's simulation has ended
      nlohmann::ordered_json leaves = nlohmann::ordered_json::array();
      for (explore_group& g : plan.groups) {
        for (std::size_t k = 0; k < g.pending.size(); ++k) {
          explore_schedule::append_leaves(g.leaves, g.point, g.choices[k],
                                          collect_branch(g.pending[k]));
        }
        for (auto& leaf : g.leaves) leaves.push_back(std::move(leaf));
      }
      if (plan.store != nullptr) {
        for (const std::string& leaf : plan.store->leaves()) {
          leaves.push_back(nlohmann::ordered_json::parse(leaf));
        }
      } else if (!plan.stopped) {
        leaves.push_back(std::move(run));
        ++shared->leaves;
      }
      out = leaves.dump();
      if (in_branch()) finish_branch(true, out);
    };
    try {
      simulate(spec, options, nullptr, &plan);
    } catch (const std::exception& e) {
      if (in_branch()) finish_branch(false, e.what());
      throw;
    }
    return out;
  };
  shared->running = 1;
  shared->jobs = static_cast<int>(std::max(1u, limits.jobs));
  std::atomic<bool> running{true};
  std::thread progress;
  if (limits.progress) {
    progress = std::thread([&] {
      while (running) {
        limits.progress(shared->leaves.load());
        for (int i = 0; i < 5 && running; ++i) {
          std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
      }
    });
  }
  std::vector<run_outcome> outcomes;
  try {
    outcomes = run_isolated({root}, 1);
  } catch (...) {
    running = false;
    if (progress.joinable()) progress.join();
    throw;
  }
  running = false;
  if (progress.joinable()) progress.join();
  if (!outcomes.at(0).ok) throw std::runtime_error("explore: " + outcomes[0].output);
  explore_result r;
  for (auto& leaf : nlohmann::ordered_json::parse(outcomes[0].output)) {
    r.leaves.push_back(std::move(leaf));
  }
  r.exhausted = !shared->truncated.load();
  return r;
}

std::string firmware_summary(const nlohmann::ordered_json& r) {
  std::ostringstream os;
  auto u = [&](const char* k) { return r.value(k, std::uint64_t{0}); };
  os << fmt::format("pavp run: fix {}, preset {}, schedule {}, placement {}\n", r.value("fix", ""),
                    r.value("preset", ""), r.value("schedule", ""), r.value("placement", "linear"));
  os << fmt::format("  outcome             {}\n", r.value("outcome", ""));
  if (r.contains("error") && r["error"].is_string()) {
    os << fmt::format("  error               {}\n", r["error"].get<std::string>());
  }
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
