# Sourced by the benchmark scripts that time one single-threaded process at a time
# (run_mips.sh, se_bench.sh). BENCH_CPU=n runs each timed command on host CPU n
# (taskset), so that both builds -- and qemu-hppa -- meet the same CPU: on a virtual
# machine whose CPUs do not run at one speed (BENCHMARKS.md, twentieth round: one of
# this machine's two ran pavp 1.4-1.7 times slower than the other), a process lands on
# either, and an unpinned series mixes the two. Unset: no pinning.
pin=()
if [ -n "${BENCH_CPU:-}" ]; then
  if ! [[ $BENCH_CPU =~ ^[0-9]+$ ]] || [ "$BENCH_CPU" -ge "$(nproc)" ]; then
    echo "BENCH_CPU=$BENCH_CPU: not a CPU of this machine (accepted: 0 to $(($(nproc) - 1)))" >&2
    exit 2
  fi
  if ! command -v taskset > /dev/null; then
    echo "BENCH_CPU is set but taskset (util-linux) is missing" >&2
    exit 2
  fi
  pin=(taskset -c "$BENCH_CPU")
fi
