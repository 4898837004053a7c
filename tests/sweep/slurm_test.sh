#!/usr/bin/env bash
# pavp sweep through a real Slurm: starts MUNGE and a single-node Slurm
# (slurmctld, slurmd) on this machine in a temporary folder -- its own key,
# socket, ports, state and logs, nothing from /etc or /run -- submits a small
# sweep as a job array with `pavp sweep --slurm`, waits for it (bounded),
# merges the shards and compares sweep.csv and sweep.json with a local run of
# the same sweep, byte for byte. Every daemon it started is stopped on every
# exit path.
#
#   tests/sweep/slurm_test.sh PAVP_BINARY
set -euo pipefail
pavp=$1
tmp=$(mktemp -d /tmp/pavp-slurm-test.XXXXXX)
chmod 755 "$tmp"  # munged wants its socket's folder reachable
pids=()
say() { echo "slurm_test: $*"; }

cleanup() {
  local rc=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ $rc -ne 0 ]; then
    for log in "$tmp"/*.log; do
      [ -f "$log" ] && { echo "--- $log"; tail -20 "$log"; }
    done
  fi
  rm -rf "$tmp"
  exit $rc
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# Two free TCP ports on localhost, from a range that depends on this process.
free_port() {
  local p=$1
  while (echo > /dev/tcp/127.0.0.1/$p) 2>/dev/null; do p=$((p + 1)); done
  echo $p
}
base=$((20000 + ($$ % 20000) * 2))
ctld_port=$(free_port $base)
slurmd_port=$(free_port $((ctld_port + 1)))

# MUNGE, in the foreground of a background job so that its pid is ours.
mungekey --create --keyfile="$tmp/munge.key"
chmod 400 "$tmp/munge.key"
munged --foreground --force --key-file="$tmp/munge.key" --socket="$tmp/munge.socket" \
  --pid-file="$tmp/munged.pid" --log-file="$tmp/munged.log" --seed-file="$tmp/munged.seed" &
pids+=($!)
for _ in $(seq 100); do [ -S "$tmp/munge.socket" ] && break; sleep 0.1; done
[ -S "$tmp/munge.socket" ] || { say "munged did not start"; exit 1; }

mkdir -p "$tmp/state" "$tmp/spool"
touch "$tmp/plugstack.conf"
cat > "$tmp/slurm.conf" <<EOF
ClusterName=pavptest
SlurmctldHost=localhost
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=$(id -un)
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$tmp/munge.socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
PlugStackConfig=$tmp/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
ReturnToService=2
MpiDefault=none
SwitchType=switch/none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
NodeName=pavpnode NodeAddr=127.0.0.1 NodeHostname=$(hostname) CPUs=$(nproc) State=UNKNOWN
PartitionName=pavp Nodes=pavpnode Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$tmp/slurm.conf

slurmctld -D -c -f "$SLURM_CONF" > "$tmp/slurmctld.out.log" 2>&1 &
pids+=($!)
slurmd -D -N pavpnode -f "$SLURM_CONF" > "$tmp/slurmd.out.log" 2>&1 &
pids+=($!)
state=""
for _ in $(seq 120); do
  state=$(sinfo -h -n pavpnode -o %T 2>/dev/null || true)
  [ "$state" = "idle" ] && break
  sleep 0.5
done
[ "$state" = "idle" ] || { say "the node did not become idle (state '$state')"; exit 1; }

# The sweep: two D-cache sizes x two associativities x two fixes, the seed run.
cat > "$tmp/sweep.toml" <<'EOF'
fixes = ["none", "cow-flush"]
schedules = 0
placements = 0
[[vary]]
key = "dcache.size"
values = ["8K", "16K"]
[[vary]]
key = "dcache.associativity"
values = [1, 2]
EOF
submitted=$("$pavp" sweep "$tmp/sweep.toml" --slurm --tasks 2 --partition pavp --out "$tmp/slurm")
echo "$submitted"
job=$(echo "$submitted" | sed -n 's/^submitted job \([0-9]*\) .*/\1/p')
[ -n "$job" ] || { say "no job id in: $submitted"; exit 1; }
for _ in $(seq 600); do
  [ -z "$(squeue -h -j "$job" 2>/dev/null)" ] && break
  sleep 0.5
done
[ -z "$(squeue -h -j "$job" 2>/dev/null)" ] || { say "job $job did not end within 300 s"; exit 1; }
for task in 0 1; do
  grep -q "^shard $task/2: 2 points, 2 run" "$tmp/slurm/slurm-${job}_$task.out" ||
    { say "task $task did not run its shard:"; cat "$tmp/slurm/slurm-${job}_$task.out"; exit 1; }
done

"$pavp" sweep "$tmp/sweep.toml" --merge --out "$tmp/slurm"
"$pavp" sweep "$tmp/sweep.toml" --out "$tmp/local" -j 2
cmp "$tmp/slurm/sweep.csv" "$tmp/local/sweep.csv"
cmp "$tmp/slurm/sweep.json" "$tmp/local/sweep.json"
say "job $job: 2 array tasks, 4 points x 2 fixes; the merged table equals the local run's"
