#!/usr/bin/env bash
# Runs pavp's benchmarks from a build directory and prints their results with
# the machine they ran on. Usage: bench/run.sh [BUILD_DIR [BASE_BUILD_DIR]]; with a base
# build (the one before a change), pavp se runs six times under each, alternating, and
# pavp run, explore and study alternate with it too (bench/pair_bench.sh).
set -euo pipefail
build=${1:-build}
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(uname -sr)"
echo "== cache_bench"
SC_COPYRIGHT_MESSAGE=DISABLE "$build/bin/cache_bench"
echo "== se_bench (pavp se vs qemu-hppa)"
"$(dirname "$0")/se_bench.sh" "$build" ${2:+"$2"}
echo "== study_bench (pavp study, pavp run)"
"$(dirname "$0")/study_bench.sh" "$build"
echo "== run_mips (pavp run --fix none: MIPS over the simulation loop${2:+, alternating with $2})"
"$(dirname "$0")/run_mips.sh" "$build" ${2:+"$2"} 10
if [ -n "${2:-}" ]; then
  echo "== pair_bench (the firmware commands, alternating with $2)"
  "$(dirname "$0")/pair_bench.sh" "$build" "$2" 10 -- run --fix none
  "$(dirname "$0")/pair_bench.sh" "$build" "$2" 6 -- explore --fix none --out OUT
  "$(dirname "$0")/pair_bench.sh" "$build" "$2" 3 -- study --out OUT
fi
