# One image for both processes (web and sfu); docker-compose.yml picks the command.
# Builds the mediasoup worker from Debian sources like the development machines do.
FROM node:20-bookworm
WORKDIR /app
COPY . .
RUN SWITCHBOARD_NO_BROWSER=1 bash scripts/install-system-deps.sh \
 && MEDIASOUP_WORKER_BIN="$(bash scripts/build-mediasoup-worker.sh)" npm ci --no-audit --no-fund \
 && npm run db:generate \
 && NEXT_TELEMETRY_DISABLED=1 npx turbo run build --filter=@switchboard/web
ENV MEDIASOUP_WORKER_BIN=/root/.cache/switchboard/worker/mediasoup-3.13.16_openssl-3.0.22-noktls_flatbuffers-23.5.26/mediasoup-worker \
    NEXT_TELEMETRY_DISABLED=1
