/** Test ports: random within ranges that avoid the project's fixed ports (3000, 3101, 4000, 4101, 40000-40999). */
import { createSocket } from "node:dgram";
import { createServer } from "node:net";

const used = new Set<number>();

async function udpFree(address: string, port: number): Promise<boolean> {
  const s = createSocket("udp4");
  return new Promise((resolve) => {
    s.once("error", () => resolve(false));
    s.bind(port, address, () => s.close(() => resolve(true)));
  });
}

async function tcpFree(address: string, port: number): Promise<boolean> {
  const srv = createServer();
  return new Promise((resolve) => {
    srv.once("error", () => resolve(false));
    srv.listen(port, address, () => srv.close(() => resolve(true)));
  });
}

/** A port free for UDP and TCP on `address` in [min, max] (even when `even`). */
export async function freePort(
  address: string,
  min: number,
  max: number,
  even = false,
): Promise<number> {
  for (let i = 0; i < 200; i++) {
    let p = min + Math.floor(Math.random() * (max - min + 1));
    if (even) p -= p % 2;
    if (p < min || used.has(p)) continue;
    if (
      (await udpFree(address, p)) &&
      (await tcpFree(address, p)) &&
      (!even || (await udpFree(address, p + 1)))
    ) {
      used.add(p);
      return p;
    }
  }
  throw new Error(`no free port in ${min}-${max}`);
}

export const GATEWAY_SIP_RANGE = [21000, 22999] as const;
export const PEER_SIP_RANGE = [23000, 24999] as const;
export const PEER_MEDIA_RANGE = [25000, 26998] as const;
export const GATEWAY_RTP_RANGE = { min: 27000, max: 29999 };
