#!/usr/bin/env bash
# Wall time of the main job and of one firmware run, three times each.
#   pavp study  (every fix on the default preset under seed and 100 random
#                schedules: 808 firmware runs)
#   pavp run --fix none  (one boot, fork with threads, COW faults)
# Usage: bench/study_bench.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
pavp="$build/bin/pavp"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
now() { date +%s.%N; }
seconds() { awk "BEGIN { printf \"%.2f\", $2 - $1 }"; }
times=()
for i in 1 2 3; do
  t0=$(now)
  SC_COPYRIGHT_MESSAGE=DISABLE "$pavp" study --out "$out" > /dev/null
  times+=("$(seconds "$t0" "$(now)")")
done
echo "pavp study (808 runs):  ${times[*]} s"
times=()
for i in 1 2 3; do
  t0=$(now)
  SC_COPYRIGHT_MESSAGE=DISABLE "$pavp" run --fix none > /dev/null
  times+=("$(seconds "$t0" "$(now)")")
done
echo "pavp run --fix none:    ${times[*]} s"
