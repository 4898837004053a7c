#!/usr/bin/env bash
# The newcomer check: the README's two commands on a bare Debian 12.
#
#   scripts/fresh-machine-check.sh [--keep] [DIR]     (make fresh-check)
#
# Creates a bare Debian 12 root (`debootstrap --variant=minbase bookworm`) in
# DIR/root (DIR defaults to build/fresh-check), bind-mounts /proc, /sys and
# /dev into it, adds git and make, clones the current commit (HEAD) into
# /root/pavp, and runs `make study` and then `make test` there with chroot,
# as root, exactly as the README says. Prints both exit codes and wall times on
# one line, and exits non-zero if either command failed.
#
# Needs root, and the Debian mirror that apt already uses: the mirror is read
# from the host's apt sources, and the root gets the host's Debian sources,
# its apt Acquire settings (proxy, date checks), resolv.conf and hosts, as a
# new machine on this network would be set up. The logs of each step are in
# DIR; the root is removed at the end unless --keep is given. Whatever the
# script mounted is unmounted on every exit path, and the root is removed only
# when nothing is mounted under it any more.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
keep=0
dir=""
for arg in "$@"; do
  case "$arg" in
    --keep) keep=1 ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fresh-check: unknown option '$arg' (accepted: --keep, a directory)" >&2; exit 2 ;;
    *)
      if [ -n "$dir" ]; then
        echo "fresh-check: one directory only, got '$dir' and '$arg'" >&2; exit 2
      fi
      dir=$arg ;;
  esac
done
dir=${dir:-$repo/build/fresh-check}

if [ "$(id -u)" -ne 0 ]; then
  echo "fresh-check: needs root (debootstrap, mount and chroot); run it as root or with sudo" >&2
  exit 2
fi

say() { echo "fresh-check: $*"; }
now() { date +%s; }
duration() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

# The mirror of the host's `bookworm` source: deb822 (.sources) or one-line (.list).
mirror_of_host() {
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk 'BEGIN { RS = ""; FS = "\n" }
         {
           uri = ""; suites = ""; types = ""
           for (i = 1; i <= NF; i++) {
             if ($i ~ /^URIs:/)   { uri = $i;    sub(/^URIs:[ \t]*/, "", uri); sub(/[ \t].*/, "", uri) }
             if ($i ~ /^Suites:/) { suites = " " $i " " }
             if ($i ~ /^Types:/)  { types = " " $i " " }
           }
           if (uri != "" && types ~ / deb / && suites ~ /[ \t]bookworm[ \t]/) { print uri; exit }
         }' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
                       if ($(i + 1) == "bookworm") { print $i; exit } }' "$f"
  done
}
mirror=$(mirror_of_host | head -n 1)
if [ -z "$mirror" ]; then
  echo "fresh-check: no Debian bookworm source in /etc/apt/sources.list or /etc/apt/sources.list.d;" \
       "the check uses the mirror apt already uses" >&2
  exit 2
fi

"$repo/scripts/install-deps.sh" --fresh-check

commit=$(git -C "$repo" rev-parse HEAD)
short=$(git -C "$repo" rev-parse --short HEAD)
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
  say "the working tree has uncommitted changes; the check runs commit $short without them"
fi

root=$dir/root
mounts=()  # what this script mounted, in order
child=""   # the step running in the background

mounted_under_root() {
  findmnt -rn -o TARGET | awk -v r="$root" '$0 == r || index($0, r "/") == 1' | head -n 1
}

# Processes running inside the root (found by their root directory, as
# schroot does), ended before anything is unmounted.
stop_processes_in_root() {
  local sig p pids
  for sig in TERM KILL; do
    pids=()
    for p in /proc/[0-9]*; do
      [ "$(readlink "$p/root" 2> /dev/null)" = "$root" ] && pids+=("${p#/proc/}")
    done
    [ ${#pids[@]} -eq 0 ] && return 0
    kill "-$sig" "${pids[@]}" 2> /dev/null || true
    sleep 2
  done
}

cleanup() {
  local rc=$? i
  trap - EXIT INT TERM
  if [ -n "$child" ]; then kill -TERM "$child" 2> /dev/null || true; fi
  if [ -d "$root" ]; then stop_processes_in_root; fi
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    umount -R "${mounts[i]}" 2> /dev/null || umount -R -l "${mounts[i]}" 2> /dev/null || true
  done
  if [ -d "$root" ]; then
    if [ -n "$(mounted_under_root)" ]; then
      say "still mounted under $root: $(mounted_under_root); the root is kept, unmount it and remove it by hand" >&2
    elif [ "$keep" -eq 0 ]; then
      rm -rf --one-file-system "$root"
    else
      say "the root is kept in $root"
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
root=$dir/root
if [ -e "$root" ]; then
  if [ -n "$(mounted_under_root)" ]; then
    echo "fresh-check: something is mounted under $root from an earlier run; unmount it first" >&2
    exit 2
  fi
  rm -rf --one-file-system "$root"
fi

# step NAME LOG COMMAND...: runs COMMAND with its output in LOG; on failure shows
# the end of LOG.
step() {
  local name=$1 log=$2 rc=0
  shift 2
  say "$name (log: $log)"
  # In the background, so that a signal to this script is handled at once
  # (bash runs a trap only after a foreground command has ended).
  "$@" > "$log" 2>&1 &
  child=$!
  wait "$child" || rc=$?
  child=""
  if [ "$rc" -ne 0 ]; then
    say "$name failed with exit $rc; the end of $log:" >&2
    tail -n 30 "$log" >&2
  fi
  return "$rc"
}

in_root() {
  chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin /bin/bash -c "$1"
}

t0=$(now)
step "debootstrap --variant=minbase bookworm from $mirror" "$dir/debootstrap.log" \
  debootstrap --variant=minbase bookworm "$root" "$mirror"
t_boot=$(($(now) - t0))

# The host's Debian sources and network settings.
rm -f "$root/etc/apt/sources.list"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
  if [ -f "$f" ] && grep -q bookworm "$f"; then cp "$f" "$root$f"; fi
done
for f in /etc/apt/apt.conf.d/*; do
  if [ -f "$f" ] && grep -q '^[[:space:]]*Acquire::' "$f"; then cp "$f" "$root/etc/apt/apt.conf.d/"; fi
done
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp /etc/hosts "$root/etc/hosts"

for m in proc sys dev; do
  mount --rbind "/$m" "$root/$m"
  mounts+=("$root/$m")
  mount --make-rslave "$root/$m"
done

step "apt-get install git make" "$dir/prepare.log" in_root \
  "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends git make"
step "git clone of $short" "$dir/clone.log" \
  bash -c "git clone -q --no-checkout '$repo' '$root/root/pavp' && git -C '$root/root/pavp' checkout -q --detach '$commit'"

run_in_root() {  # run_in_root TARGET: sets rc_TARGET and s_TARGET
  local target=$1 rc=0 t
  t=$(now)
  step "make $target" "$dir/make-$target.log" in_root "cd /root/pavp && make $target" || rc=$?
  printf -v "rc_$target" '%d' "$rc"
  printf -v "s_$target" '%d' $(($(now) - t))
}
run_in_root study
run_in_root test

tests=$(grep -Eo '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$dir/make-test.log" | tail -n 1 || true)
say "commit $short on a bare Debian 12 (debootstrap $(duration "$t_boot")):" \
    "make study exit $rc_study in $(duration "$s_study");" \
    "make test exit $rc_test in $(duration "$s_test")${tests:+ ($tests)}"
[ "$rc_study" -eq 0 ] && [ "$rc_test" -eq 0 ]
