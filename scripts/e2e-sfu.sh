#!/usr/bin/env bash
# Starts the SFU for the end-to-end tests on a fresh, migrated, seeded database.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
db="${DATABASE_URL#file:}"
mkdir -p "$(dirname "$db")"
rm -f "$db" "$db-journal" "$db-wal" "$db-shm"
prisma migrate deploy >/dev/null
tsx packages/db/src/seed.ts
tsx packages/auth/src/cli.ts ensure-from-env >/dev/null
export MEDIASOUP_WORKER_BIN="${MEDIASOUP_WORKER_BIN:-$(bash scripts/build-mediasoup-worker.sh --print-path)}"
cd apps/sfu
exec node --import tsx src/main.ts
