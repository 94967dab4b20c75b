import type { TransportOptions } from "@switchboard/protocol";
import type { types } from "mediasoup";
import type { Logger } from "./logger";
import type { Peer, TransportAppData } from "./Peer";

/**
 * A browser's WebRTC transport on the worker's WebRtcServer (one port per worker), owned
 * by `peer` from here on (it closes with the peer).
 */
export async function createWebRtcTransport(
  router: types.Router,
  webRtcServer: types.WebRtcServer,
  peer: Peer,
  direction: "send" | "recv",
  options: { initialOutgoingBitrate: number; log: Logger },
): Promise<types.WebRtcTransport<TransportAppData>> {
  const { log } = options;
  const transport = await router.createWebRtcTransport<TransportAppData>({
    webRtcServer,
    enableUdp: true,
    enableTcp: true,
    preferUdp: true,
    initialAvailableOutgoingBitrate: options.initialOutgoingBitrate,
    appData: { peerId: peer.id, direction },
  });
  transport.on("dtlsstatechange", (state) => {
    if (state === "failed" || state === "closed") {
      log.warn({ peerId: peer.id, direction, state }, "transport DTLS state");
    }
  });
  transport.on("icestatechange", (state) => {
    if (state === "disconnected") log.info({ peerId: peer.id, direction }, "ICE disconnected");
  });
  peer.addTransport(transport);
  return transport;
}

/** A plain RTP transport for the phone gateway's participants, owned by `peer`. */
export async function createPlainTransport(
  router: types.Router,
  peer: Peer,
  direction: "send" | "recv",
  options: { listenIp: string; announcedAddress: string | undefined },
): Promise<types.PlainTransport<TransportAppData>> {
  const transport = await router.createPlainTransport<TransportAppData>({
    listenInfo: { protocol: "udp", ip: options.listenIp, announcedIp: options.announcedAddress },
    rtcpMux: true,
    comedia: false,
    appData: { peerId: peer.id, direction, plain: true },
  });
  peer.addTransport(transport);
  return transport;
}

/** What the client needs to create its side of a WebRTC transport. */
export function transportOptions(t: types.WebRtcTransport): TransportOptions {
  return {
    id: t.id,
    iceParameters: t.iceParameters,
    iceCandidates: t.iceCandidates as TransportOptions["iceCandidates"],
    dtlsParameters: t.dtlsParameters as TransportOptions["dtlsParameters"],
  };
}
