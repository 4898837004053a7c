#!/usr/bin/env bash
# Installs the Debian 12 packages pavp needs, and only those that are missing.
# Idempotent: a second run installs nothing. Uses sudo when not run as root.
set -euo pipefail

packages=(
  build-essential cmake pkg-config make
  libsystemc-dev            # SystemC 2.3.4 with TLM-2.0
  libboost-dev libboost-program-options-dev   # command line
  nlohmann-json3-dev        # JSON (Boost.JSON is not in Debian 12's Boost 1.74)
  libfmt-dev                # formatting of tables and reports
  libgtest-dev libgmock-dev # test benches
  gcc-12-hppa-linux-gnu binutils-hppa-linux-gnu  # firmware and guest programs
  qemu-user                 # qemu-hppa, the differential oracle (user mode)
  qemu-system-misc          # qemu-system-hppa -bios, the oracle for system instructions
)

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
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
