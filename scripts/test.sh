#!/usr/bin/env bash
# `npm test`: set up what is missing, then type-check, lint, unit + integration tests,
# build, and the end-to-end tests in Chromium. Fails on the first failing stage.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/setup.sh"
source "$ROOT/scripts/env.sh"
MEDIASOUP_WORKER_BIN="${MEDIASOUP_WORKER_BIN:-$(bash "$ROOT/scripts/build-mediasoup-worker.sh")}"
export MEDIASOUP_WORKER_BIN
cd "$ROOT"

stage() { log "── $* ──"; }
stage "type-check"
turbo run typecheck --output-logs=errors-only
stage "lint and format (biome)"
biome ci .
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
stage "unit and integration tests"
turbo run test --concurrency=1 --output-logs=full | tee "$out/unit.log"
stage "build"
turbo run build --output-logs=errors-only
stage "end-to-end (Playwright, Chromium)"
playwright test | tee "$out/e2e.log"

# One closing line over every runner: "N passed, N failed".
sum() { { grep -oE "$1" "$2" || true; } | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) s += $i } END { print s + 0 }'; }
passed=$(( $(sum 'ℹ pass [0-9]+' "$out/unit.log") + $(sum '[0-9]+ passed' "$out/e2e.log") ))
failed=$(( $(sum 'ℹ fail [0-9]+' "$out/unit.log") + $(sum '[0-9]+ failed' "$out/e2e.log") ))
log "all stages passed"
echo "tests: $passed passed, $failed failed"
