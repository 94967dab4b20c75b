#!/usr/bin/env bash
# `npm run bench:join`: join benchmark. With BENCH_URL it measures a running Switchboard;
# without, it starts web + sfu on their own ports and database, measures, and stops them.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
if [[ -n "${BENCH_URL:-}" ]]; then exec tsx tests/bench/join.ts; fi

bash scripts/setup.sh
source scripts/env.sh
export MEDIASOUP_WORKER_BIN="${MEDIASOUP_WORKER_BIN:-$(bash scripts/build-mediasoup-worker.sh)}"
turbo run build --filter=@switchboard/web --output-logs=errors-only >/dev/null
export DATABASE_URL="file:$ROOT/data/bench.db" SFU_PORT=4201 SFU_RTC_BASE_PORT=40200 LOG_LEVEL=warn
pids=()
stop() { for p in "${pids[@]}"; do kill -- "-$p" 2>/dev/null || true; done; }
trap stop EXIT INT TERM
setsid bash scripts/e2e-sfu.sh & pids+=($!)
(cd apps/web && SFU_PUBLIC_URL="http://127.0.0.1:4201" exec setsid next start -p 3201 -H 127.0.0.1 >/dev/null) & pids+=($!)
for _ in $(seq 1 120); do
  curl -fs http://127.0.0.1:4201/health >/dev/null 2>&1 && curl -fs -o /dev/null http://127.0.0.1:3201/ 2>/dev/null && break
  sleep 0.5
done
BENCH_URL=http://127.0.0.1:3201 tsx tests/bench/join.ts
