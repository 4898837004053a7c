#include "platform/study/perfetto_trace.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

#include "pavp/common/file_io.h"
#include "platform/study/race_explain.h"

namespace pavp {

namespace {

constexpr std::size_t k_filter_bits = 1u << 14;
constexpr std::uint64_t k_sample_cycles = 5000;  // counters at most this often
constexpr std::uint64_t k_stale_max = 10000;     // stale reads shown
// The trace's pid and tid of the guest's pid/tid 0 (the boot, before the
// kernel names a thread), whose process also holds the machine's counters:
// trace viewers take pid and tid 0 for the idle task.
constexpr std::uint32_t k_machine_pid = 1u << 20;

std::uint32_t trace_id(std::uint32_t guest_id) {
  return guest_id == 0 ? k_machine_pid : guest_id;
}

std::size_t filter_bit(std::uint32_t addr) {
  return (addr >> 2) & (k_filter_bits - 1);
}

std::string process_name(std::uint32_t pid) {
  if (pid == 0) return "kernel (boot) and machine";
  return seed_process_name(pid);
}

std::string thread_name(std::uint32_t pid, std::uint32_t tid) {
  if (pid == 0) return "boot";
  return seed_thread_name(pid, tid);
}

}  // namespace

const std::vector<traced_function>& traced_functions() {
  static const std::vector<traced_function> functions = {
      {"do_fork", "do_fork"},
      {"dup_mmap", "dup_mmap"},  // inlined
      {"flush_cache_dup_mm", "fix_flush_cache_dup_mm"},
      {"flush_cache_all_local", "flush_cache_all_local"},
      {"flush_data_cache_local", "flush_data_cache_local"},  // the whole D-cache loop
      {"flush_instruction_cache_local", "flush_instruction_cache_local"},
      {"copy_page_range", "copy_page_range"},  // inlined
      {"do_wp_page", "do_wp_page"},
      {"copy_user_page", "fix_copy_user_page"},
      {"copy_page", "copy_page"},
  };
  return functions;
}

std::string inlined_ranges_path(const std::string& kernel_elf) {
  const std::string ext = ".elf";
  if (kernel_elf.size() > ext.size() &&
      kernel_elf.compare(kernel_elf.size() - ext.size(), ext.size(), ext) == 0) {
    return kernel_elf.substr(0, kernel_elf.size() - ext.size()) + ".inlined";
  }
  return kernel_elf + ".inlined";
}

perfetto_trace::perfetto_trace(const std::string& path, std::uint64_t period_ps,
                               const elf_image& kernel, const std::string& inlined_path,
                               const cpu::iss& core, const simctl_core& control,
                               const cache& dcache, const cache& icache)
    : m_path(path),
      m_period_ps(period_ps),
      m_core(core),
      m_control(control),
      m_dcache(dcache),
      m_icache(icache),
      m_entry_filter(k_filter_bits, false) {
  for (const traced_function& f : traced_functions()) {
    if (const auto addr = kernel.symbol(f.symbol)) {
      m_entries[*addr & ~3u] = {f.name, f.symbol};
      m_entry_filter[filter_bit(*addr & ~3u)] = true;
    }
  }
  std::ifstream in(inlined_path);
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string first, end, name, outer, outer_first, outer_end;
    if (!(words >> first >> end >> name >> outer >> outer_first >> outer_end)) continue;
    const auto traced =
        std::find_if(traced_functions().begin(), traced_functions().end(),
                     [&name](const traced_function& f) { return name == f.symbol; });
    if (traced == traced_functions().end()) continue;
    m_inlined.push_back({static_cast<std::uint32_t>(std::stoul(first, nullptr, 16)),
                         static_cast<std::uint32_t>(std::stoul(end, nullptr, 16)),
                         static_cast<std::uint32_t>(std::stoul(outer_first, nullptr, 16)),
                         static_cast<std::uint32_t>(std::stoul(outer_end, nullptr, 16)),
                         traced->name});
  }
  // Outer before inner: an enclosing range is at least as wide.
  std::stable_sort(m_inlined.begin(), m_inlined.end(),
                   [](const inlined_range& a, const inlined_range& b) {
                     return a.first < b.first || (a.first == b.first && a.end > b.end);
                   });
  if (!m_inlined.empty()) {
    m_inlined_lo = m_inlined.front().first;
    for (const inlined_range& r : m_inlined) {
      m_inlined_lo = std::min(m_inlined_lo, r.outer_first);
      m_inlined_hi = std::max(m_inlined_hi, r.outer_end);
    }
  }
  m_text = "{\"traceEvents\":[\n";
  nlohmann::ordered_json name = {{"name", "process_name"},
                                 {"ph", "M"},
                                 {"pid", k_machine_pid},
                                 {"tid", k_machine_pid},
                                 {"args", {{"name", process_name(0)}}}};
  emit(std::move(name));
  m_named_processes.insert(0);
}

double perfetto_trace::ts(std::uint64_t cycle) const {
  // microseconds, to the picosecond
  return static_cast<double>(cycle * m_period_ps) / 1e6;
}

void perfetto_trace::emit(nlohmann::ordered_json event) {
  if (!m_first_event) m_text += ",\n";
  m_first_event = false;
  m_text += event.dump();
  ++m_events;
}

perfetto_trace::thread_state& perfetto_trace::thread(std::uint32_t tid, std::uint32_t pid) {
  auto it = m_threads.find(tid);
  if (it != m_threads.end()) return it->second;
  thread_state& t = m_threads[tid];
  t.pid = pid;
  if (m_named_processes.insert(pid).second) {
    emit({{"name", "process_name"},
          {"ph", "M"},
          {"pid", trace_id(pid)},
          {"tid", trace_id(tid)},
          {"args", {{"name", process_name(pid)}}}});
  }
  emit({{"name", "thread_name"},
        {"ph", "M"},
        {"pid", trace_id(pid)},
        {"tid", trace_id(tid)},
        {"args", {{"name", thread_name(pid, tid)}}}});
  emit({{"name", "thread_sort_index"},
        {"ph", "M"},
        {"pid", trace_id(pid)},
        {"tid", trace_id(tid)},
        {"args", {{"sort_index", tid}}}});
  return t;
}

void perfetto_trace::switch_to(std::uint32_t tid) {
  const std::uint32_t from = m_tid;
  const std::uint32_t from_pid = m_thread ? m_thread->pid : m_control.pid();
  m_tid = tid;
  m_thread = &thread(tid, m_control.pid());
  if (from != tid || from_pid != m_thread->pid) {
    instant(trace_event::switch_thread, cycles(), m_thread->pid, tid,
            {{"from", thread_name(from_pid, from)},
             {"from_pid", from_pid},
             {"from_tid", from},
             {"to", thread_name(m_thread->pid, tid)}});
  }
}

bool perfetto_trace::before_instruction() {
  const std::uint32_t tid = m_control.tid();
  if (m_thread == nullptr || tid != m_tid) switch_to(tid);
  thread_state& t = *m_thread;
  const std::uint32_t pc = m_core.state().iaoq_f;
  const bool user = (pc & 3u) == 3u;
  if (user != t.user) {
    if (user) {
      pop_to(tid, t, 0);  // a kernel span cannot stay open in user mode
      begin_span(tid, t, "user", "user", nullptr);
    } else {
      end_span(tid, t);
    }
    t.user = user;
  }
  if (user) {
    if (cycles() >= m_next_sample) sample_counters(false);
    return true;
  }
  const std::uint32_t addr = pc & ~3u;
  if (t.watch && addr == *t.watch) returned(tid, t, addr);
  if (addr >= m_inlined_lo && addr < m_inlined_hi) in_inlined(tid, t, addr);
  if (m_entry_filter[filter_bit(addr)]) {
    const auto it = m_entries.find(addr);
    if (it != m_entries.end()) {
      const std::uint32_t ret = m_core.state().gr[2] & ~3u;
      const bool again = !t.frames.empty() && t.frames.back().name == it->second.first &&
                         t.frames.back().ret == ret;  // a jump back to the entry
      if (!again) {
        begin_span(
            tid, t, it->second.first, "kernel",
            std::strcmp(it->second.first, it->second.second) == 0 ? nullptr : it->second.second);
        t.frames.push_back({it->second.first, ret, -1});
        t.watch = ret;
      }
    }
  }
  if (cycles() >= m_next_sample) sample_counters(false);
  return true;
}

void perfetto_trace::begin_span(std::uint32_t tid, thread_state& t, const char* name,
                                const char* category, const char* symbol) {
  sample_counters(false);
  nlohmann::ordered_json e = {
      {"name", name},       {"cat", category},        {"ph", "B"},
      {"ts", ts(cycles())}, {"pid", trace_id(t.pid)}, {"tid", trace_id(tid)}};
  if (symbol) e["args"] = {{"symbol", symbol}};
  emit(std::move(e));
}

void perfetto_trace::end_span(std::uint32_t tid, thread_state& t) {
  sample_counters(false);
  emit({{"ph", "E"}, {"ts", ts(cycles())}, {"pid", trace_id(t.pid)}, {"tid", trace_id(tid)}});
}

void perfetto_trace::pop_to(std::uint32_t tid, thread_state& t, std::size_t depth) {
  while (t.frames.size() > depth) {
    end_span(tid, t);
    t.frames.pop_back();
  }
  update_watch(t);
}

void perfetto_trace::update_watch(thread_state& t) {
  t.watch.reset();
  for (auto it = t.frames.rbegin(); it != t.frames.rend(); ++it) {
    if (it->inlined < 0) {
      t.watch = it->ret;
      return;
    }
  }
}

void perfetto_trace::returned(std::uint32_t tid, thread_state& t, std::uint32_t addr) {
  // The innermost real frames returning here (several after tail calls),
  // with the inlined spans above them.
  std::optional<std::size_t> depth;
  for (std::size_t i = t.frames.size(); i-- > 0;) {
    const frame& f = t.frames[i];
    if (f.inlined >= 0) continue;
    if (f.ret != addr) break;
    depth = i;
  }
  if (depth) pop_to(tid, t, *depth);
}

void perfetto_trace::in_inlined(std::uint32_t tid, thread_state& t, std::uint32_t addr) {
  // Close the inlined spans whose function's own code the pc has left.
  while (!t.frames.empty() && t.frames.back().inlined >= 0) {
    const inlined_range& r = m_inlined[static_cast<std::size_t>(t.frames.back().inlined)];
    const bool in_outer = addr >= r.outer_first && addr < r.outer_end;
    if (!in_outer || (addr >= r.first && addr < r.end)) break;
    end_span(tid, t);
    t.frames.pop_back();
  }
  // Open those the pc has entered, outer first.
  for (std::size_t i = 0; i < m_inlined.size(); ++i) {
    const inlined_range& r = m_inlined[i];
    if (addr < r.first || addr >= r.end) continue;
    const bool open = std::any_of(t.frames.begin(), t.frames.end(),
                                  [i](const frame& f) { return f.inlined == static_cast<int>(i); });
    if (open) continue;
    begin_span(tid, t, r.name, "kernel", nullptr);
    t.frames.push_back({r.name, 0, static_cast<int>(i)});
  }
}

void perfetto_trace::sample_counters(bool force) {
  const std::uint64_t now = cycles();
  if (!force && now < m_next_sample) return;
  m_next_sample = now + k_sample_cycles;
  const cache_stats& d = m_dcache.stats();
  const std::uint64_t flush_ops = d.flush_ops() + m_icache.stats().flush_ops();
  const std::uint64_t misses = d.total_misses();
  const std::uint64_t writebacks = d.writebacks();
  // Named so that the Perfetto UI's tracks read "flush ops", "D-cache
  // misses" and "D-cache write-backs" (event name, then the argument's key).
  auto counter = [&](const char* name, nlohmann::ordered_json args) {
    emit({{"name", name},
          {"ph", "C"},
          {"ts", ts(now)},
          {"pid", k_machine_pid},
          {"tid", k_machine_pid},
          {"args", std::move(args)}});
  };
  if (force || !m_sampled || flush_ops != m_flush_ops) {
    counter("flush", {{"ops", flush_ops}});
  }
  if (force || !m_sampled || misses != m_misses || writebacks != m_writebacks) {
    counter("D-cache", {{"misses", misses}, {"write-backs", writebacks}});
  }
  m_flush_ops = flush_ops;
  m_misses = misses;
  m_writebacks = writebacks;
  m_sampled = true;
}

void perfetto_trace::instant(const char* name, std::uint64_t cycle, std::uint32_t pid,
                             std::uint32_t tid, nlohmann::ordered_json args) {
  thread(tid, pid);  // named before its first event
  emit({{"name", name},
        {"ph", "i"},
        {"s", "t"},
        {"ts", ts(cycle)},
        {"pid", trace_id(pid)},
        {"tid", trace_id(tid)},
        {"args", std::move(args)}});
}

void perfetto_trace::decision(std::uint32_t point, std::uint32_t n, std::uint32_t choice) {
  instant(trace_event::sched, cycles(), m_control.pid(), m_control.tid(),
          {{"point", point}, {"what", sched_point_name(point)}, {"n", n}, {"choice", choice}});
}

void perfetto_trace::schedule_error(const std::string& message) {
  instant(trace_event::sched_error, cycles(), m_control.pid(), m_control.tid(),
          {{"message", message}});
}

void perfetto_trace::marker(std::uint64_t cycle, const char* name, bool begin, std::uint32_t pid,
                            std::uint32_t tid) {
  instant(trace_event::mark, cycle, pid, tid,
          {{"marker", name}, {"edge", begin ? "begin" : "end"}});
}

void perfetto_trace::flush_run(std::uint64_t start_cycle, std::uint32_t pid, std::uint32_t tid,
                               pavp::cache_op op, std::uint64_t count, std::uint64_t first_vaddr,
                               std::uint32_t space, std::uint32_t pc, const std::string& function,
                               std::uint64_t op_cycles) {
  instant(trace_event::flush, start_cycle, pid, tid,
          {{"op", to_string(op)},
           {"count", count},
           {"from", fmt::format("{:#010x}", first_vaddr)},
           {"space", space},
           {"pc", fmt::format("{:#010x}", pc & ~3u)},
           {"function", function},
           {"op_cycles", op_cycles}});
}

void perfetto_trace::stale(const stale_read& s) {
  ++m_stale_total;
  if (m_stale_shown >= k_stale_max) return;
  ++m_stale_shown;
  nlohmann::ordered_json report = s.to_json();
  report["text"] = s.to_text();
  instant(trace_event::stale, s.who.cycle, s.who.pid, s.who.tid, std::move(report));
}

void perfetto_trace::exit(std::uint32_t code) {
  instant(trace_event::exit, cycles(), m_control.pid(), m_control.tid(), {{"code", code}});
}

void perfetto_trace::finish(const nlohmann::ordered_json& about) {
  if (m_finished) return;
  std::vector<std::uint32_t> tids;
  for (const auto& [tid, t] : m_threads) tids.push_back(tid);
  std::sort(tids.begin(), tids.end());
  for (const std::uint32_t tid : tids) {
    thread_state& t = m_threads[tid];
    if (t.user) end_span(tid, t);
    t.user = false;
    pop_to(tid, t, 0);
  }
  sample_counters(true);
  nlohmann::ordered_json other = about;
  other["clock_period_ps"] = m_period_ps;
  other["stale_reads"] = m_stale_total;
  other["stale_reads_shown"] = m_stale_shown;
  other["inlined_functions"] = !m_inlined.empty();
  other["events"] = m_events;
  m_text += "\n],\n\"displayTimeUnit\":\"ns\",\n\"otherData\":" + other.dump() + "}\n";
  m_finished = true;
  write_text_file(m_path, m_text);  // checked, and complete or not at all
  m_text.clear();
}

}  // namespace pavp
