#!/usr/bin/env bash
# Installs the Debian packages Switchboard needs to build its mediasoup worker and run
# its tests (as root, on Debian 12 "bookworm"). A no-op when everything is present.
# Elsewhere (not root, not Debian) it prints what to install and exits 1.
#
# Works on a brand-new machine as well as on an ordinary Debian 12:
#   - the mirror is read from apt's own view of the sources (`apt-get update --print-uris`,
#     which parses deb822 `.sources` files and classic `deb` lines the way apt does,
#     ignoring comments), so a `# http://snapshot...` comment never becomes the mirror;
#   - bookworm-backports is added for meson (>= 1.1) only, pinned so nothing else
#     comes from it;
#   - when apt fails, its own last lines are printed and the script exits non-zero.
set -euo pipefail

PKGS=(build-essential pkg-config cmake ninja-build curl ca-certificates xz-utils python3
  libuv1-dev libsrtp2-dev libabsl-dev libusrsctp-dev espeak-ng sox sip-tester baresip
  linphone-cli sipvicious postgresql redis-server iproute2 procps)
# Chromium runs the browser tests; production images skip it with SWITCHBOARD_NO_BROWSER=1.
[[ -n "${SWITCHBOARD_NO_BROWSER:-}" ]] || PKGS+=(chromium)
BACKPORTS_PKGS=(meson)
MESON_MIN=1.1.0

say() { printf '[switchboard] %s\n' "$*" >&2; }
fail() { printf '[switchboard] ERROR: %s\n' "$*" >&2; exit 1; }

missing_packages() {
  local p
  for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' || echo "$p"
  done
  return 0
}

meson_ok() {
  command -v meson >/dev/null || return 1
  [[ "$(printf '%s\n%s\n' "$(meson --version)" "$MESON_MIN" | sort -V | head -1)" == "$MESON_MIN" ]]
}

mapfile -t missing < <(missing_packages)
meson_ok || missing+=("meson>=$MESON_MIN")
((${#missing[@]} == 0)) && exit 0

if [[ $(id -u) -ne 0 || ! -f /etc/debian_version ]] || ! command -v apt-get >/dev/null; then
  say "missing system packages: ${missing[*]}"
  say "on Debian 12 as root: apt-get install ${PKGS[*]} && apt-get install -t bookworm-backports meson"
  say "elsewhere: a C/C++ toolchain, meson>=$MESON_MIN, ninja, cmake, pkg-config and the dev files of libuv1, libsrtp2, abseil and usrsctp, SIPp, baresip, linphonec, sipvicious, PostgreSQL 15, Redis 7, espeak-ng, sox, plus Chromium for the browser tests"
  exit 1
fi

codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
[[ -n "$codename" ]] || fail "cannot tell the Debian release from /etc/os-release"
export DEBIAN_FRONTEND=noninteractive
log="$(mktemp "${TMPDIR:-/tmp}/switchboard-apt.XXXXXX")"

updates="$log.update"
trap 'rm -f "$log" "$updates"' EXIT

# Runs an apt command with its output in the log; on failure shows the log's last lines
# and what `apt-get update` complained about (an unreachable mirror only warns there).
apt_run() {
  if ! "$@" >"$log" 2>&1; then
    say "this failed: $*"
    tail -n 25 "$log" | sed 's/^/    /' >&2
    if grep -qE '^(W|E|Err):' "$updates" 2>/dev/null; then
      say "apt-get update reported:"
      grep -E '^(W|E|Err):' "$updates" | head -n 10 | sed 's/^/    /' >&2
    fi
    fail "apt could not install the system packages (see the lines above)"
  fi
}

# The mirror that serves "<codename>" itself, as apt reads the configured sources.
debian_mirror() {
  apt-get update --print-uris 2>/dev/null \
    | sed -nE "s#^'([a-z+]+://[^']+)/dists/${codename}/(In)?Release'.*#\1#p" | head -n 1
  return 0
}

say "installing system packages: ${missing[*]}"
backports_listed=$(apt-get update --print-uris 2>/dev/null | grep -c "/dists/${codename}-backports/" || true)
if [[ "$backports_listed" == 0 ]]; then
  mirror="$(debian_mirror)"
  if [[ -z "$mirror" ]]; then
    say "apt lists no source for '${codename}'; these are the configured URIs:"
    apt-get update --print-uris 2>&1 | head -n 10 | sed 's/^/    /' >&2
    fail "configure a Debian ${codename} mirror for apt (/etc/apt/sources.list.d/debian.sources), then retry"
  fi
  say "adding ${codename}-backports from ${mirror} (meson only)"
  cat >/etc/apt/sources.list.d/switchboard-backports.sources <<SRC
# Added by Switchboard's scripts/install-system-deps.sh for meson >= ${MESON_MIN}.
Types: deb
URIs: ${mirror}
Suites: ${codename}-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
# Backports stay opt-in (Debian's default priority 100); only meson is taken from them.
apt_run apt-get update -q
cp "$log" "$updates"
apt_run apt-get install -y -q --no-install-recommends "${PKGS[@]}"
apt_run apt-get install -y -q --no-install-recommends -t "${codename}-backports" "${BACKPORTS_PKGS[@]}"

mapfile -t still < <(missing_packages)
meson_ok || still+=("meson>=$MESON_MIN (have: $(meson --version 2>/dev/null || echo none))")
((${#still[@]} == 0)) || fail "still missing after apt-get install: ${still[*]}"
say "system packages installed"
