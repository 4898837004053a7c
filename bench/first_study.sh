#!/usr/bin/env bash
# The first `make study` from a clean clone, with the Debian packages already
# installed: configure, build pavp and the firmware, run the study.
# Usage: bench/first_study.sh [REPO]   (default: this checkout; clones its HEAD)
set -euo pipefail
repo=${1:-$(cd "$(dirname "$0")/.." && pwd)}
work=$(mktemp -d /tmp/pavp-first-study.XXXXXX)
trap 'rm -rf "$work"' EXIT
git clone -q "$repo" "$work/pavp"
t0=$(date +%s.%N)
make -C "$work/pavp" study > "$work/study.log" 2>&1 || { tail -n 20 "$work/study.log" >&2; exit 1; }
t1=$(date +%s.%N)
echo "first make study from a clean clone of $(git -C "$work/pavp" rev-parse --short HEAD): $(awk "BEGIN { printf \"%.1f\", $t1 - $t0 }") s"
