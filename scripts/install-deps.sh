#!/usr/bin/env bash
# Installs the Debian 12 packages pavp needs, and only those that are missing.
# Idempotent: a second run installs nothing. Uses sudo when not run as root.
#
#   scripts/install-deps.sh                everything the build, the study, the tests
#                                          and the benchmarks use (make study, make test)
#   scripts/install-deps.sh --fresh-check  also what scripts/fresh-machine-check.sh uses
#
# Every package is named here: apt-get runs with --no-install-recommends, so a
# package that another one only recommends (libc6-dev-hppa-cross for
# gcc-12-hppa-linux-gnu) must be in the list. The tools the build and the tests
# call besides these come with every Debian system (bash, coreutils' timeout,
# sed, mawk, util-linux's lscpu): they are Essential or Priority required, so
# even a `debootstrap --variant=minbase` root has them.
set -euo pipefail

packages=(
  # Build
  build-essential cmake pkg-config make
  libsystemc-dev                              # SystemC 2.3.4 with TLM-2.0
  libboost-dev libboost-program-options-dev   # command line
  nlohmann-json3-dev                          # JSON (Boost.JSON is not in Debian 12's Boost 1.74)
  libfmt-dev                                  # formatting of tables and reports
  libtomlplusplus-dev                         # TOML: pavp sweep's sweep files
  libxbyak-dev                                # x86-64 host code for the ISS's runs of ALU instructions
  # The firmware and the guest programs
  gcc-12-hppa-linux-gnu binutils-hppa-linux-gnu  # hppa-linux-gnu-gcc-12, -as, -ld, -objcopy
  libc6-dev-hppa-cross                        # hppa glibc: pavp se, differential and FPU test programs
  # Tests and benchmarks
  libgtest-dev libgmock-dev                   # test benches
  qemu-user                                   # qemu-hppa, the differential oracle (user mode)
  qemu-system-misc                            # qemu-system-hppa -bios, the oracle for system instructions
  python3                                     # tests/diff/run_diff.py, the differential runner
  python3-matplotlib                          # scripts/plot_study.py: the study's pictures
  gdb-multiarch                               # tests/gdb: the debugger against pavp --gdb
  slurm-wlm munge                             # tests/sweep: pavp sweep --slurm on a real Slurm
)

case "${1:-}" in
  "") ;;
  --fresh-check)
    packages+=(debootstrap git)  # the bare Debian 12 root, and the clone into it
    ;;
  *)
    echo "install-deps: unknown argument '$1' (accepted: none, or --fresh-check)" >&2
    exit 2
    ;;
esac

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo > /dev/null; then
    echo "install-deps: these Debian packages are missing and installing them needs root:" \
         "run this as root, or install sudo (${missing[*]})" >&2
    exit 1
  fi
  sudo_cmd=(sudo)
fi
# env inside sudo: sudo does not pass the caller's environment on.
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
