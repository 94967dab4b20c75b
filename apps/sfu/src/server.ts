import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createDb, type Db } from "@switchboard/db";
import type { ClientToServerEvents, ServerToClientEvents } from "@switchboard/protocol";
import { gatewayKey } from "@switchboard/tokens";
import { WebhookDispatcher } from "@switchboard/webhooks";
import type { types } from "mediasoup";
import { Server } from "socket.io";
import { AdminApi } from "./AdminApi";
import { type SfuConfig, workerCount } from "./config";
import { GatewayControl } from "./GatewayControl";
import { createLogger, type Logger } from "./logger";
import { mediaCodecs } from "./mediaCodecs";
import { RoomRegistry } from "./RoomRegistry";
import { SignalingServer } from "./SignalingServer";
import { WorkerPool } from "./WorkerPool";

export interface Sfu {
  readonly http: HttpServer;
  readonly io: Server<ClientToServerEvents, ServerToClientEvents>;
  readonly pool: WorkerPool;
  readonly rooms: RoomRegistry;
  readonly log: Logger;
  /** The port the signaling server listens on (useful with port 0). */
  readonly port: number;
  close(): Promise<void>;
}

/** Socket.io accepts up to this; the protocol's own limit is smaller and answered typed. */
const TRANSPORT_MAX_BYTES = 1_000_000;

/**
 * Starts the SFU: mediasoup workers, the socket.io signaling server and a small HTTP
 * endpoint (`GET /health`). Used by the process entry point and by integration tests.
 */
export async function startSfu(
  config: SfuConfig,
  deps: { db?: Db; log?: Logger; onWorkerDied?: (error: Error) => void } = {},
): Promise<Sfu> {
  const log = deps.log ?? createLogger(config.logLevel);
  const db = deps.db ?? createDb(config.databaseUrl);
  const pool = await WorkerPool.create({
    count: workerCount(config),
    listenIp: config.listenIp,
    announcedAddress: config.announcedAddress,
    rtcBasePort: config.rtcBasePort,
    logLevel: config.workerLogLevel,
    log,
    onWorkerDied: deps.onWorkerDied ?? (() => process.exit(1)),
  });
  const routerRtpCapabilities = await readRouterCapabilities(pool);
  const webhooks = new WebhookDispatcher(db, {
    backoffMs: config.webhookBackoffMs,
    pollMs: config.webhookPollMs,
    onError: (err) => log.error({ err }, "webhook delivery pass failed"),
  });
  const rooms = new RoomRegistry(
    (type, data) => {
      webhooks.emit(type, data).catch((err) => log.error({ err, type }, "could not queue webhook"));
    },
    pool,
    db,
    config,
    log,
  );

  const admin = new AdminApi(rooms, config.secret, log);
  const http = createServer((req, res) => {
    if (admin.handle(req, res)) return;
    if (req.method === "GET" && req.url === "/health") {
      const live = rooms.all();
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          ok: true,
          workers: pool.size,
          rooms: live.length,
          peers: live.reduce((n, r) => n + r.peers.size, 0),
        }),
      );
      return;
    }
    if (!res.headersSent && !req.url?.startsWith("/socket.io")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error: "not found" }));
    }
  });
  const origins = config.corsOrigins.trim();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
    maxHttpBufferSize: TRANSPORT_MAX_BYTES,
    cors: { origin: origins === "*" ? true : origins.split(",").map((o) => o.trim()) },
    transports: ["websocket", "polling"],
  });
  new SignalingServer(
    io,
    rooms,
    routerRtpCapabilities,
    log,
    config.secret ? gatewayKey(config.secret) : undefined,
    config.secret ? new GatewayControl(config.gatewayControlUrl, config.secret) : undefined,
  );

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  log.info({ port, workers: pool.size, rtcBasePort: config.rtcBasePort }, "sfu listening");

  let closing: Promise<void> | undefined;
  return {
    http,
    io,
    pool,
    rooms,
    log,
    port,
    close() {
      closing ??= (async () => {
        rooms.closeAll();
        await webhooks.kick();
        await webhooks.close();
        io.close();
        await new Promise<void>((resolve) => http.close(() => resolve()));
        pool.close();
        if (!deps.db) await db.$disconnect();
      })();
      return closing;
    },
  };
}

/** Every room's router has the same codecs, so one throwaway router tells the capabilities. */
async function readRouterCapabilities(pool: WorkerPool): Promise<types.RtpCapabilities> {
  const { router } = await pool.createRouter(mediaCodecs);
  const caps = router.rtpCapabilities;
  router.close();
  return caps;
}
