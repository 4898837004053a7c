#!/usr/bin/env bash
# Guest MIPS over the simulation loop of `pavp run --fix none --host-stats`
# (the firmware's default workload; the target is 100 MIPS), RUNS times
# under one build, or alternating A B A B ... under two: every run's
# figure and each build's median.
#
# Usage: bench/run_mips.sh BUILD_A [BUILD_B] [RUNS]   (RUNS defaults to 10;
#   BENCH_CPU=n runs every run on host CPU n: bench/cpu_pin.sh)
#   e.g. bench/run_mips.sh build /tmp/base-build 20
set -euo pipefail
. "$(dirname "$0")/cpu_pin.sh"
if [ $# -lt 1 ] || [ $# -gt 3 ]; then
  echo "usage: $0 BUILD_A [BUILD_B] [RUNS]" >&2
  exit 2
fi
builds=("$1")
runs=10
if [ $# -ge 2 ]; then
  if [[ $2 =~ ^[0-9]+$ ]]; then runs=$2; else builds+=("$2"); fi
fi
if [ $# -eq 3 ]; then runs=$3; fi
for build in "${builds[@]}"; do
  if [ ! -x "$build/bin/pavp" ]; then
    echo "run_mips: no $build/bin/pavp (build it first)" >&2
    exit 2
  fi
done
median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# mips BUILD: one run, its MIPS over the simulation loop.
mips() {
  local line
  line=$(SC_COPYRIGHT_MESSAGE=DISABLE "${pin[@]}" "$1/bin/pavp" run --fix none --host-stats 2>&1 >/dev/null |
    grep '^host: simulation loop') || {
    echo "run_mips: $1/bin/pavp run --fix none --host-stats printed no simulation loop line" >&2
    exit 1
  }
  awk '{ print $(NF - 1) }' <<< "$line"
}
declare -A all
for ((i = 0; i < runs; ++i)); do
  for build in "${builds[@]}"; do all[$build]+="$(mips "$build") "; done
done
for build in "${builds[@]}"; do
  echo "run --fix none, MIPS over the simulation loop, $build: ${all[$build]}(median $(echo "${all[$build]}" | median))"
done
