#!/usr/bin/env bash
# Starts the phone gateway for the end-to-end tests, once the e2e SFU is up (the SFU's
# script recreates the database; the gateway must open it afterwards).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
for _ in $(seq 1 240); do
  curl -fs "${SFU_INTERNAL_URL}/health" >/dev/null 2>&1 && break
  sleep 0.5
done
cd apps/gateway
exec node --import tsx src/main.ts
