#!/usr/bin/env bash
# `npm test`: set up what is missing, then type-check, lint, unit + integration tests (the
# database-touching ones on SQLite and again on PostgreSQL), build, and the end-to-end
# tests in Chromium. Fails on the first failing stage.
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

# The packages whose tests use a database (createTestDatabase) run again on PostgreSQL: a
# throwaway server (scripts/with-postgres.sh) whose URL they get as TEST_DATABASE_URL.
mapfile -t db_packages < <(grep -rlE '@switchboard/db/testing|src/testing"' apps/*/test packages/*/test \
  | xargs -n1 dirname | xargs -n1 dirname | sort -u)
filters=()
for dir in "${db_packages[@]}"; do filters+=("--filter=./$dir"); done
stage "unit and integration tests on PostgreSQL (${db_packages[*]})"
pg_start=$SECONDS
bash "$ROOT/scripts/with-postgres.sh" turbo run test --concurrency=1 --output-logs=full "${filters[@]}" \
  | tee "$out/unit-pg.log"
log "the PostgreSQL pass took $((SECONDS - pg_start)) s"
stage "build"
turbo run build --output-logs=errors-only
stage "end-to-end (Playwright, Chromium)"
playwright test | tee "$out/e2e.log"

# One closing line over every runner: "N passed, N failed".
sum() { { grep -oE "$1" "$2" || true; } | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) s += $i } END { print s + 0 }'; }
unit() { echo $(( $(sum "$1" "$out/unit.log") + $(sum "$1" "$out/unit-pg.log") )); }
passed=$(( $(unit 'ℹ pass [0-9]+') + $(sum '[0-9]+ passed' "$out/e2e.log") ))
failed=$(( $(unit 'ℹ fail [0-9]+') + $(sum '[0-9]+ failed' "$out/e2e.log") ))
log "all stages passed"
echo "tests: $passed passed, $failed failed"
