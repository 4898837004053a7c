#include "platform/study/race_explain.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "firmware/include/firmware_contract.h"
#include "firmware/include/pavp_fw.h"

namespace pavp {

namespace {

constexpr std::uint32_t k_page = 4096;
constexpr std::size_t k_stale_kept = 64;         // stale reads the story can cite
constexpr std::size_t k_accesses_kept = 200000;  // bounds a long run's record

// The process the seed calls A: the first one (pid 1, its first thread's tid).
constexpr std::uint32_t k_parent_pid = 1;

std::string hex(std::uint64_t v) {
  return fmt::format("{:#010x}", v);
}

}  // namespace

const char* sched_point_name(std::uint32_t point) {
  switch (point) {
    case PAVP_SCHED_POINT_PTE_ALLOC:
      return "copy_page_range's pte_alloc, which may sleep";
    case PAVP_SCHED_POINT_FORK_WAKE:
      return "do_fork, after wake_up_new_task";
    case PAVP_SCHED_POINT_YIELD:
      return "sched_yield";
    case PAVP_SCHED_POINT_TICK:
      return "a timer tick in user mode";
    case PAVP_SCHED_POINT_PREEMPT:
      return "a preemption point in user mode";
    case PAVP_SCHED_POINT_BLOCK:
      return "the thread sleeps or exits";
    default:
      return "an unknown point";
  }
}

const char* seed_process_name(std::uint32_t pid) {
  return pid == k_parent_pid ? "A" : "B";
}

std::string seed_thread_name(std::uint32_t pid, std::uint32_t tid) {
  if (pid == k_parent_pid) return fmt::format("{}-{}", seed_process_name(pid), tid);
  return seed_process_name(pid);
}

race_recorder::race_recorder(race_names names) : m_names(std::move(names)) {}

void race_recorder::marker(bool begin, std::uint32_t id, std::uint64_t cycle, std::uint32_t pid,
                           std::uint32_t tid) {
  m_marks.push_back({begin, id, cycle, pid, tid});
  if (id == PAVP_MARK_FORK && begin && !m_forked) {
    m_forked = true;
    m_in_fork = true;
  } else if (id == PAVP_MARK_FORK && !begin) {
    m_in_fork = false;
  }
}

void race_recorder::current(std::uint64_t cycle, std::uint32_t pid, std::uint32_t tid) {
  // The kernel names the thread it switches to with two stores, CUR_PID
  // then CUR_TID (boot.c simctl_set_current), so a switch arrives as two
  // calls a few cycles apart: the second completes the first.
  constexpr std::uint64_t k_same_switch = 1000;
  if (!m_switches.empty() && cycle - m_switches.back().cycle < k_same_switch) {
    m_switches.back().pid = pid;
    m_switches.back().tid = tid;
  } else {
    m_switches.push_back({cycle, pid, tid});
  }
  if (m_switches.size() >= 2) {
    const switch_to& a = m_switches[m_switches.size() - 2];
    if (a.pid == pid && a.tid == tid) m_switches.pop_back();
  }
}

void race_recorder::decision(std::uint64_t cycle, std::uint32_t point, std::uint32_t n_choices,
                             std::uint32_t chosen, std::uint32_t pid, std::uint32_t tid) {
  m_choices.push_back({cycle, point, n_choices, chosen, pid, tid});
}

void race_recorder::cache_op(std::uint64_t cycle, const access_extension& ext, std::uint32_t pid,
                             std::uint32_t tid) {
  if (!m_in_fork) return;
  if (!m_op_runs.empty()) {
    op_run& last = m_op_runs.back();
    if (last.op == ext.op && last.pid == pid && last.tid == tid) {
      ++last.count;
      last.last_cycle = cycle;
      return;
    }
  }
  m_op_runs.push_back({ext.op, cycle, cycle, 1, pid, tid});
}

void race_recorder::data(std::uint64_t cycle, std::uint32_t pc, std::uint32_t pid,
                         std::uint32_t tid, const access_extension& ext, std::uint64_t paddr,
                         const std::uint8_t* bytes, unsigned len, bool store) {
  if (!m_forked || m_accesses.size() >= k_accesses_kept) return;
  const bool user = ext.privilege == 3;
  std::uint32_t value = 0;
  for (unsigned i = 0; i < len && i < 4; ++i) value = value << 8 | bytes[i];
  // The kernel's PTE stores in the fork: words of a present user page without
  // _PAGE_WRITE (pavp_fw.h). copy_one_pte stores such a word first in the
  // parent's table (ptep_set_wrprotect), then in the child's; steps() takes
  // the first per page. Recognised by value, not by the function's name, as
  // the compiler inlines ptep_set_wrprotect (and the kernel must not change
  // to be explained: one more call's stack stores change what the cache
  // evicts).
  const std::uint32_t user_pte = _PAGE_PRESENT | _PAGE_USER;
  const bool pte_store = !user && store && m_in_fork && len == 4 &&
                         (value & user_pte) == user_pte && (value & _PAGE_WRITE) == 0;
  if (!user && !pte_store) return;
  m_accesses.push_back({cycle, pc, pid, tid, static_cast<std::uint32_t>(ext.vaddr), paddr, value,
                        len, store, ext.privilege});
}

void race_recorder::stale(const stale_read& s) {
  ++m_stale_count;
  if (m_stale.size() < k_stale_kept) m_stale.push_back(s);
}

std::string race_recorder::thread_name(std::uint32_t pid, std::uint32_t tid) const {
  return fmt::format("{} (pid {} tid {})", seed_thread_name(pid, tid), pid, tid);
}

std::string race_recorder::object_name(std::uint32_t va) const {
  static const char* const head_fields[] = {"used.next",  "used.prev",       "cache.next",
                                            "cache.prev", "in_flight_stack", "state"};
  static const char* const elem_fields[] = {"next", "prev", "id", "tid"};
  if (m_names.heads && va >= *m_names.heads && va < *m_names.heads + 24) {
    return head_fields[(va - *m_names.heads) / 4];
  }
  const std::uint32_t first = USER_HEAP_BASE + USER_ELEM_OFFSET;
  if (va >= first && m_names.elem_stride > 0) {
    const std::uint32_t i = (va - first) / m_names.elem_stride;
    const std::uint32_t off = (va - first) % m_names.elem_stride;
    if (i < m_names.elements && off < 16) {
      return (i == 0 ? std::string("ELEM") : "E" + std::to_string(i)) + "." + elem_fields[off / 4];
    }
  }
  return "";
}

std::string race_recorder::value_name(std::uint32_t v) const {
  std::string name;
  if (m_names.heads && v == *m_names.heads) name = "&used";
  if (m_names.heads && v == *m_names.heads + 8) name = "&cache";
  const std::uint32_t first = USER_HEAP_BASE + USER_ELEM_OFFSET;
  if (v >= first && m_names.elem_stride > 0 && (v - first) % m_names.elem_stride == 0 &&
      (v - first) / m_names.elem_stride < m_names.elements) {
    const std::uint32_t i = (v - first) / m_names.elem_stride;
    name = i == 0 ? "&ELEM" : "&E" + std::to_string(i);
  }
  return name.empty() ? hex(v) : hex(v) + " (" + name + ")";
}

std::vector<race_step> race_recorder::steps(const nlohmann::ordered_json& run) const {
  std::vector<race_step> out;
  auto add = [&](const std::string& seed, std::uint64_t cycle, const std::string& text) {
    out.push_back({seed, cycle, text});
  };
  const std::string outcome = run.value("outcome", "");
  std::uint64_t walk_steps = 0, wrong = 0;
  if (run.contains("kernel") && run["kernel"].is_object()) {
    walk_steps = run["kernel"].value("steps", std::uint64_t{0});
    wrong = run["kernel"].value("check_errors", std::uint64_t{0});
  }
  const std::string end =
      fmt::format("the run ends: outcome {} (B's walk took {} steps, {} wrong values; {})", outcome,
                  walk_steps, wrong, run.value("end", "no end recorded"));
  if (m_stale.empty()) {
    add("", run.value("total_cycles", std::uint64_t{0}),
        "no stale read happened in this run: every load returned the newest value written; " + end);
    return out;
  }

  // (1)-(2): the fork.
  const mark* fork_begin = nullptr;
  const mark* fork_end = nullptr;
  for (const mark& m : m_marks) {
    if (m.id != PAVP_MARK_FORK) continue;
    if (m.begin && !fork_begin) fork_begin = &m;
    if (!m.begin && fork_begin && !fork_end) fork_end = &m;
  }
  if (!fork_begin) {
    add("", m_stale.front().who.cycle,
        "a stale read happened, but no fork began before it: no counterpart in the seed");
    add("(11)", run.value("total_cycles", std::uint64_t{0}), end);
    return out;
  }
  const std::uint32_t forker_pid = fork_begin->pid, forker_tid = fork_begin->tid;
  const std::string forker = thread_name(forker_pid, forker_tid);
  add("(1)-(2)", fork_begin->cycle,
      forker + " enters fork (do_fork): B's task is made and dup_mm copies A's address space");

  // (3): dup_mmap's whole-cache flush (flush_cache_dup_mm), the first FDCE
  // loop of the fork.
  std::uint64_t flush_end = fork_begin->cycle;
  const op_run* flush = nullptr;
  for (const op_run& r : m_op_runs) {
    if (r.op == cache_op::FDCE) {
      flush = &r;
      break;
    }
  }
  if (flush) {
    flush_end = flush->last_cycle;
    add("(3)", flush->last_cycle,
        fmt::format("flush_cache_dup_mm (dup_mmap) ends: {} FDCE wrote every dirty D-cache line "
                    "back and emptied the cache",
                    flush->count));
  } else {
    add("(3)", fork_begin->cycle,
        "dup_mmap flushed no whole cache before copy_page_range: no counterpart of the seed's "
        "flush_cache_dup_mm");
  }

  // The lines read stale, and the stores after the flush that made them so.
  const std::uint64_t line_mask = ~std::uint64_t{m_names.line_bytes - 1};
  std::map<std::uint64_t, std::uint64_t> stale_lines;  // line -> cycle of its last stale read
  std::set<std::uint64_t> stale_pages;
  for (const stale_read& s : m_stale) {
    stale_lines[s.byte_paddr & line_mask] = s.who.cycle;
    stale_pages.insert(s.paddr & ~std::uint64_t{k_page - 1});
  }
  std::vector<const access*> racing;
  std::map<std::uint64_t, std::uint32_t> user_page;  // physical page -> A's virtual page
  for (const access& a : m_accesses) {
    if (a.privilege != 3 || a.pid != k_parent_pid) continue;
    const std::uint64_t page = a.paddr & ~std::uint64_t{k_page - 1};
    if (!user_page.count(page)) user_page[page] = a.vaddr & ~(k_page - 1);
    const auto line = stale_lines.find(a.paddr & line_mask);
    if (a.store && a.cycle > flush_end && line != stale_lines.end() && a.cycle < line->second) {
      racing.push_back(&a);
    }
  }

  // (4): the first switch away from the forking thread after the flush.
  const choice* sleep = nullptr;
  for (const choice& c : m_choices) {
    if (c.cycle < flush_end || c.pid != forker_pid || c.tid != forker_tid) continue;
    if (c.point == PAVP_SCHED_POINT_BLOCK || c.chosen != 0) {
      sleep = &c;
      break;
    }
  }
  auto next_thread = [&](std::uint64_t cycle) -> const switch_to* {
    for (const switch_to& s : m_switches) {
      if (s.cycle >= cycle) return &s;
    }
    return nullptr;
  };
  if (sleep) {
    const switch_to* next = next_thread(sleep->cycle);
    add("(4)", sleep->cycle,
        fmt::format("{} sleeps at schedule point {}, {} (choice {} of {}): {} runs", forker,
                    sleep->point, sched_point_name(sleep->point), sleep->chosen, sleep->n,
                    next ? thread_name(next->pid, next->tid) : std::string("another thread")));
  }

  // (5): each store after the flush to a line later read stale.
  const std::size_t shown = std::min<std::size_t>(racing.size(), 12);
  for (std::size_t i = 0; i < shown; ++i) {
    const access& a = *racing[i];
    const std::string name = object_name(a.vaddr);
    add((a.pid == forker_pid && a.tid == forker_tid) ? "" : "(5)", a.cycle,
        fmt::format("{} stores {} to {}virtual {}, physical {} (in {}): after the flush, so the "
                    "line is dirty in the D-cache and memory keeps the old value",
                    thread_name(a.pid, a.tid), value_name(a.value),
                    name.empty() ? "" : name + " at ", hex(a.vaddr), hex(a.paddr),
                    m_names.function_of ? m_names.function_of(a.pc) : hex(a.pc)));
  }
  if (racing.size() > shown) {
    add("(5)", racing[shown]->cycle,
        fmt::format("... and {} more such stores", racing.size() - shown));
  }
  if (racing.empty()) {
    add("", flush_end,
        "no user store after the flush reached a line later read stale: the stale lines were "
        "dirtied otherwise (no counterpart of the seed's step (5))");
  }

  // (6): the (last) storing thread other than the forking one gives the CPU back.
  const access* last_other = nullptr;
  for (const access* a : racing) {
    if (a->pid != forker_pid || a->tid != forker_tid) last_other = a;
  }
  if (last_other) {
    const access& last = *last_other;
    for (const choice& c : m_choices) {
      if (c.cycle < last.cycle || c.pid != last.pid || c.tid != last.tid) continue;
      if (c.point == PAVP_SCHED_POINT_BLOCK || c.chosen != 0) {
        const switch_to* next = next_thread(c.cycle);
        add("(6)", c.cycle,
            fmt::format("{} sleeps at schedule point {}, {}: {} runs",
                        thread_name(last.pid, last.tid), c.point, sched_point_name(c.point),
                        next ? thread_name(next->pid, next->tid) : std::string("another thread")));
        break;
      }
    }
  }

  // (7): ptep_set_wrprotect of the pages read stale: the first read-only PTE
  // store for each (see data()).
  std::set<std::uint64_t> wrprotected;
  for (const access& a : m_accesses) {
    if (a.privilege == 3 || !a.store) continue;
    const std::uint64_t frame = a.value & ~(k_page - 1);
    if (!stale_pages.count(frame) || !wrprotected.insert(frame).second) continue;
    const auto up = user_page.find(frame);
    add("(7)", a.cycle,
        fmt::format("copy_one_pte -> ptep_set_wrprotect makes {}physical page {} read-only (PTE "
                    "{}): A and B now share it copy-on-write",
                    up != user_page.end() ? "virtual page " + hex(up->second) + ", " : "",
                    hex(frame), hex(a.value)));
  }

  // (8): B runs.
  for (const switch_to& s : m_switches) {
    if (s.cycle < fork_begin->cycle || s.pid == k_parent_pid) continue;
    // The decision that chose B, if the last one before the switch did: a
    // switch away from the deciding thread (or a point where it blocks).
    const choice* by = nullptr;
    for (const choice& c : m_choices) {
      if (c.cycle <= s.cycle) by = &c;
    }
    const bool chose = by && (by->chosen != 0 || by->point == PAVP_SCHED_POINT_BLOCK);
    add("(8)", s.cycle,
        chose ? fmt::format("{} passes schedule point {}, {} (choice {} of {}): {} runs",
                            thread_name(by->pid, by->tid), by->point, sched_point_name(by->point),
                            by->chosen, by->n, thread_name(s.pid, s.tid))
              : thread_name(s.pid, s.tid) +
                    " runs: the threads of A before it slept, waited or exited with no other "
                    "thread to choose");
    break;
  }

  // (9): B's first access to a page read stale (by its virtual page), unless
  // that access is itself a stale read (told below).
  std::set<std::uint32_t> stale_vpages;
  for (std::uint64_t p : stale_pages) {
    const auto up = user_page.find(p);
    if (up != user_page.end()) stale_vpages.insert(up->second);
  }
  auto stale_user_read_at = [&](std::uint64_t cycle) {
    for (const stale_read& st : m_stale) {
      if (st.privilege == 3 && st.who.cycle == cycle) return true;
    }
    return false;
  };
  for (const access& a : m_accesses) {
    if (a.privilege != 3 || a.pid == k_parent_pid) continue;
    if (!stale_vpages.count(a.vaddr & ~(k_page - 1))) continue;
    if (stale_user_read_at(a.cycle)) break;
    const std::string name = object_name(a.vaddr);
    add("(9)", a.cycle,
        fmt::format("{} {} {}virtual {}{}", thread_name(a.pid, a.tid), a.store ? "writes" : "reads",
                    name.empty() ? "" : name + " at ", hex(a.vaddr),
                    a.store ? ": the page is COW, so the write faults"
                            : " and gets " + value_name(a.value) +
                                  " (through the cache, before its COW copy)"));
    break;
  }

  // (10): the COW faults whose copies load stale data, and the stale loads:
  // in the kernel's copy (the seed's (10)), or B's own loads from the page it
  // shares with A, when its access indexes another set than A's dirty line
  // (a cache that hashes the space id into the index: the seed's (9) without
  // its "if process space identifier color is same").
  std::set<const mark*> cows;
  for (const stale_read& st : m_stale) {
    if (st.privilege == 3) continue;
    const mark* cow = nullptr;
    for (const mark& m : m_marks) {
      if (m.id == PAVP_MARK_COW_FAULT && m.begin && m.cycle <= st.who.cycle) cow = &m;
    }
    if (cow && cows.insert(cow).second) {
      add("(10)", cow->cycle,
          fmt::format("{} takes a COW fault: do_wp_page allocates a new page and copies the old "
                      "one through the kernel mapping (copy_user_page)",
                      thread_name(cow->pid, cow->tid)));
    }
  }
  const std::size_t stale_shown = std::min<std::size_t>(m_stale.size(), 6);
  for (std::size_t i = 0; i < stale_shown; ++i) {
    const stale_read& s = m_stale[i];
    const auto up = user_page.find(s.paddr & ~std::uint64_t{k_page - 1});
    const std::string name =
        up != user_page.end()
            ? object_name(up->second + static_cast<std::uint32_t>(s.paddr % k_page))
            : "";
    std::string dirty_at, own_at;
    for (const line_location& l : s.dcache_lines) {
      if (l.dirty) {
        dirty_at = fmt::format(" at set {} way {}", l.set, l.way);
      } else {
        own_at = fmt::format(" (its access indexes set {}, a clean copy)", l.set);
      }
    }
    const std::string memory = value_name(static_cast<std::uint32_t>(s.observed));
    const std::string newest = value_name(static_cast<std::uint32_t>(s.expected));
    if (s.privilege == 3) {
      // Who wrote the newest value, from the checker's last-writer record:
      // A before the fork, or B (or the kernel on its behalf) afterwards.
      std::string writer = "an unknown writer";
      if (s.last_writer.debug) {
        writer = "the loader";
      } else if (s.last_writer.known) {
        const access_context& w = s.last_writer.who;
        const bool kernel = (w.pc & 3u) == 0;
        writer = fmt::format(
            "{}{} at cycle {}", thread_name(w.pid, w.tid),
            kernel ? " in the kernel (" +
                         (m_names.function_of ? m_names.function_of(w.pc) : hex(w.pc)) + ")"
                   : "",
            w.cycle);
      }
      add("(9)", s.who.cycle,
          fmt::format("{} reads {}virtual {} and gets memory's {}: the newest value {}, written "
                      "by {}, is in a dirty line{} that this access does not index{}",
                      thread_name(s.who.pid, s.who.tid), name.empty() ? "" : name + " at ",
                      hex(s.vaddr), memory, newest, writer, dirty_at, own_at));
      continue;
    }
    add("(10)", s.who.cycle,
        fmt::format("{} loads physical {}{}: memory holds {}, the dirty line{} holds {}; the copy "
                    "gets the stale value",
                    s.function.empty() ? hex(s.who.pc) : s.function, hex(s.paddr),
                    name.empty() ? "" : " (" + name + ")", memory, dirty_at, newest));
  }
  if (m_stale_count > stale_shown) {
    add("", m_stale[stale_shown < m_stale.size() ? stale_shown : m_stale.size() - 1].who.cycle,
        fmt::format("... {} stale loads in all", m_stale_count));
  }

  // (11): what B then read of its copies, and how the run ended.
  std::map<std::uint32_t, const stale_read*> stale_at;  // A's virtual address -> its stale copy
  for (const stale_read& st : m_stale) {
    const auto up = user_page.find(st.paddr & ~std::uint64_t{k_page - 1});
    if (up == user_page.end() || st.privilege == 3) continue;  // copies only
    stale_at.emplace(up->second + static_cast<std::uint32_t>(st.paddr % k_page), &st);
  }
  unsigned followed = 0;
  for (const access& a : m_accesses) {
    if (followed == 4) break;
    if (a.privilege != 3 || a.pid == k_parent_pid || a.store) continue;
    const auto st = stale_at.find(a.vaddr);
    if (st == stale_at.end() || a.cycle < st->second->who.cycle) continue;  // not yet copied
    const std::string name = object_name(a.vaddr);
    const bool old = a.value == static_cast<std::uint32_t>(st->second->observed);
    add("(11)", a.cycle,
        fmt::format("{} reads {}virtual {} in its copy: {}{}", thread_name(a.pid, a.tid),
                    name.empty() ? "" : name + " at ", hex(a.vaddr), value_name(a.value),
                    old ? ", the old value, and its walk follows it" : ""));
    ++followed;
  }
  add("(11)", run.value("total_cycles", std::uint64_t{0}), end);

  std::stable_sort(out.begin(), out.end(),
                   [](const race_step& a, const race_step& b) { return a.cycle < b.cycle; });
  return out;
}

std::string race_text(const std::vector<race_step>& steps) {
  std::string out =
      "The race, step by step (seed steps in brackets: shared/seeds/000_0dd4d9eea7dcd355.txt; "
      "'-': no counterpart in the seed):\n";
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const race_step& s = steps[i];
    out += fmt::format("{:3}. {:<8} cycle {:>9}  {}\n", i + 1,
                       s.seed_step.empty() ? "-" : s.seed_step, s.cycle, s.text);
  }
  return out;
}

nlohmann::ordered_json race_json(const std::vector<race_step>& steps) {
  nlohmann::ordered_json a = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < steps.size(); ++i) {
    a.push_back({{"step", i + 1},
                 {"seed_step", steps[i].seed_step},
                 {"cycle", steps[i].cycle},
                 {"text", steps[i].text}});
  }
  return a;
}

std::vector<race_step> race_steps_of(const nlohmann::ordered_json& run) {
  std::vector<race_step> steps;
  if (!run.contains("explain") || !run["explain"].is_array()) return steps;
  for (const auto& s : run["explain"]) {
    steps.push_back(
        {s.value("seed_step", ""), s.value("cycle", std::uint64_t{0}), s.value("text", "")});
  }
  return steps;
}

}  // namespace pavp
