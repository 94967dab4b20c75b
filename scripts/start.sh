#!/usr/bin/env bash
# `npm start`: set up what is missing, build the web app, run web + sfu, print the URL.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$ROOT/scripts/setup.sh"
source "$ROOT/scripts/env.sh"
MEDIASOUP_WORKER_BIN="${MEDIASOUP_WORKER_BIN:-$(bash "$ROOT/scripts/build-mediasoup-worker.sh")}"
export MEDIASOUP_WORKER_BIN
cd "$ROOT"

WEB_PORT="${WEB_PORT:-3000}"
export SFU_PORT="${SFU_PORT:-4001}"
log "building the web app"
turbo run build --filter=@switchboard/web --output-logs=errors-only >/dev/null

pids=()
stop() { for p in "${pids[@]}"; do kill -- "-$p" 2>/dev/null || true; done; }
trap stop EXIT INT TERM

(cd apps/sfu && exec setsid tsx src/main.ts) & pids+=($!)
(cd apps/web && exec setsid next start -p "$WEB_PORT") & pids+=($!)
# The phone gateway: SIP on GATEWAY_SIP_PORT (5060), control API on GATEWAY_HEALTH_PORT (5070).
(cd apps/gateway && exec setsid tsx src/main.ts) & pids+=($!)

for _ in $(seq 1 60); do
  curl -fs "http://localhost:$SFU_PORT/health" >/dev/null 2>&1 && curl -fs -o /dev/null "http://localhost:$WEB_PORT/" 2>/dev/null && break
  sleep 0.5
done
log "Switchboard is running: http://localhost:$WEB_PORT/r/demo  (home: http://localhost:$WEB_PORT/)"
log "phones: sip:dialin@${GATEWAY_SIP_ADDRESS:-127.0.0.1}:${GATEWAY_SIP_PORT:-5060}, PIN for the demo room: 1234#"
log "press Ctrl-C to stop"
wait -n "${pids[@]}"
