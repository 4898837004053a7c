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
  return spec;
}

run_spec with_schedule(const run_spec& spec, const schedule_spec& schedule) {
  run_spec s = spec;
  s.schedule = schedule;
  check_seed_fits(s.config, s.schedule);
  return s;
}

std::unique_ptr<schedule> make_firmware_schedule(const schedule_spec& spec) {
  static const schedule_step seed_steps[] = PAVP_SEED_SCHEDULE_STEPS;
  return make_schedule(spec,
                       std::vector<schedule_step>(std::begin(seed_steps), std::end(seed_steps)));
}

}  // namespace pavp
