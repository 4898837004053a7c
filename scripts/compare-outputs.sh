#!/usr/bin/env bash
# Whether two builds of pavp give the same outputs, byte for byte: the check
# for a change that must not change behaviour (a refactoring, a speed-up).
#
#   scripts/compare-outputs.sh BUILD_A BUILD_B [WORK_DIR]
#
# Runs with each build's bin/pavp and firmware: `pavp config --json`,
# `--keys`, `pavp presets`; `pavp study` on the default preset and on
# pa8500 (study.json, .csv, .md and the printed table); `pavp study --traffic`;
# `pavp run --json` for every fix under `seed` and under random:3, with the
# trace and the replay record of one run and that record replayed, a run
# stopped by its instruction limit, the messages and exit statuses of bad
# input; and `pavp se --stats` on the
# benchmark programs (bench/se/*.c, compiled once; cpu.host_* lines, the
# only ones that depend on the host's speed, are left out). Prints one line
# per output that differs, and a last line with the count; exits 1 if any
# differs. The outputs stay in WORK_DIR (default: a new temporary directory).
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: scripts/compare-outputs.sh BUILD_A BUILD_B [WORK_DIR]" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")/.." && pwd)
work=${3:-$(mktemp -d /tmp/pavp-compare.XXXXXX)}
mkdir -p "$work"
for b in "$1" "$2"; do
  if [ ! -x "$b/bin/pavp" ] || [ ! -f "$b/firmware/pavp-kernel.elf" ]; then
    echo "compare-outputs: $b has no bin/pavp or firmware/pavp-kernel.elf (build targets pavp and pavp_firmware)" >&2
    exit 2
  fi
done
export SC_COPYRIGHT_MESSAGE=DISABLE

# The se programs, compiled once for both builds.
mkdir -p "$work/se"
for c in "$here"/bench/se/*.c; do
  p=$work/se/$(basename "$c" .c)
  [ -f "$p" ] || hppa-linux-gnu-gcc-12 -O2 -static -o "$p" "$c"
done
fixes=$("$1/bin/pavp" run --help | sed -n 's/.*one of \([^)]*\)).*/\1/p' | tr -d ',' | head -n 1)
if [ -z "$fixes" ]; then
  fixes="none wrprotect-flush cow-flush congruent-copy fork-flush-late colour-alloc linux-6.10 pipt"
fi

outputs() {  # outputs BUILD DIR
  local build=$1 out=$2 pavp=$1/bin/pavp f p
  local kernel=(--kernel "$build/firmware/pavp-kernel.elf")
  mkdir -p "$out"
  "$pavp" config --json > "$out/config.json"
  "$pavp" config --keys > "$out/config-keys.txt"
  "$pavp" presets > "$out/presets.txt"
  (cd "$out" && "$pavp" study --out study-default > study-default.txt)
  (cd "$out" && "$pavp" study --preset pa8500 --out study-pa8500 > study-pa8500.txt)
  "$pavp" study --traffic > "$out/traffic.txt"
  for f in $fixes; do
    "$pavp" run --fix "$f" "${kernel[@]}" --json "$out/run-$f-seed.json" > "$out/run-$f-seed.txt"
    "$pavp" run --fix "$f" "${kernel[@]}" --schedule random:3 --json "$out/run-$f-random3.json" \
      > "$out/run-$f-random3.txt"
  done
  "$pavp" run --fix none "${kernel[@]}" --trace "$out/run-none.trace" --record "$out/run-none.replay" \
    > /dev/null
  "$pavp" run --fix none "${kernel[@]}" --schedule "replay:$out/run-none.replay" --json "$out/run-replay.json" \
    > /dev/null
  sed -i "s|$out/||g" "$out/run-replay.json"
  "$pavp" run --fix none "${kernel[@]}" --set limits.instructions=100000 > "$out/run-limit.txt"
  # Bad input: the one-line message and the exit status.
  local bad
  for bad in "run --fix bogus" "run --fix none --schedule random:x" "run --fix none --schedule replay:/nonexistent" \
             "run --fix none --set workload.extra_threads=2" "run --fix none --kernel /nonexistent" \
             "study --traffic --fix bogus" "study --preset nope" "config --set dcache.size=48K"; do
    # shellcheck disable=SC2086
    { "$pavp" $bad > /dev/null 2>&1; echo "rc=$?"; "$pavp" $bad 2>&1 > /dev/null; } >> "$out/bad-input.txt" || true
  done
  for p in "$work"/se/*; do
    [ -f "$p" ] || continue
    "$pavp" se --stats "$p" > "$out/se-$(basename "$p").out" 2> "$out/se-$(basename "$p").stats.raw"
    grep -v '^cpu\.host_' "$out/se-$(basename "$p").stats.raw" > "$out/se-$(basename "$p").stats"
    rm "$out/se-$(basename "$p").stats.raw"
  done
}

echo "compare-outputs: outputs of $1 in $work/a"
outputs "$1" "$work/a"
echo "compare-outputs: outputs of $2 in $work/b"
outputs "$2" "$work/b"

differ=0
total=0
while IFS= read -r rel; do
  total=$((total + 1))
  if ! cmp -s "$work/a/$rel" "$work/b/$rel"; then
    echo "differs: $rel"
    differ=$((differ + 1))
  fi
done < <(cd "$work/a" && find . -type f | sed 's|^\./||' | sort)
while IFS= read -r rel; do
  if [ ! -e "$work/a/$rel" ]; then
    echo "only in $2: $rel"
    differ=$((differ + 1))
  fi
done < <(cd "$work/b" && find . -type f | sed 's|^\./||' | sort)
echo "compare-outputs: $((total - differ)) of $total outputs identical, $differ differ ($work)"
[ "$differ" -eq 0 ]
