#!/usr/bin/env bash
# CI stage: proves that scripts/install-system-deps.sh works on a brand-new machine, not
# only on one that already has the packages. It builds a brand-new Debian root with
# debootstrap that looks like a new machine of this project's kind (Node.js 20 + npm,
# python3, make, g++, git; this machine's apt sources and npm settings; no
# /etc/apt/sources.list; nothing else), runs the system-package step inside it, checks
# that every package is then present, and runs the step a second time to show it is a
# no-op. No worker build here (that is the test command's job); about 2-4 minutes.
#
# Needs root. The debootstrapped base is cached as a tarball under
# ${SWITCHBOARD_CACHE:-~/.cache/switchboard}/fresh-root/ (keyed by the Node.js version).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf '[fresh-root] %s\n' "$*" >&2; }
fail() { printf '[fresh-root] ERROR: %s\n' "$*" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || fail "needs root (debootstrap, chroot, mounts)"

CACHE="${SWITCHBOARD_CACHE:-$HOME/.cache/switchboard}/fresh-root"
base="$CACHE/base-bookworm-node$(node -v).tar"
mkdir -p "$CACHE"
log="$(mktemp "${TMPDIR:-/tmp}/fresh-root.XXXXXX")"
root="$(mktemp -d "${TMPDIR:-/var/tmp}/fresh-root.run.XXXXXX")"

kill_inside() { # ends every process whose root is this chroot (and nothing outside it)
  local p r
  for p in /proc/[0-9]*; do
    r=$(readlink "$p/root" 2>/dev/null) || continue
    [[ "$r" == "$root" ]] && kill -9 "${p#/proc/}" 2>/dev/null
  done
  return 0
}
cleanup() {
  kill_inside
  for m in dev/pts dev proc sys; do umount -l "$root/$m" 2>/dev/null || true; done
  # Only remove the root once nothing is mounted in it.
  if ! grep -q " $root/" /proc/mounts; then rm -rf "$root"; fi
  rm -f "$log"
}
trap cleanup EXIT

if [[ ! -f "$base" ]]; then
  if ! command -v debootstrap >/dev/null; then
    say "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >"$log" 2>&1 \
      || { tail -n 20 "$log" >&2; fail "apt-get install debootstrap failed"; }
  fi
  codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
  mirror=$(apt-get update --print-uris 2>/dev/null \
    | sed -nE "s#^'([a-z+]+://[^']+)/dists/${codename}/(In)?Release'.*#\1#p" | head -n 1)
  [[ -n "$mirror" ]] || fail "apt lists no mirror for $codename"
  say "debootstrap $codename from $mirror (cached afterwards)"
  b="$CACHE/base.build"; rm -rf "$b"
  debootstrap --variant=minbase --include=python3,make,g++,git,ca-certificates,curl,procps \
    "$codename" "$b" "$mirror" >"$log" 2>&1 || { tail -n 20 "$log" >&2; fail "debootstrap failed"; }
  # A new machine of this kind: the sources are one deb822 file, no sources.list.
  rm -f "$b/etc/apt/sources.list"; rm -rf "$b/etc/apt/sources.list.d"; mkdir -p "$b/etc/apt/sources.list.d"
  for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list /etc/apt/sources.list; do
    [[ -f "$f" && "$f" != *switchboard-backports* ]] && cp "$f" "$b$f"
  done
  # Node.js and npm as a new machine has them, plus this machine's npm settings and CAs.
  cp "$(command -v node)" "$b/usr/bin/node"
  mkdir -p "$b/usr/lib/node_modules" "$b/usr/include"
  cp -a "$(npm root -g)/npm" "$b/usr/lib/node_modules/npm"
  [[ -d /usr/include/node ]] && cp -a /usr/include/node "$b/usr/include/node"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$b/usr/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$b/usr/bin/npx"
  for f in "$HOME/.npmrc" /etc/npmrc /usr/etc/npmrc /etc/ssl/certs/ca-certificates.crt; do
    [[ -f "$f" ]] || continue
    t="$b$f"; [[ "$f" == "$HOME/.npmrc" ]] && t="$b/root/.npmrc"
    mkdir -p "$(dirname "$t")"; cp "$f" "$t"
  done
  # Services installed inside the root must not start (they would outlive the stage).
  printf '#!/bin/sh\nexit 101\n' >"$b/usr/sbin/policy-rc.d"; chmod +x "$b/usr/sbin/policy-rc.d"
  tar -C "$b" -cf "$base.tmp" . && mv "$base.tmp" "$base" && rm -rf "$b"
fi

tar -C "$root" -xf "$base"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"
mkdir -p "$root/src"
cp -a "$ROOT/scripts" "$root/src/scripts"

inside() {
  chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 TERM=dumb bash -c "cd /src && $1" </dev/null
}

start=$(date +%s)
[[ ! -e "$root/etc/apt/sources.list" ]] || fail "the base root has a sources.list; a new machine has none"
say "running scripts/install-system-deps.sh in a brand-new root"
inside 'bash scripts/install-system-deps.sh' || fail "the system-package step failed on a brand-new machine"
say "installed in $(( $(date +%s) - start )) s; checking the result"
inside 'set -e; meson --version; sipp -v 2>&1 | grep -q "SIPp v"; command -v baresip linphonec svwar redis-server chromium espeak-ng sox pkg-config cmake ninja >/dev/null; test -x /usr/lib/postgresql/15/bin/initdb; pkg-config --exists libuv libsrtp2 usrsctp absl_base' \
  >"$log" 2>&1 || { cat "$log" >&2; fail "a package is missing after the system-package step"; }
out=$(inside 'bash scripts/install-system-deps.sh' 2>&1) || fail "second run failed: $out"
[[ -z "$out" ]] || fail "second run was not a no-op: $out"
say "passed: brand-new root installs everything (meson $(head -n 1 "$log")), second run is a no-op ($(( $(date +%s) - start )) s)"
