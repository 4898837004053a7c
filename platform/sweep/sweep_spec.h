// A parameter sweep: a TOML file that names the base preset, the study
// settings of every point, and the configuration keys to vary with their
// values. pavp sweep expands it into points -- the cross product of the
// varied values -- and runs the study (kernel_study.h) at each.
//
//   preset = "pa7300lc"              # the base preset (default pa7300lc)
//   fixes = ["none", "cow-flush"]    # default: every fix
//   scenario = "lists"               # optional: workload.scenario of every point
//   schedules = 2                    # random schedules per placement (default 10)
//   placements = 1                   # random placements besides linear (default 9)
//   explore = 1                      # optional: every schedule up to this bound instead
//   preempt_every = "off"            # optional (default off)
//   set = ["kernel.placement=linear"]  # optional: fixed overrides of every point
//
//   [[vary]]                         # the first varies slowest
//   key = "dcache.size"
//   values = ["4K", "8K", "16K"]
//
//   [[vary]]
//   key = "dcache.ways"
//   range = { from = 1, to = 4, factor = 2 }   # 1, 2, 4 (or step = N: from, from+N, ...)
//
// Points are numbered in that order: the cross product with the last
// parameter varying fastest (point 0 takes every parameter's first value).
// Every rejection is a sweep_error whose what() is one line naming the file,
// the line and the key, and what is accepted.
#ifndef PAVP_PLATFORM_SWEEP_SWEEP_SPEC_H
#define PAVP_PLATFORM_SWEEP_SWEEP_SPEC_H

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace pavp {

class sweep_error : public std::runtime_error {
 public:
  explicit sweep_error(const std::string& message) : std::runtime_error(message) {}
};

// One varied configuration key and its values, as --set text.
struct sweep_param {
  std::string key;
  std::vector<std::string> values;
};

struct sweep_spec {
  std::string path;  // the file it was read from
  std::string preset = "pa7300lc";
  std::vector<std::string> fixes;  // empty: every fix
  std::string scenario;            // empty: the preset's
  unsigned schedules = 10;
  unsigned placements = 9;
  std::optional<unsigned> explore;
  std::string preempt_every = "off";
  std::vector<std::string> overrides;  // "key=value" on every point
  std::vector<sweep_param> params;     // in the file's order
};

// One point: the index of each parameter's value.
struct sweep_point {
  std::size_t index = 0;            // 0 .. points - 1
  std::vector<std::string> values;  // one per parameter, in the spec's order
};

// Reads and checks a spec: its syntax, its keys and types, every parameter's
// key and every value against the configuration schema (a point's whole
// configuration is built once, so a bad value or a bad combination is
// reported before anything runs), the fixes and the scenario.
sweep_spec read_sweep_spec(const std::string& path);

// The number of points (the product of the parameters' value counts).
std::size_t sweep_point_count(const sweep_spec& spec);

// Point `index` of the cross product (last parameter fastest).
sweep_point sweep_point_at(const sweep_spec& spec, std::size_t index);

// Every point, in order.
std::vector<sweep_point> expand_sweep(const sweep_spec& spec);

// A point's overrides: the spec's fixed ones, the scenario, then the point's
// values ("key=value").
std::vector<std::string> point_overrides(const sweep_spec& spec, const sweep_point& point);

// A shard "I/N" of the points: point p belongs to shard p % N. Parses the
// text; sweep_error for anything but 0 <= I < N.
struct sweep_shard {
  std::size_t index = 0;
  std::size_t count = 1;
  bool holds(std::size_t point) const { return point % count == index; }
};
sweep_shard parse_sweep_shard(const std::string& text);

}  // namespace pavp

#endif  // PAVP_PLATFORM_SWEEP_SWEEP_SPEC_H
