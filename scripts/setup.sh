#!/usr/bin/env bash
# Brings a fresh clone to a runnable state; every step is skipped when already done:
# system packages, the mediasoup worker, npm dependencies, Prisma clients, migrations,
# the seeded demo room. Sourced by start.sh and test.sh, runnable on its own.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=9)?0:1)' \
  || die "Node.js >= 20.9 is needed (found $(node -v))"

bash scripts/install-system-deps.sh || die "install the system packages listed above, then retry"

if [[ -z "${MEDIASOUP_WORKER_BIN:-}" ]]; then
  if [[ ! -x "$(bash scripts/build-mediasoup-worker.sh --print-path)" ]]; then
    log "building the mediasoup worker (first time only, ~5 minutes on 2 cores)"
  fi
  MEDIASOUP_WORKER_BIN="$(bash scripts/build-mediasoup-worker.sh)"
fi
export MEDIASOUP_WORKER_BIN
[[ -x "$MEDIASOUP_WORKER_BIN" ]] || die "no mediasoup worker at $MEDIASOUP_WORKER_BIN"

if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "installing npm dependencies"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Two clients from one schema: SQLite's and PostgreSQL's (from the generated variant).
if [[ ! -f node_modules/.prisma/client/index.js || ! -f node_modules/.prisma/client-postgresql/index.js \
  || prisma/schema.prisma -nt node_modules/.prisma/client/index.js \
  || prisma/schema.prisma -nt node_modules/.prisma/client-postgresql/index.js ]]; then
  log "generating the Prisma clients (SQLite and PostgreSQL)"
  tsx packages/db/src/cli.ts generate >/dev/null
fi

if [[ -z "${SWITCHBOARD_SECRET:-}" ]]; then
  mkdir -p data
  if [[ ! -f data/.secret ]]; then
    (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))' >data/.secret)
    log "generated data/.secret (set SWITCHBOARD_SECRET to use your own)"
  fi
fi

if [[ "$DATABASE_URL" == file:* ]]; then mkdir -p "$(dirname "${DATABASE_URL#file:}")"; fi
# SQLite: prisma migrate deploy; PostgreSQL: our runner (see the README's "Database").
tsx packages/db/src/cli.ts migrate >/dev/null || die "database migration failed ($DATABASE_URL)"
tsx packages/db/src/seed.ts
tsx packages/auth/src/cli.ts ensure-from-env >/dev/null
