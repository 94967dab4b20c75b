#!/usr/bin/env bash
# `npm test`: set up what is missing, then type-check, lint, unit + integration tests,
# build, and the end-to-end tests in Chromium. Fails on the first failing stage.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/setup.sh"
MEDIASOUP_WORKER_BIN="${MEDIASOUP_WORKER_BIN:-$(bash "$ROOT/scripts/build-mediasoup-worker.sh")}"
export MEDIASOUP_WORKER_BIN
cd "$ROOT"

stage() { log "── $* ──"; }
stage "type-check"
turbo run typecheck --output-logs=errors-only
stage "lint and format (biome)"
biome ci .
stage "unit and integration tests"
turbo run test --concurrency=1 --output-logs=full
stage "build"
turbo run build --output-logs=errors-only
stage "end-to-end (Playwright, Chromium)"
playwright test
log "all tests passed"
