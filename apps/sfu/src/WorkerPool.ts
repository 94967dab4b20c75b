import type { types } from "mediasoup";
import * as mediasoup from "mediasoup";
import type { Logger } from "./logger";

interface PooledWorker {
  worker: types.Worker;
  webRtcServer: types.WebRtcServer;
  routers: number;
}

/**
 * One mediasoup Worker per core, each with one WebRtcServer (a single UDP+TCP port per
 * worker, so a deployment opens N ports, not one per transport). New rooms go to the
 * worker with the fewest routers.
 */
export class WorkerPool {
  private readonly workers: PooledWorker[] = [];

  private constructor(private readonly log: Logger) {}

  static async create(options: {
    count: number;
    listenIp: string;
    announcedAddress?: string | undefined;
    rtcBasePort: number;
    logLevel: types.WorkerLogLevel;
    log: Logger;
    onWorkerDied: (error: Error) => void;
  }): Promise<WorkerPool> {
    const pool = new WorkerPool(options.log);
    try {
      for (let i = 0; i < options.count; i++) {
        const worker = await mediasoup.createWorker({ logLevel: options.logLevel });
        worker.on("died", (error) => {
          options.log.fatal({ pid: worker.pid, err: error }, "mediasoup worker died");
          options.onWorkerDied(error);
        });
        const port = options.rtcBasePort + i;
        const listenInfo = {
          ip: options.listenIp,
          announcedAddress: options.announcedAddress,
          port,
        };
        const webRtcServer = await worker.createWebRtcServer({
          listenInfos: [
            { ...listenInfo, protocol: "udp" },
            { ...listenInfo, protocol: "tcp" },
          ],
        });
        pool.workers.push({ worker, webRtcServer, routers: 0 });
        options.log.info({ pid: worker.pid, port }, "mediasoup worker ready");
      }
    } catch (error) {
      pool.close();
      throw error;
    }
    return pool;
  }

  /** A new router on the least-loaded worker, released when the router closes. */
  async createRouter(
    mediaCodecs: types.RtpCodecCapability[],
  ): Promise<{ router: types.Router; webRtcServer: types.WebRtcServer }> {
    const target = this.workers.reduce((a, b) => (b.routers < a.routers ? b : a));
    target.routers++;
    try {
      const router = await target.worker.createRouter({ mediaCodecs });
      router.observer.once("close", () => {
        target.routers--;
      });
      return { router, webRtcServer: target.webRtcServer };
    } catch (error) {
      target.routers--;
      throw error;
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Worker and WebRtcServer dumps, for tests and diagnostics. */
  dump(): Promise<Array<{ worker: types.WorkerDump; webRtcServer: types.WebRtcServerDump }>> {
    return Promise.all(
      this.workers.map(async (w) => ({
        worker: await w.worker.dump(),
        webRtcServer: await w.webRtcServer.dump(),
      })),
    );
  }

  close(): void {
    for (const w of this.workers) {
      w.worker.removeAllListeners("died");
      w.worker.close();
    }
    this.workers.length = 0;
    this.log.debug("worker pool closed");
  }
}
