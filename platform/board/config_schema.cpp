// The configuration schema: every key, its kind, bounds, default and
// description, in the order they are printed; the cache keys come from
// cache_params' field table.
#include <algorithm>

#include <fmt/format.h>

#include "pavp/devices/simctl_regs.h"
#include "platform/board/config.h"
#include "platform/board/config_detail.h"

namespace pavp {

using namespace config_detail;

namespace {

key_spec integer(const std::string& key, std::uint64_t min, std::uint64_t max,
                 const std::string& def, const std::string& description) {
  key_spec s;
  s.key = key;
  s.kind = value_kind::INTEGER;
  s.min = min;
  s.max = max;
  s.default_value = def;
  s.description = description;
  return s;
}

key_spec size(const std::string& key, std::uint64_t min, std::uint64_t max, bool pow2,
              std::uint64_t multiple, const std::string& def, const std::string& description) {
  key_spec s = integer(key, min, max, def, description);
  s.kind = value_kind::SIZE;
  s.power_of_two = pow2;
  s.multiple_of = multiple;
  return s;
}

key_spec address(const std::string& key, const std::string& def, const std::string& description) {
  key_spec s = integer(key, 0, k_address_limit - k_page, def, description);
  s.kind = value_kind::ADDRESS;
  s.multiple_of = k_page;
  return s;
}

key_spec boolean(const std::string& key, const std::string& def, const std::string& description) {
  key_spec s;
  s.key = key;
  s.kind = value_kind::BOOL;
  s.default_value = def;
  s.description = description;
  return s;
}

key_spec enumeration(const std::string& key, std::vector<std::string> choices,
                     const std::string& def, const std::string& description) {
  key_spec s;
  s.key = key;
  s.kind = value_kind::ENUM;
  s.choices = std::move(choices);
  s.default_value = def;
  s.description = description;
  return s;
}

key_spec text(const std::string& key, const std::string& def, const std::string& description,
              bool may_be_empty = false) {
  key_spec s;
  s.key = key;
  s.kind = value_kind::STRING;
  s.default_value = def;
  s.description = description;
  s.may_be_empty = may_be_empty;
  return s;
}

// The keys of a cache, GROUP.NAME for each settable field of cache_params
// (cache_param_fields()): bounds, choices and descriptions from the model's
// table, defaults from a default-constructed cache_params (the pa7300lc
// values; platform/board/presets.cpp says where they come from).
void add_cache_keys(std::vector<key_spec>& keys, const std::string& group, const char* what) {
  const cache_params defaults;
  for (const cache_param_field& f : cache_param_fields()) {
    const std::string key = group + "." + f.name;
    const std::uint64_t def = f.get(defaults);
    switch (f.kind) {
      case cache_param_field::kind_t::SIZE:
        keys.push_back(size(key, f.min, f.max, f.power_of_two, f.multiple_of, format_size(def),
                            fmt::format("{} {}", what, f.description)));
        break;
      case cache_param_field::kind_t::INTEGER:
        keys.push_back(integer(key, f.min, f.max, std::to_string(def), f.description));
        keys.back().power_of_two = f.power_of_two;
        keys.back().multiple_of = f.multiple_of;
        break;
      case cache_param_field::kind_t::FLAG:
        keys.push_back(boolean(key, def ? "true" : "false", f.description));
        break;
      case cache_param_field::kind_t::CHOICE:
        keys.push_back(enumeration(key,
                                   std::vector<std::string>(f.choices.begin(), f.choices.end()),
                                   f.choices.at(def), f.description));
        break;
    }
  }
}

std::vector<key_spec> make_schema() {
  // Defaults are the typed structs' own (config.h), stated once there; the
  // caches' come from cache_params (add_cache_keys).
  const cpu_config cpu;
  const dram_config dram;
  const bus_config bus;
  const limits_config limits;
  const workload_config workload;
  const kernel_config kernel;
  auto dec = [](std::uint64_t v) { return std::to_string(v); };
  auto flag = [](bool v) { return std::string(v ? "true" : "false"); };
  std::vector<key_spec> keys;
  keys.push_back(integer("cpu.clock_mhz", 1, 10000, dec(cpu.clock_mhz),
                         "CPU clock in MHz; the caches run on it"));
  keys.push_back(integer("cpu.quantum_ns", 1, 1000000000, dec(cpu.quantum_ns),
                         "temporal decoupling quantum in ns (tlm_quantumkeeper)"));
  keys.push_back(boolean("cpu.skip_idle_syncs", flag(cpu.skip_idle_syncs),
                         "at the end of a quantum, go on without a wait when no other process has "
                         "anything to do by the CPU's local time (same results)"));
  add_cache_keys(keys, "icache", "instruction cache");
  add_cache_keys(keys, "dcache", "data cache");
  keys.push_back(text("dram.spec", dram.spec_name,
                      "DRAM timing: a shipped spec name or the path of a spec .json file"));
  keys.push_back(enumeration("dram.page_policy",
                             {"spec", to_string(page_policy::OPEN), to_string(page_policy::CLOSED)},
                             "spec", "row buffer policy; spec: the DRAM spec's own"));
  keys.push_back(size("dram.size", k_mib, 3840 * k_mib, false, k_page, format_size(dram.size_bytes),
                      "DRAM capacity in bytes (the map.dram region's size)"));
  keys.push_back(integer("bus.latency_ns", 0, 1000000, dec(bus.latency_ns),
                         "interconnect latency per transaction in ns"));
  keys.push_back(address("map.dram.base", "0x00000000", "physical base address of DRAM"));
  keys.push_back(address("map.console.base", fmt::format("{:#010x}", PAVP_CONSOLE_BASE),
                         "physical base of the console device"));
  keys.push_back(size("map.console.size", 256, 256 * k_mib, true, 1, "4K",
                      "bytes the console device decodes"));
  keys.push_back(address("map.simctl.base", fmt::format("{:#010x}", PAVP_SIMCTL_BASE),
                         "physical base of the sim-control device"));
  keys.push_back(size("map.simctl.size", 256, 256 * k_mib, true, 1, "4K",
                      "bytes the sim-control device decodes"));
  keys.push_back(integer("limits.instructions", 0, k_u64_max, dec(limits.instructions),
                         "stop after this many instructions; 0: no limit"));
  keys.push_back(integer("limits.sim_time_ms", 0, k_u64_max, dec(limits.sim_time_ms),
                         "stop after this much simulated time in ms; 0: no limit"));
  // The firmware workload (pavp run, pavp study); its layout is firmware/include/pavp_fw.h.
  keys.push_back(enumeration("workload.scenario", scenario_names(), workload.scenario,
                             "the user program: lists (the seed's lists kept by hand: fork with a "
                             "second thread live), thread-pair (two threads loop and exit) or nptl "
                             "(glibc's own threads and fork, static glibc 2.36)"));
  keys.push_back(integer("workload.elements", 2, 60, dec(workload.elements),
                         "list elements, `used` and `cache` together (the seed's picture has 4)"));
  keys.push_back(size("workload.elem_stride", 16, 4 * k_mib, false, 4,
                      format_size(workload.elem_stride),
                      "heap bytes between list elements (4K: one page each)"));
  keys.push_back(integer("workload.extra_threads", 0, 6, dec(workload.extra_threads),
                         "threads of process A besides A-1 and A-2 (each brings a 64 KB stack)"));
  keys.push_back(integer("workload.touch_pages", 0, 1024, dec(workload.touch_pages),
                         "heap pages thread A-2 also dirties after its move"));
  keys.push_back(size("workload.heap_size", 64 * 1024, 4 * k_mib, false, k_page,
                      format_size(workload.heap_size),
                      "the heap region, mapped writable at exec: COW pages at fork"));
  keys.push_back(integer("workload.step_limit", 1, 1000000, dec(workload.step_limit),
                         "list-walk steps after which child B reports a hang"));
  keys.push_back(integer("workload.pair_loops_a1", 0, 1000000000, dec(workload.pair_loops_a1),
                         "thread-pair: iterations of A-1's loop (2 user instructions each)"));
  keys.push_back(integer("workload.pair_loops_a2", 0, 1000000000, dec(workload.pair_loops_a2),
                         "thread-pair: iterations of A-2's loop (2 user instructions each)"));
  keys.push_back(text("workload.program", workload.program,
                      "nptl: a static PA-RISC ELF to run instead of the embedded nptl_fork.elf "
                      "(empty: nptl_fork.elf)",
                      true));
  keys.push_back(text("workload.args", workload.args,
                      "nptl: the program's arguments after argv[0], separated by spaces", true));
  keys.push_back(integer("workload.process_budget", 100000, 4000000000u,
                         dec(workload.process_budget),
                         "nptl: user instructions a process may run before the kernel kills it "
                         "(outcome hang)"));
  // The firmware kernel's own settings (boot parameter block).
  keys.push_back(text("kernel.placement", kernel.placement.text,
                      "order of the page allocator's frames: linear (lowest free first) or "
                      "random:N (drawn from seed N, as after uptime)"));
  keys.push_back(text("kernel.preempt_every", preempt_every_text(kernel.preempt_every),
                      "user-mode preemption points: a schedule point after every N user "
                      "instructions of a thread (recovery counter), or off"));
  return keys;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

namespace config_detail {

std::size_t key_index(const std::string& key) {
  const auto& schema = config_schema();
  for (std::size_t i = 0; i < schema.size(); ++i) {
    if (schema[i].key == key) return i;
  }
  return schema.size();
}

std::string group_of(const std::string& key) {
  return key.substr(0, key.find('.'));
}

[[noreturn]] void reject_unknown_key(const std::string& key, const std::string& value,
                                     const std::string& origin) {
  const auto& schema = config_schema();
  const std::string last = key.substr(key.rfind('.') == std::string::npos ? 0 : key.rfind('.') + 1);
  // Close matches: the keys at the smallest edit distance (if small), else keys
  // with the same last part in another group ("cache.size" -> dcache.size).
  std::vector<std::string> close;
  std::size_t best = std::max<std::size_t>(2, key.size() / 6) + 1;
  for (const key_spec& s : schema) {
    const std::size_t d = edit_distance(lower(key), s.key);
    if (d < best) {
      best = d;
      close.clear();
    }
    if (d == best) close.push_back(s.key);
  }
  if (close.empty()) {
    for (const key_spec& s : schema) {
      if (s.key.substr(s.key.rfind('.') + 1) == lower(last)) close.push_back(s.key);
    }
  }
  std::string hint;
  if (!close.empty()) {
    if (close.size() > 4) close.resize(4);
    hint = "did you mean " + join(close, " or ") + "?";
  } else {
    const std::string group = group_of(key);
    std::vector<std::string> in_group;
    std::vector<std::string> groups;
    for (const key_spec& s : schema) {
      if (group_of(s.key) == group) in_group.push_back(s.key.substr(group.size() + 1));
      if (std::find(groups.begin(), groups.end(), group_of(s.key)) == groups.end()) {
        groups.push_back(group_of(s.key));
      }
    }
    hint = in_group.empty() ? "known groups: " + join(groups) : group + " keys: " + join(in_group);
  }
  throw config_error(
      fmt::format("{}{}={}: unknown key ({})", origin_prefix(origin), key, value, hint));
}

}  // namespace config_detail

const std::vector<key_spec>& config_schema() {
  static const std::vector<key_spec> schema = make_schema();
  return schema;
}

const key_spec* find_key(const std::string& key) {
  const std::size_t i = key_index(key);
  return i < config_schema().size() ? &config_schema()[i] : nullptr;
}

std::string config_keys_text() {
  std::string text;
  for (const key_spec& k : config_schema()) {
    text += fmt::format("{:<24} default {:<11} {}\n{:<24} accepts {}\n", k.key, k.default_value,
                        k.description, "", k.accepted());
  }
  return text;
}

}  // namespace pavp
