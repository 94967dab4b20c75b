#!/usr/bin/env bash
# Builds the mediasoup 3.13.16 worker offline from Debian libraries and prints its path.
#
# Why: the worker's prebuilt download and its meson subprojects come from GitHub, which
# this project's machines cannot reach. We build it against Debian's libuv, libsrtp2,
# usrsctp and abseil, plus two private builds from Debian source tarballs:
#   - OpenSSL 3.0.x WITHOUT kernel TLS (mediasoup 3.13.16's write-BIO callback answers 1
#     to every BIO_ctrl, so a KTLS-enabled libssl writes the DTLS ServerHello to NULL and
#     the worker dies on the first Chromium handshake), linked statically;
#   - FlatBuffers 23.5.26 (bookworm has 2.0.8, the worker needs >= 23).
# The result is cached outside the clone, keyed by every version that goes into it:
#   ${SWITCHBOARD_CACHE:-$HOME/.cache/switchboard}/worker/<key>/mediasoup-worker
# Set MEDIASOUP_WORKER_BIN to use a worker you built yourself.
set -euo pipefail
# The whole script is one block so bash parses it before running it (editing it mid-build
# then cannot derail a running build).
{

MEDIASOUP_VERSION=3.13.16
OPENSSL_VERSION=3.0.22
OPENSSL_URL="http://deb.debian.org/debian-security/pool/updates/main/o/openssl/openssl_${OPENSSL_VERSION}.orig.tar.gz"
OPENSSL_SHA256=67ebca7e50d17383028045486653492195b83db95f8558709701bb47b5c1ef81
FLATBUFFERS_VERSION=23.5.26
FLATBUFFERS_URL="http://deb.debian.org/debian/pool/main/f/flatbuffers/flatbuffers_${FLATBUFFERS_VERSION}+dfsg.orig.tar.xz"
FLATBUFFERS_SHA256=0d309fd2c47bbbebd450e68d1419c336d53d1b8f5ce47e1f1f7f28f452fc6f3b
# Debian's mirror, as configured for apt; override for another mirror.
DEBIAN_MIRROR_OVERRIDE="${DEBIAN_MIRROR:-}"

CACHE="${SWITCHBOARD_CACHE:-$HOME/.cache/switchboard}"
KEY="mediasoup-${MEDIASOUP_VERSION}_openssl-${OPENSSL_VERSION}-noktls_flatbuffers-${FLATBUFFERS_VERSION}"
OUT_DIR="$CACHE/worker/$KEY"
OUT_BIN="$OUT_DIR/mediasoup-worker"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"

log() { echo "[build-worker] $*" >&2; }
die() { echo "[build-worker] ERROR: $*" >&2; exit 1; }

if [[ "${1:-}" == "--print-path" ]]; then echo "$OUT_BIN"; exit 0; fi
if [[ -x "$OUT_BIN" && "${1:-}" != "--force" ]]; then echo "$OUT_BIN"; exit 0; fi

# --- prerequisites ---------------------------------------------------------
missing=()
for cmd in cc c++ make cmake ninja pkg-config curl tar xz npm python3; do
  command -v "$cmd" >/dev/null || missing+=("$cmd")
done
if command -v meson >/dev/null; then
  mv=$(meson --version)
  if [[ "$(printf '%s\n1.1.0\n' "$mv" | sort -V | head -1)" != "1.1.0" ]]; then
    missing+=("meson>=1.1 (have $mv; Debian: apt-get install -t bookworm-backports meson)")
  fi
else
  missing+=("meson>=1.1")
fi
for pc in libuv libsrtp2 usrsctp absl_base; do
  pkg-config --exists "$pc" 2>/dev/null || missing+=("pkg-config:$pc")
done
if ((${#missing[@]})); then
  die "missing build prerequisites: ${missing[*]}
  On Debian 12: apt-get install build-essential pkg-config cmake ninja-build curl xz-utils \\
    libuv1-dev libsrtp2-dev libabsl-dev libusrsctp-dev nlohmann-json3-dev && \\
    apt-get install -t bookworm-backports meson   (or run scripts/install-system-deps.sh as root)"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/sb-worker.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
PREFIX="$WORK/prefix"
mkdir -p "$PREFIX"
start=$(date +%s)

fetch() { # url sha256 dest
  local url="$1" sum="$2" dest="$3"
  if [[ -n "$DEBIAN_MIRROR_OVERRIDE" ]]; then url="${url/http:\/\/deb.debian.org/$DEBIAN_MIRROR_OVERRIDE}"; fi
  log "fetching $url"
  curl -fsSL --retry 3 -o "$dest" "$url" || die "download failed: $url"
  echo "$sum  $dest" | sha256sum -c --quiet - || die "sha256 mismatch for $url"
}

# --- 1. OpenSSL without KTLS, static ----------------------------------------
fetch "$OPENSSL_URL" "$OPENSSL_SHA256" "$WORK/openssl.tar.gz"
tar -xzf "$WORK/openssl.tar.gz" -C "$WORK"
log "building OpenSSL $OPENSSL_VERSION (no-ktls, static)"
(
  cd "$WORK/openssl-$OPENSSL_VERSION"
  ./Configure linux-x86_64 no-ktls no-shared no-tests \
    no-idea no-mdc2 no-rc5 no-zlib no-ssl3 no-ssl3-method enable-rfc3779 enable-cms \
    no-capieng no-rdrand enable-ec_nistp_64_gcc_128 \
    --prefix="$PREFIX" --libdir=lib --openssldir=/usr/lib/ssl >/dev/null
  make -j"$JOBS" build_libs >/dev/null
  make install_dev >/dev/null
)
grep -q '# *define OPENSSL_NO_KTLS' "$PREFIX/include/openssl/configuration.h" \
  || die "private OpenSSL headers lack OPENSSL_NO_KTLS"

# --- 2. FlatBuffers 23.5.26 --------------------------------------------------
fetch "$FLATBUFFERS_URL" "$FLATBUFFERS_SHA256" "$WORK/flatbuffers.tar.xz"
mkdir -p "$WORK/flatbuffers"
tar -xJf "$WORK/flatbuffers.tar.xz" -C "$WORK/flatbuffers" --strip-components=1
log "building FlatBuffers $FLATBUFFERS_VERSION"
cmake -S "$WORK/flatbuffers" -B "$WORK/flatbuffers-build" -G Ninja \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$PREFIX" \
  -DFLATBUFFERS_BUILD_TESTS=OFF -DFLATBUFFERS_BUILD_FLATHASH=OFF >/dev/null
cmake --build "$WORK/flatbuffers-build" -j "$JOBS" >/dev/null
cmake --install "$WORK/flatbuffers-build" >/dev/null
export PATH="$PREFIX/bin:$PATH"
export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig:$PREFIX/lib64/pkgconfig:${PKG_CONFIG_PATH:-}"
flatc --version | grep -q "$FLATBUFFERS_VERSION" || die "flatc on PATH is not $FLATBUFFERS_VERSION"

# --- 3. mediasoup sources with local subproject shims ------------------------
log "fetching mediasoup@$MEDIASOUP_VERSION from the npm registry"
(cd "$WORK" && npm pack "mediasoup@$MEDIASOUP_VERSION" --silent >/dev/null)
tar -xzf "$WORK/mediasoup-$MEDIASOUP_VERSION.tgz" -C "$WORK"
SRC="$WORK/package/worker"
SUB="$SRC/subprojects"
mkdir -p "$SUB/.upstream-wraps"
mv "$SUB"/*.wrap "$SUB/.upstream-wraps/" 2>/dev/null || true
# Upstream packagefiles are not needed once the wraps are gone.
shim() { # dir, meson body, [meson_options.txt body for the options the worker passes]
  mkdir -p "$SUB/$1"
  printf "project('%s', 'cpp')\n%s\n" "$1" "$2" >"$SUB/$1/meson.build"
  if [[ -n "${3:-}" ]]; then printf '%s\n' "$3" >"$SUB/$1/meson_options.txt"; fi
}
# Each shim exposes the variables worker/meson.build and deps/libwebrtc/meson.build read:
# *_dep as external dependencies, the link_whole *_lib variables as empty lists.
shim openssl "openssl_dep = dependency('openssl', version: '=${OPENSSL_VERSION}', static: true, required: true)
libcrypto_lib = []
libssl_lib = []"
shim libuv "libuv_dep = dependency('libuv', required: true)
libuv = []" "option('build_tests', type: 'boolean', value: false)
option('build_benchmarks', type: 'boolean', value: false)"
shim libsrtp2 "libsrtp2_dep = declare_dependency(dependencies: dependency('libsrtp2', required: true), include_directories: include_directories('/usr/include/srtp2'))
libsrtp2 = []" "option('crypto-library', type: 'string', value: 'openssl')
option('crypto-library-kdf', type: 'string', value: 'disabled')
option('tests', type: 'string', value: 'disabled')"
shim usrsctp "usrsctp_dep = dependency('usrsctp', required: true)
usrsctp = []" "option('sctp_build_programs', type: 'boolean', value: false)"
shim abseil-cpp "absl_container_dep = dependency('absl_flat_hash_map', required: true)
absl_container_lib = []
absl_strings_dep = dependency('absl_strings', required: true)
absl_types_dep = declare_dependency(dependencies: [dependency('absl_optional'), dependency('absl_variant'), dependency('absl_span')])"
shim flatbuffers "flatbuffers_dep = dependency('flatbuffers', version: '=${FLATBUFFERS_VERSION}', required: true)
flatbuffers_lib = []"
shim catch2 "catch2_dep = declare_dependency()"

log "configuring the worker"
PKG_CONFIG_PATH="$PKG_CONFIG_PATH" meson setup "$WORK/build" "$SRC" --wrap-mode=nodownload \
  --buildtype release -Db_ndebug=true -Dms_disable_liburing=true >"$WORK/meson-setup.log" 2>&1 \
  || { tail -40 "$WORK/meson-setup.log" >&2; die "meson setup failed"; }
log "compiling (this takes a few minutes on 2 cores)"
meson compile -C "$WORK/build" -j "$JOBS" flatbuffers-generator >"$WORK/compile.log" 2>&1 \
  || { tail -40 "$WORK/compile.log" >&2; die "flatbuffers-generator failed"; }
meson compile -C "$WORK/build" -j "$JOBS" mediasoup-worker >>"$WORK/compile.log" 2>&1 \
  || { tail -60 "$WORK/compile.log" >&2; die "worker compile failed"; }

BIN="$WORK/build/mediasoup-worker"
[[ -x "$BIN" ]] || die "no worker binary produced"
if ldd "$BIN" | grep -Eq 'libssl|libcrypto'; then
  ldd "$BIN" >&2
  die "the worker links a shared libssl/libcrypto; it must use the private no-KTLS OpenSSL"
fi
strip "$BIN" || true
mkdir -p "$OUT_DIR"
cp "$BIN" "$OUT_BIN.tmp" && mv "$OUT_BIN.tmp" "$OUT_BIN"
cat >"$OUT_DIR/BUILD-INFO" <<INFO
mediasoup $MEDIASOUP_VERSION
openssl $OPENSSL_VERSION (Debian orig tarball, no-ktls, static)
flatbuffers $FLATBUFFERS_VERSION (Debian orig tarball)
built $(date -u +%FT%TZ) in $(( $(date +%s) - start )) s on $(uname -srm)
INFO
log "worker ready in $(( $(date +%s) - start )) s: $OUT_BIN"
echo "$OUT_BIN"
exit 0
}
