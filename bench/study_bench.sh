#!/usr/bin/env bash
# Wall time of the main job and of one firmware run, three times each.
#   pavp study                    every CPU preset x every fix, 104 runs each:
#                                 2,496 firmware runs (what make study runs)
#   pavp study --preset pa7300lc  one preset: 832 runs
#   pavp run --fix none           one boot, fork with threads, COW faults
#   pavp explore --fix none       every schedule within 2 preemptions (71)
#   PAVP_BRANCHES=fork pavp study --preset pa7300lc, pavp explore --fix none
#                                 one process per branch, as before workers
# Usage: bench/study_bench.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
pavp="$build/bin/pavp"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
now() { date +%s.%N; }
seconds() { awk "BEGIN { printf \"%.2f\", $2 - $1 }"; }
measure() {
  local label=$1
  shift
  local times=()
  for i in 1 2 3; do
    t0=$(now)
    SC_COPYRIGHT_MESSAGE=DISABLE "$pavp" "$@" > /dev/null
    times+=("$(seconds "$t0" "$(now)")")
  done
  echo "$label ${times[*]} s"
}
measure "pavp study (2496 runs):               " study --out "$out"
measure "pavp study --preset pa7300lc (832 runs):" study --preset pa7300lc --out "$out"
measure "pavp run --fix none:                  " run --fix none
measure "pavp explore --fix none (71 schedules): " explore --fix none --out "$out"
export PAVP_BRANCHES=fork
measure "the same preset, a process per branch:  " study --preset pa7300lc --out "$out"
measure "explore, a process per choice:          " explore --fix none --out "$out"
