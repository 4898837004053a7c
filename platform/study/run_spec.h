// What one firmware run is: the platform configuration (the workload's sizes
// included, config.workload), the fix and the schedule. It is parsed once,
// from the command line or by a study, and every consumer takes it: the run
// (firmware_run.h), the branches of a study, the boot parameter block
// (boot_params.h), the traffic study's configuration and the tests.
//
//   pavp::config_sources src;                    // preset, --config, --set
//   pavp::run_spec spec = pavp::make_run_spec(src, "cow-flush", "random:7");
//   spec.config.dcache ... spec.fix.kernel_code ... spec.schedule.seed ...
#ifndef PAVP_PLATFORM_STUDY_RUN_SPEC_H
#define PAVP_PLATFORM_STUDY_RUN_SPEC_H

#include <memory>
#include <string>

#include "pavp/devices/schedule.h"
#include "platform/board/config.h"
#include "platform/study/fixes.h"

namespace pavp {

// The settings a run's decisions depend on besides the configuration's
// fixed parts, written into its replay files ("placement P",
// "preempt_every N"), which a replay then applies (make_run_spec).
std::vector<replay_setting> replay_settings_of(const platform_config& config);

struct run_spec {
  platform_config config;  // resolved; physically indexed caches when fix.physical_caches
  fix_spec fix;
  schedule_spec schedule;
};

// The configuration of a run of `fix`: the sources, plus physically indexed
// caches for a fix that asks for them (pipt). Throws config_error (also for
// an unknown fix).
platform_config firmware_config(const config_sources& sources, const std::string& fix);

// A schedule spec ("seed", "random:N", "replay:FILE", the replay file read
// now); config_error with one line for a bad spec or a malformed file.
schedule_spec parse_schedule(const std::string& text);

// Whether the `seed` schedule fits the workload: its steps are those of the
// seed's two threads of A, so not with workload.extra_threads > 0.
bool seed_schedule_fits(const platform_config& config);

// The run spec of (sources, fix, schedule). Throws config_error for a bad
// preset, key, fix or schedule, and for `seed` on a workload it does not fit.
// An empty schedule is the scenario's default: `seed`, or `random:1` for
// nptl, whose schedule points are not the seed's.
// A replay file's `placement` setting becomes the run's placement
// (kernel.placement); a configuration that names another one is an error.
run_spec make_run_spec(const config_sources& sources, const std::string& fix,
                       const std::string& schedule = "");

// The same run under another schedule (with the same checks and settings).
run_spec with_schedule(const run_spec& spec, const schedule_spec& schedule);

// The schedule object of a spec, with the `seed` steps of the firmware
// contract (PAVP_SEED_SCHEDULE_STEPS).
std::unique_ptr<schedule> make_firmware_schedule(const schedule_spec& spec);

}  // namespace pavp

#endif  // PAVP_PLATFORM_STUDY_RUN_SPEC_H
