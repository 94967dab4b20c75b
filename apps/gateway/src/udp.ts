import { createSocket, type Socket } from "node:dgram";

/** A UDP socket bound to `address` on a free port. */
export async function bindUdp(address: string): Promise<Socket> {
  const socket = createSocket("udp4");
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, address, () => {
      socket.off("error", reject);
      resolve();
    });
  });
  return socket;
}

/** RTCP shares the RTP port (rtcp-mux): payload types 200–204 in the second byte. */
export function isRtcp(buf: Uint8Array): boolean {
  const pt = buf[1] ?? 0;
  return pt >= 192 && pt <= 223;
}
