#include "platform/study/run_spec.h"

#include <fmt/format.h>

#include <stdexcept>
#include <vector>

#include "firmware/include/firmware_contract.h"

namespace pavp {

namespace {

void check_seed_fits(const platform_config& config, const schedule_spec& schedule) {
  if (schedule.kind == schedule_spec::kind_t::SEED && !seed_schedule_fits(config)) {
    throw config_error(fmt::format(
        "--schedule seed: the seed's steps are for the seed's threads A-1 and A-2; with "
        "workload.extra_threads={} use random:N or replay:FILE",
        config.workload.extra_threads));
  }
}

// A replay file's settings (schedule.h): "placement X" is the placement the
// run was recorded with, so a replay runs on the same frames. It stands
// unless the configuration names a different placement itself.
void apply_replay_settings(run_spec& spec) {
  for (const replay_setting& s : spec.schedule.replay_settings) {
    if (s.name != "placement") {
      throw config_error(
          fmt::format("{}: unknown setting '{}' (accepted: placement)", s.where, s.name));
    }
    placement_spec placement;
    try {
      placement = placement_spec::parse(s.value);
    } catch (const std::invalid_argument& e) {
      throw config_error(s.where + ": " + e.what());
    }
    for (config_entry& e : spec.config.entries) {
      if (e.key != "kernel.placement") continue;
      const bool named = e.origin != "default" && e.origin.compare(0, 7, "preset ") != 0;
      if (named && e.value != placement.text) {
        throw config_error(fmt::format(
            "{}: the replay was recorded with placement {}, but kernel.placement={} ({}); give "
            "one of them",
            s.where, placement.text, e.value, e.origin));
      }
      e.value = placement.text;
      e.origin = s.where;
    }
    spec.config.kernel.placement = placement;
  }
}

}  // namespace

platform_config firmware_config(const config_sources& sources, const std::string& fix) {
  config_sources s = sources;
  if (find_fix(fix).physical_caches) {
    s.overrides.push_back("dcache.index=physical");
    s.overrides.push_back("icache.index=physical");
  }
  return load_config(s);
}

schedule_spec parse_schedule(const std::string& text) {
  try {
    return schedule_spec::parse(text);
  } catch (const std::exception& e) {
    throw config_error(std::string("--schedule: ") + e.what());
  }
}

bool seed_schedule_fits(const platform_config& config) {
  return config.workload.extra_threads == 0;
}

run_spec make_run_spec(const config_sources& sources, const std::string& fix,
                       const std::string& schedule) {
  run_spec spec;
  spec.fix = find_fix(fix);
  spec.config = firmware_config(sources, fix);
  spec.schedule = parse_schedule(schedule);
  check_seed_fits(spec.config, spec.schedule);
  apply_replay_settings(spec);
  return spec;
}

run_spec with_schedule(const run_spec& spec, const schedule_spec& schedule) {
  run_spec s = spec;
  s.schedule = schedule;
  check_seed_fits(s.config, s.schedule);
  apply_replay_settings(s);
  return s;
}

std::unique_ptr<schedule> make_firmware_schedule(const schedule_spec& spec) {
  static const schedule_step seed_steps[] = PAVP_SEED_SCHEDULE_STEPS;
  return make_schedule(spec,
                       std::vector<schedule_step>(std::begin(seed_steps), std::end(seed_steps)));
}

}  // namespace pavp
