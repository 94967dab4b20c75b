#!/usr/bin/env bash
# Installs the Debian packages Switchboard needs to build its mediasoup worker and run
# its tests (as root, on Debian 12 "bookworm"). Elsewhere it prints what to install.
set -euo pipefail
PKGS=(build-essential pkg-config cmake ninja-build curl ca-certificates xz-utils python3
  libuv1-dev libsrtp2-dev libabsl-dev libusrsctp-dev espeak-ng sox sip-tester baresip)
# Chromium runs the browser tests; production images skip it with SWITCHBOARD_NO_BROWSER=1.
[[ -n "${SWITCHBOARD_NO_BROWSER:-}" ]] || PKGS+=(chromium)
BACKPORTS_PKGS=(meson)

need_install() {
  local missing=()
  for p in "${PKGS[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p"); done
  if ! command -v meson >/dev/null || [[ "$(printf '%s\n1.1.0\n' "$(meson --version)" | sort -V | head -1)" != "1.1.0" ]]; then
    missing+=("meson>=1.1")
  fi
  printf '%s\n' "${missing[@]}"
}

missing="$(need_install)"
[[ -z "$missing" ]] && exit 0

if [[ $(id -u) -ne 0 || ! -f /etc/debian_version ]]; then
  echo "[switchboard] missing system packages:" $missing >&2
  echo "[switchboard] on Debian 12 as root: apt-get install ${PKGS[*]} && apt-get install -t bookworm-backports meson" >&2
  echo "[switchboard] elsewhere: a C/C++ toolchain, meson>=1.1, ninja, cmake, pkg-config and the dev files of libuv1, libsrtp2, abseil and usrsctp, plus Chromium for the browser tests" >&2
  exit 1
fi

echo "[switchboard] installing system packages:" $missing >&2
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
if ! grep -rqs "${codename}-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  # Same mirror as the system's own sources.
  mirror=$(grep -rhoE 'https?://[^ ]+/debian/?' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null | grep -v security | head -1)
  mirror=${mirror:-http://deb.debian.org/debian}
  cat >/etc/apt/sources.list.d/switchboard-backports.sources <<SRC
Types: deb
URIs: ${mirror%/}
Suites: ${codename}-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${PKGS[@]}" >/dev/null
apt-get install -y -q --no-install-recommends -t "${codename}-backports" "${BACKPORTS_PKGS[@]}" >/dev/null
echo "[switchboard] system packages installed" >&2
