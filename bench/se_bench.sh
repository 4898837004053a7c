#!/usr/bin/env bash
# pavp se against qemu-hppa on static programs (bench/se/*.c, integer only):
# three compute-heavy ones, one that prints through stdio and one memory-heavy (chase:
# pointer chasing over 8 MB with random stores). For each: guest instructions (pavp's count), host seconds
# of both, pavp's MIPS (guest instructions per host second of the whole process, both caches
# and DRAM modelled on every access) and the time ratio pavp / qemu.
#
# With a second build directory (the build before a change), each program runs RUNS times
# (default 6) under each build, alternating A B A B ..., and the table gives every run's MIPS
# of both, their medians and the median of the pairwise time ratios: the machine's speed
# drifts, a pair does not. Each program's `pavp se --stats` must be the same under both
# builds (host figures aside); a difference is reported and makes the script exit 1.
#
# With one build, each program runs RUNS times (default 1), each run followed by one of
# qemu-hppa; the table gives the medians (pavp's seconds, qemu's seconds, MIPS, the ratio of
# the two times in each pair) and every run's MIPS.
#
# Usage: bench/se_bench.sh [BUILD_DIR [BASE_BUILD_DIR]]   (RUNS=n to change the run count,
# BENCH_CPU=n to run everything on host CPU n: bench/cpu_pin.sh)
set -euo pipefail
build=${1:-build}
base=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/cpu_pin.sh"
gcc=hppa-linux-gnu-gcc-12
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! command -v "$gcc" > /dev/null; then
  echo "se_bench: $gcc not found, skipped"
  exit 0
fi
runs=${RUNS:-$([ -n "$base" ] && echo 6 || echo 1)}
qemu=$(command -v qemu-hppa || true)
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
median() { tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# run BUILD PROG TAG: one timed run (a clean environment, so that both builds give the
# program the same stack), its statistics in $work/PROG.TAG.stats; prints the seconds.
run() {
  local t0 t1
  t0=$(now)
  "${pin[@]}" env -i SC_COPYRIGHT_MESSAGE=DISABLE "$1/bin/pavp" se --stats "$work/$2" > "$work/$2.$3.out" 2> "$work/$2.$3.stats"
  t1=$(now)
  calc "$t1 - $t0"
}
status=0
[ -n "${BENCH_CPU:-}" ] && echo "every run on host CPU $BENCH_CPU"
if [ -z "$base" ]; then
  [ "$runs" -gt 1 ] && echo "runs: $runs each, pavp and qemu-hppa alternating; medians, and every run's MIPS"
  printf "%-8s %14s %10s %10s %8s %8s  %s\n" program instructions pavp_s qemu_s MIPS ratio "MIPS of each run"
else
  echo "runs: $runs each, alternating; A = $build, B = $base"
  printf "%-8s %14s %-40s %-40s %8s %8s %9s\n" program instructions "A MIPS" "B MIPS" A_median B_median "A/B time"
fi
for prog in sieve crc32 matmul stdio chase; do
  "$gcc" -O2 -static -o "$work/$prog" "$here/se/$prog.c"
  a_mips=() b_mips=() ratios=() a_secs=() q_secs=() q_ratios=()
  for ((i = 0; i < runs; i++)); do
    sa=$(run "$build" "$prog" a)
    insns=$(sed -n 's/^cpu.instructions *//p' "$work/$prog.a.stats")
    a_secs+=("$sa")
    a_mips+=("$(calc "$insns / $sa / 1000000")")
    if [ -z "$base" ] && [ -n "$qemu" ]; then
      t2=$(now)
      "${pin[@]}" "$qemu" "$work/$prog" > "$work/$prog.qemu.out"
      t3=$(now)
      q_secs+=("$(calc "$t3 - $t2")")
      q_ratios+=("$(calc "$sa / ($t3 - $t2)")")
      cmp -s "$work/$prog.a.out" "$work/$prog.qemu.out" || echo "se_bench: $prog: output differs from qemu-hppa" >&2
    fi
    if [ -n "$base" ]; then
      sb=$(run "$base" "$prog" b)
      b_mips+=("$(calc "$insns / $sb / 1000000")")
      ratios+=("$(calc "$sa / $sb")")
      if ! cmp -s <(grep -v host_ "$work/$prog.a.stats") <(grep -v host_ "$work/$prog.b.stats"); then
        echo "se_bench: $prog: --stats differ between $build and $base" >&2
        status=1
      fi
    fi
  done
  fmt() { for v in "$@"; do printf "%.1f " "$v"; done; }
  if [ -z "$base" ]; then
    qs="-"
    ratio="-"
    if [ -n "$qemu" ]; then
      qs=$(printf "%.3f" "$(echo "${q_secs[*]}" | median)")
      ratio=$(printf "%.1fx" "$(echo "${q_ratios[*]}" | median)")
    fi
    printf "%-8s %14d %10.2f %10s %8.1f %8s  %s\n" "$prog" "$insns" "$(echo "${a_secs[*]}" | median)" \
      "$qs" "$(echo "${a_mips[*]}" | median)" "$ratio" "$(fmt "${a_mips[@]}")"
  else
    printf "%-8s %14d %-40s %-40s %8.1f %8.1f %9.3f\n" "$prog" "$insns" "$(fmt "${a_mips[@]}")" \
      "$(fmt "${b_mips[@]}")" "$(echo "${a_mips[*]}" | median)" "$(echo "${b_mips[*]}" | median)" \
      "$(echo "${ratios[*]}" | median)"
  fi
done
exit $status
