#include "platform/study/run_spec.h"

#include <fmt/format.h>

#include <stdexcept>
#include <vector>

#include "firmware/include/firmware_contract.h"

namespace pavp {

namespace {

void check_seed_fits(const platform_config& config, const schedule_spec& schedule) {
  if (schedule.kind == schedule_spec::kind_t::SEED && config.workload.scenario == "nptl") {
    throw config_error(
        "--schedule seed: the seed's steps are the lists scenario's; with --scenario nptl use "
        "random:N or replay:FILE (random:1 when --schedule is not given)");
  }
  if (schedule.kind == schedule_spec::kind_t::SEED && !seed_schedule_fits(config)) {
    throw config_error(fmt::format(
        "--schedule seed: the seed's steps are for the seed's threads A-1 and A-2; with "
        "workload.extra_threads={} use random:N or replay:FILE",
        config.workload.extra_threads));
  }
}

// A replay file's settings (schedule.h): the settings a run's decisions
// depend on (replay_settings_of), so that a replay runs on the same frames
// with the same schedule points. Each stands unless the configuration names
// a different value itself.
void apply_replay_settings(run_spec& spec) {
  kernel_config& k = spec.config.kernel;
  for (const replay_setting& s : spec.schedule.replay_settings) {
    std::string key, canonical;
    if (s.name == "placement") {
      try {
        k.placement = placement_spec::parse(s.value);
      } catch (const std::invalid_argument& e) {
        throw config_error(s.where + ": " + e.what());
      }
      key = "kernel.placement";
      canonical = k.placement.text;
    } else if (s.name == "preempt_every") {
      if (!parse_preempt_every(s.value, k.preempt_every)) {
        throw config_error(fmt::format("{}: preempt_every '{}': accepted: {}", s.where, s.value,
                                       preempt_every_accepted()));
      }
      key = "kernel.preempt_every";
      canonical = preempt_every_text(k.preempt_every);
    } else {
      throw config_error(fmt::format(
          "{}: unknown setting '{}' (accepted: placement, preempt_every)", s.where, s.name));
    }
    config_entry& e = spec.config.entry(key);
    const bool named = e.origin != "default" && e.origin.compare(0, 7, "preset ") != 0;
    if (named && e.value != canonical) {
      throw config_error(
          fmt::format("{}: the replay was recorded with {} {}, but {}={} ({}); give one of them",
                      s.where, s.name, canonical, key, e.value, e.origin));
    }
    e.value = canonical;
    e.origin = s.where;
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
  return config.workload.extra_threads == 0 && config.workload.scenario != "nptl";
}

run_spec make_run_spec(const config_sources& sources, const std::string& fix,
                       const std::string& schedule) {
  run_spec spec;
  spec.fix = find_fix(fix);
  spec.config = firmware_config(sources, fix);
  // No schedule given: the seed's, or for glibc's own program (whose
  // schedule points are not the seed's) the first random one.
  const std::string schedule_text = !schedule.empty()                         ? schedule
                                    : spec.config.workload.scenario == "nptl" ? "random:1"
                                                                              : "seed";
  spec.schedule = parse_schedule(schedule_text);
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

std::vector<replay_setting> replay_settings_of(const platform_config& config) {
  return {{"placement", config.kernel.placement.text, ""},
          {"preempt_every", preempt_every_text(config.kernel.preempt_every), ""}};
}

std::unique_ptr<schedule> make_firmware_schedule(const schedule_spec& spec) {
  static const schedule_step seed_steps[] = PAVP_SEED_SCHEDULE_STEPS;
  // The seed's steps are the kernel's points; at a user-mode preemption
  // point the seed's threads run on (kernel.preempt_every).
  return make_schedule(spec,
                       std::vector<schedule_step>(std::begin(seed_steps), std::end(seed_steps)),
                       {PAVP_SCHED_POINT_PREEMPT});
}

}  // namespace pavp
