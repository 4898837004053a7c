#!/usr/bin/env bash
# pavp se against qemu-hppa on static programs (bench/se/*.c, integer only):
# three compute-heavy ones, one that prints through stdio and one memory-heavy (chase:
# pointer chasing over 8 MB with random stores). For each: guest instructions (pavp's count), host seconds
# of both, pavp's MIPS (guest instructions per host second, both caches and
# DRAM modelled on every access) and the time ratio pavp / qemu.
# Usage: bench/se_bench.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
pavp="$build/bin/pavp"
gcc=hppa-linux-gnu-gcc-12
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! command -v "$gcc" > /dev/null; then
  echo "se_bench: $gcc not found, skipped"
  exit 0
fi
qemu=$(command -v qemu-hppa || true)
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
printf "%-8s %14s %10s %10s %8s %8s\n" program instructions pavp_s qemu_s MIPS ratio
for prog in sieve crc32 matmul stdio chase; do
  "$gcc" -O2 -static -o "$work/$prog" "$here/se/$prog.c"
  t0=$(now)
  SC_COPYRIGHT_MESSAGE=DISABLE "$pavp" se --stats "$work/$prog" > "$work/$prog.pavp.out" 2> "$work/$prog.stats"
  t1=$(now)
  insns=$(sed -n 's/^cpu.instructions *//p' "$work/$prog.stats")
  qs="-"
  ratio="-"
  if [ -n "$qemu" ]; then
    t2=$(now)
    "$qemu" "$work/$prog" > "$work/$prog.qemu.out"
    t3=$(now)
    qs=$(calc "$t3 - $t2")
    cmp -s "$work/$prog.pavp.out" "$work/$prog.qemu.out" || echo "se_bench: $prog: output differs from qemu-hppa" >&2
  fi
  ps=$(calc "$t1 - $t0")
  mips=$(calc "$insns / $ps / 1000000")
  [ "$qs" != "-" ] && ratio=$(printf "%.0fx" "$(calc "$ps / $qs")")
  printf "%-8s %14d %10.2f %10s %8.1f %8s\n" "$prog" "$insns" "$ps" \
    "$( [ "$qs" = "-" ] && echo - || printf "%.3f" "$qs")" "$mips" "$ratio"
done
