// The platform configuration: a schema of dotted keys (cpu.clock_mhz,
// dcache.size, map.console.base, ...), presets, and the loader that layers
//
//   schema defaults -> preset -> JSON file (--config) -> key=value overrides (--set)
//
// each later layer overriding the earlier ones, checks every value and returns
// a typed platform_config. Every rejection is a config_error whose what() is
// one line naming the key, the value and what is accepted.
//
// Typical use:
//
//   pavp::config_sources src;
//   src.preset = "pa7300lc";               // empty: the file's "preset", else the default
//   src.config_file = "study.json";        // empty: none
//   src.overrides = {"dcache.size=32K"};
//   pavp::platform_config cfg = pavp::load_config(src);   // throws pavp::config_error
//   cfg.dcache.size_bytes ... cfg.dram.spec ... cfg.map.console.base ...
#ifndef PAVP_PLATFORM_BOARD_CONFIG_H
#define PAVP_PLATFORM_BOARD_CONFIG_H

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "pavp/cache/cache_params.h"
#include "pavp/dram/dram_spec.h"

namespace pavp {

// The text with every line break made a space: pavp's messages are one line.
std::string one_line(std::string text);

// A rejected configuration. what() is one line, e.g.
//   "dcache.size: 48K is not accepted (a power of two from 64 to 64M, e.g. 64K)".
class config_error : public std::runtime_error {
 public:
  explicit config_error(const std::string& message) : std::runtime_error(one_line(message)) {}
};

// ---------------------------------------------------------------- schema

enum class value_kind : std::uint8_t {
  INTEGER,  // unsigned decimal or 0x-hex, within [min, max]
  SIZE,     // bytes: an integer with an optional K, M or G suffix (binary: 64K = 65536)
  ADDRESS,  // a physical address: 0x-hex or decimal, a multiple of 4K, below 4G
  BOOL,     // true|false (also 1|0, yes|no, on|off)
  ENUM,     // one of the listed choices
  STRING,   // free text (checked by whoever uses it)
};

struct key_spec {
  std::string key;  // dotted, e.g. "dcache.size"
  value_kind kind = value_kind::INTEGER;
  std::uint64_t min = 0;             // INTEGER, SIZE
  std::uint64_t max = 0;             // INTEGER, SIZE
  bool power_of_two = false;         // INTEGER, SIZE
  std::uint64_t multiple_of = 1;     // INTEGER, SIZE
  std::vector<std::string> choices;  // ENUM
  bool may_be_empty = false;         // STRING: "" is a value (the key's default meaning)
  std::string default_value;         // in the form the key accepts
  std::string description;           // one line

  // What the key accepts, as a phrase ("a power of two from 64 to 64M").
  std::string accepted() const;
};

// Every key, grouped (cpu, icache, dcache, dram, bus, map, limits, workload) in the order
// they are printed.
const std::vector<key_spec>& config_schema();

// The schema entry for a key, or nullptr.
const key_spec* find_key(const std::string& key);

// pavp config --keys: every key, its default, what it is and what it accepts.
std::string config_keys_text();

// ---------------------------------------------------------------- presets

struct preset_value {
  const char* key;
  const char* value;
};

struct preset {
  std::string name;
  std::string description;           // one line
  std::string source;                // where its numbers come from
  std::string choices;               // what the sources leave open and what was chosen
  std::vector<preset_value> values;  // applied over the schema defaults
  // A reference machine rather than a CPU pavp models (pipt): the study
  // leaves it out unless asked, since its fix row `pipt` gives every CPU's
  // own geometry physically indexed.
  bool reference = false;
};

// pa7300lc (the default), pa7100lc, pa8500, pipt.
const std::vector<preset>& presets();
const preset* find_preset(const std::string& name);
// The names of the CPU presets (every preset but the references), in order.
std::vector<std::string> cpu_preset_names();
// pavp presets: each preset, its description, its sources and its choices.
std::string presets_text();
inline constexpr const char* k_default_preset = "pa7300lc";

// ---------------------------------------------------------------- result

struct cpu_config {
  unsigned clock_mhz = 160;
  std::uint64_t quantum_ns = 1000;  // temporal decoupling quantum
  bool skip_idle_syncs = true;      // cpu_model_config::skip_idle_syncs
  // One CPU cycle (the caches run on the CPU clock), rounded to whole ps.
  std::uint64_t clock_period_ps() const;
};

struct dram_config {
  // The dram.spec value: a shipped spec name or a file path.
  std::string spec_name = "sdr-pc100-micron-mt48lc16m8a2";
  std::string origin;  // "shipped spec NAME" or the file's path
  dram_spec spec;
  page_policy policy = page_policy::OPEN;
  std::uint64_t size_bytes = 64ull << 20;
};

struct bus_config {
  std::uint64_t latency_ns = 10;
};

// One region of the physical address map.
struct map_region {
  std::string name;  // "dram", "console", "simctl"
  std::uint64_t base = 0;
  std::uint64_t size = 0;
  std::uint64_t last() const { return base + (size - 1); }  // inclusive
};

struct map_config {
  map_region dram;  // size = dram.size
  map_region console;
  map_region simctl;
  std::vector<const map_region*> regions() const { return {&dram, &console, &simctl}; }
};

struct limits_config {
  std::uint64_t instructions = 0;  // 0: no limit
  std::uint64_t sim_time_ms = 0;   // 0: no limit
};

// The firmware workload's sizes (firmware/user/workload.c), passed to the
// kernel in the boot parameter block.
struct workload_config {
  // The user program (firmware_contract.h PAVP_SCENARIO_*): "lists", the
  // seed's lists kept by hand (firmware/user/workload.c); "thread-pair", two
  // threads looping and exiting, whose schedule space can be counted by
  // hand; or "nptl", glibc's own code (firmware/user/nptl_fork.c, static
  // glibc 2.36) under the kernel's Linux personality.
  std::string scenario = "lists";
  std::uint32_t elements = 4;          // list elements, `used` and `cache` together
  std::uint32_t elem_stride = 4096;    // heap bytes between elements
  std::uint32_t extra_threads = 0;     // threads of process A besides
  std::uint32_t touch_pages = 0;       // heap pages A-2 dirties after its move
  std::uint32_t heap_size = 1 << 20;   // bytes of the heap region (writable, COW at fork)
  std::uint32_t step_limit = 1000;     // child B's list-walk steps before it reports a hang
  std::uint32_t pair_loops_a1 = 1750;  // thread-pair: A-1's loop iterations (2 instructions each)
  std::uint32_t pair_loops_a2 = 1250;  // thread-pair: A-2's
  // nptl: the static ELF to run instead of the embedded nptl_fork.elf
  // (empty: that one), its arguments after argv[0] (split at spaces), and
  // the user instructions a process may run before the kernel kills it as
  // hung.
  std::string program;
  std::string args;
  std::uint32_t process_budget = 20'000'000;
};
// The scenarios workload.scenario accepts, in firmware code order.
const std::vector<std::string>& scenario_names();

// Physical placement: the order in which the firmware kernel's page allocator
// hands out frames (firmware_contract.h, PAVP_BP_PLACEMENT). "linear": lowest
// free frame first, as after a fresh boot; "random:N": frames drawn from seed
// N, as from a real kernel's free lists after uptime.
struct placement_spec {
  enum class kind_t { LINEAR, RANDOM };
  kind_t kind = kind_t::LINEAR;
  std::uint64_t seed = 0;       // random:N
  std::string text = "linear";  // as given

  // Parses "linear" or "random:N" (N a 64-bit decimal or 0x-hex number).
  // Throws std::invalid_argument with one line naming what is accepted.
  static placement_spec parse(const std::string& text);
};

// The firmware kernel's own settings, passed in the boot parameter block.
struct kernel_config {
  placement_spec placement;
  // User instructions a thread runs between preemption points (schedule
  // point 6, firmware_contract.h PAVP_BP_PREEMPT_EVERY); 0 = "off".
  std::uint32_t preempt_every = 0;
};
// The largest kernel.preempt_every: the recovery counter starts at N-1 and
// must start with its leftmost bit 0.
constexpr std::uint64_t k_preempt_every_max = std::uint64_t{1} << 31;
// kernel.preempt_every as text: "off" (0) or N in 1..k_preempt_every_max;
// false for anything else.
bool parse_preempt_every(const std::string& text, std::uint32_t& out);
// What parse_preempt_every accepts, for error messages.
std::string preempt_every_accepted();
// kernel.preempt_every's canonical text.
std::string preempt_every_text(std::uint32_t every);

// One resolved key, for printing.
struct config_entry {
  std::string key;
  std::string value;   // canonical text (64K, 0xf0000000, true, lru, ...)
  std::string origin;  // "default", "preset pa8500", a file path, or "--set"
};

struct platform_config {
  std::string preset;         // name of the preset the values started from
  std::string preset_source;  // where the preset's numbers come from

  cpu_config cpu;
  cache_params icache;  // role INSTRUCTION; clock = the CPU clock
  cache_params dcache;  // role DATA; clock = the CPU clock
  dram_config dram;
  bus_config bus;
  map_config map;
  limits_config limits;
  workload_config workload;
  kernel_config kernel;

  std::vector<config_entry> entries;  // every key, in schema order

  // A key's entry; throws config_error for an unknown key.
  const config_entry& entry(const std::string& key) const;
  config_entry& entry(const std::string& key) {
    return const_cast<config_entry&>(std::as_const(*this).entry(key));
  }
  // The canonical text of a key's value; throws config_error for an unknown key.
  const std::string& value(const std::string& key) const { return entry(key).value; }

  // {"preset": ..., "source": ..., "cpu": {"clock_mhz": 160, ...}, ...}. It
  // loads back with --config ("source" is ignored on input).
  nlohmann::ordered_json to_json() const;

  // "key = value" lines, grouped, headed by the preset and its source; a value
  // that did not come from the preset says where it came from.
  std::string to_text() const;
};

// ---------------------------------------------------------------- loading

struct config_sources {
  std::string preset;                  // empty: the file's "preset" key, else pa7300lc
  std::string config_file;             // empty: none
  std::vector<std::string> overrides;  // "key=value", applied in order
};

// Layers the sources and checks the result. Throws config_error.
platform_config load_config(const config_sources& sources);

// The layers one at a time, for tools and tests.
class config_builder {
 public:
  // Starts from the schema defaults and the named preset (config_error if unknown).
  explicit config_builder(const std::string& preset_name = k_default_preset);

  // Sets one key from text. origin says where it came from ("--set", a file).
  void set(const std::string& key, const std::string& value, const std::string& origin);

  // "key=value" (a --set argument).
  void set_assignment(const std::string& assignment, const std::string& origin = "--set");

  // A JSON object, nested objects flattened to dotted keys ({"dcache": {"size":
  // "64K"}} sets dcache.size). A top-level "preset" must name the preset this
  // builder started from (load_config() picks it up before building);
  // "source" is ignored. Relative dram.spec paths are taken relative to
  // base_dir when it is not empty.
  void apply_json(const nlohmann::json& object, const std::string& origin,
                  const std::string& base_dir = "");

  // Reads and applies a JSON file; a syntax error is reported with the file,
  // line and column.
  void apply_json_file(const std::string& path);

  // Cross-checks (cache geometry, address map, DRAM spec) and builds the result.
  platform_config build() const;

  const std::string& preset_name() const { return m_preset; }

 private:
  struct slot {
    std::string value;
    std::string origin;
    std::uint64_t sequence = 0;  // when it was last set; later layers are larger
  };
  const slot& at(const std::string& key) const;

  std::string m_preset;
  std::vector<slot> m_slots;  // parallel to config_schema()
  std::uint64_t m_sequence = 0;
};

// Parses a JSON file into an object; config_error (with file:line:column) on a
// syntax error, an unreadable file or a top level that is not an object.
nlohmann::json read_json_file(const std::string& path);

// The DRAM spec a dram.spec value names: a shipped spec ("name") or, when the
// value contains '/' or ends in ".json", a file. Throws config_error.
dram_spec resolve_dram_spec(const std::string& value, std::string* origin = nullptr);

// Names of the DRAM specs compiled into the binary.
std::vector<std::string> shipped_dram_specs();

// Parsers shared with other tools; each throws config_error naming key and text.
std::uint64_t parse_size(const std::string& key, const std::string& text);
std::string format_size(std::uint64_t bytes);  // 65536 -> "64K"

}  // namespace pavp

#endif  // PAVP_PLATFORM_BOARD_CONFIG_H
