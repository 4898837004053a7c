#!/usr/bin/env bash
# The profile of the profile-guided build (make; PGO=0 builds without it).
#
#   scripts/pgo-profile.sh BUILD_DIR PROFILE_DIR [JOBS]
#
# Builds pavp and the firmware kernel instrumented (-DPAVP_PGO=generate) in
# PROFILE_DIR, runs the training workload there -- the five bench/se programs
# (20 M instructions each), `pavp run --fix none` and `pavp explore --fix
# none` -- and copies the counts it wrote (*.gcda, beside each object) to the
# same places in BUILD_DIR, whose build (-DPAVP_PGO=use) compiles with them.
# Both folders have CMake's layout, so an object and its counts share a
# relative path. The training runs again only when the instrumented pavp is
# newer than the last training (a source changed); otherwise the counts of
# the last one are copied again.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 BUILD_DIR PROFILE_DIR [JOBS]" >&2
  exit 2
fi
repo=$(cd "$(dirname "$0")/.." && pwd)
build=$1
gen=$2
jobs=${3:-$(nproc)}
gcc=hppa-linux-gnu-gcc-12

# The headers through BUILD_DIR's include link, as BUILD_DIR's objects see
# them (CMakeLists.txt, PAVP_INCLUDE_DIR).
mkdir -p "$build"
include_dir=$(cd "$build" && pwd)/include
cmake -S "$repo" -B "$gen" -DCMAKE_BUILD_TYPE=Release -DPAVP_REQUIRE_TOOLS=ON \
  -DPAVP_BUILD_TESTS=OFF -DPAVP_BUILD_BENCH=OFF -DPAVP_PGO=generate \
  -DPAVP_INCLUDE_DIR="$include_dir" > /dev/null
cmake --build "$gen" -j "$jobs" --target pavp pavp_firmware

stamp=$gen/pgo-trained.stamp
if [ ! -e "$stamp" ] || [ "$gen/bin/pavp" -nt "$stamp" ]; then
  echo "pgo: training the profile-guided build (a few seconds)"
  find "$gen" -name '*.gcda' -delete
  work=$gen/pgo-training
  rm -rf "$work"
  mkdir -p "$work"
  pavp() { env -i SC_COPYRIGHT_MESSAGE=DISABLE "$gen/bin/pavp" "$@"; }
  for prog in sieve crc32 matmul stdio chase; do
    "$gcc" -O2 -static -o "$work/$prog" "$repo/bench/se/$prog.c"
    # 124: stopped by the instruction limit, as asked (its message is not
    # news; any other status shows what pavp said).
    status=0
    pavp se --max-instructions 20000000 "$work/$prog" > /dev/null 2> "$work/$prog.err" || status=$?
    if [ "$status" -ne 0 ] && [ "$status" -ne 124 ]; then
      cat "$work/$prog.err" >&2
      echo "pgo: pavp se $prog failed (exit $status)" >&2
      exit 1
    fi
  done
  pavp run --fix none > /dev/null
  pavp explore --fix none --out "$work/explore" > /dev/null
  touch "$stamp"
fi

find "$build" -name '*.gcda' -delete
# Not the counts of a source the build generates (an embedded file): it sits
# in each build's own tree, and GCC would find its path changed.
(cd "$gen" && find . -name '*.gcda' -print0) | while IFS= read -r -d '' f; do
  source=${f%.gcda}                             # ./DIR/CMakeFiles/TARGET.dir/REST.cpp
  source=${source%%/CMakeFiles/*}/${source#*/CMakeFiles/*.dir/}  # ./DIR/REST.cpp
  [ -f "$gen/$source" ] && continue
  mkdir -p "$build/$(dirname "$f")"
  cp "$gen/$f" "$build/$f"
done
