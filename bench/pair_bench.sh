#!/usr/bin/env bash
# Wall time of one pavp command under two builds, alternating A B A B ... so
# that the machine's drifting speed touches both alike: every run's seconds,
# each build's median and the median of the pairwise ratios A/B. Each run's
# output is kept, and the script says whether the first pair's results -- the
# standard output and the files written to OUT -- are the same, lines naming
# host time or the output folder aside.
#
# Usage: bench/pair_bench.sh BUILD_A BUILD_B RUNS -- PAVP_ARGS ...
#   e.g. bench/pair_bench.sh build /tmp/base-build 10 -- run --fix none
# A PAVP_ARGS word OUT is replaced by a fresh directory per run (for commands
# that write files: study --out OUT).
set -euo pipefail
if [ $# -lt 4 ] || [ "$4" != "--" ]; then
  echo "usage: $0 BUILD_A BUILD_B RUNS -- PAVP_ARGS ..." >&2
  exit 2
fi
a=$1 b=$2 runs=$3
shift 4
for build in "$a" "$b"; do
  if [ ! -x "$build/bin/pavp" ]; then
    echo "pair_bench: no $build/bin/pavp (build it first)" >&2
    exit 2
  fi
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
median() { tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# one TAG BUILD N: runs the command once, prints its seconds.
one() {
  local args=() dir="$work/$1.$3.dir" t0 t1
  mkdir -p "$dir"
  for w in "${cmd[@]}"; do [ "$w" = OUT ] && args+=("$dir") || args+=("$w"); done
  t0=$(now)
  env -i SC_COPYRIGHT_MESSAGE=DISABLE HOME="$work" "$2/bin/pavp" "${args[@]}" > "$work/$1.$3.out" 2>&1 || true
  t1=$(now)
  awk "BEGIN { printf \"%.3f\", $t1 - $t0 }"
}
cmd=("$@")
ta=() tb=() ratios=()
for i in $(seq 1 "$runs"); do
  x=$(one a "$a" "$i")
  y=$(one b "$b" "$i")
  ta+=("$x")
  tb+=("$y")
  ratios+=("$(awk "BEGIN { printf \"%.4f\", $x / $y }")")
done
# The first pair's results: standard output and each file written to OUT,
# lines naming host time (seconds, rates) or the output folder left out.
results_differ() {
  local filter='seconds|schedules/s|runs/s|host|wrote|[0-9.]+ s(,|$)'
  diff -q <(grep -Ev "$filter" "$1") <(grep -Ev "$filter" "$2") > /dev/null || return 0
  return 1
}
same=identical
if results_differ "$work/a.1.out" "$work/b.1.out"; then same="DIFFERENT (standard output)"; fi
for f in "$work"/a.1.dir/*; do
  [ -e "$f" ] || continue
  g="$work/b.1.dir/$(basename "$f")"
  if [ ! -e "$g" ] || results_differ "$f" "$g"; then same="DIFFERENT ($(basename "$f"))"; fi
done
echo "pavp ${cmd[*]}"
echo "  A ($a): ${ta[*]} s, median $(echo "${ta[*]}" | median)"
echo "  B ($b): ${tb[*]} s, median $(echo "${tb[*]}" | median)"
echo "  A/B pairwise: ${ratios[*]}; median $(echo "${ratios[*]}" | median)"
echo "  results of the first pair (host times and paths aside): $same"
