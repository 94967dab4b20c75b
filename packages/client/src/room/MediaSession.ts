import type { RequestData, ResponseData, Source } from "@switchboard/protocol";
import { Device, type types } from "mediasoup-client";
import { SwitchboardError } from "../errors";
import type { SignalClient } from "../signal/SignalClient";

/**
 * The WebRTC side of a room: the mediasoup-client Device (loaded once, early, with the
 * router's capabilities) and, per join, the send and receive transports the server
 * created, wired to the signaling session (DTLS connect, produce, ICE restart). It
 * creates the transports, so it closes them.
 */
export class MediaSession {
  private device: Device | undefined;
  private transports: { send: types.Transport; recv: types.Transport } | undefined;

  /** Loads the device once (later calls return at once). */
  async load(signal: SignalClient): Promise<void> {
    if (this.device) return;
    let device: Device;
    try {
      device = new Device();
    } catch (error) {
      throw new SwitchboardError(
        "UNSUPPORTED_BROWSER",
        `this browser cannot make WebRTC calls (${error instanceof Error ? error.message : "unknown"})`,
      );
    }
    const { routerRtpCapabilities } = await signal.request("getRouterRtpCapabilities", {});
    await device.load({ routerRtpCapabilities: routerRtpCapabilities as types.RtpCapabilities });
    this.device = device;
  }

  /** What we can receive, for the join request. */
  get rtpCapabilities(): RequestData<"join">["rtpCapabilities"] {
    if (!this.device) throw new SwitchboardError("DISCONNECTED", "connect() before joining");
    return this.device.rtpCapabilities as RequestData<"join">["rtpCapabilities"];
  }

  /** Creates this join's transports (closing any previous ones). */
  open(
    signal: SignalClient,
    joined: ResponseData<"join">,
  ): { send: types.Transport; recv: types.Transport } {
    this.close();
    if (!this.device) throw new SwitchboardError("DISCONNECTED", "connect() before joining");
    if (!joined.sendTransport || !joined.recvTransport) {
      throw new SwitchboardError("MEDIA_ERROR", "the server gave no WebRTC transports");
    }
    const send = this.device.createSendTransport(joined.sendTransport as types.TransportOptions);
    const recv = this.device.createRecvTransport(joined.recvTransport as types.TransportOptions);
    for (const transport of [send, recv]) {
      transport.on("connect", ({ dtlsParameters }, callback, errback) => {
        signal
          .request("connectTransport", {
            transportId: transport.id,
            dtlsParameters: dtlsParameters as RequestData<"connectTransport">["dtlsParameters"],
          })
          .then(() => callback(), errback);
      });
      transport.on("connectionstatechange", (state) => {
        if (state === "failed") void restartIce(signal, transport);
      });
    }
    send.on("produce", ({ kind, rtpParameters, appData }, callback, errback) => {
      signal
        .request("produce", {
          transportId: send.id,
          kind,
          rtpParameters: rtpParameters as RequestData<"produce">["rtpParameters"],
          source: appData.source as Source,
          paused: appData.paused === true,
        })
        .then(({ producerId }) => callback({ id: producerId }), errback);
    });
    this.transports = { send, recv };
    return this.transports;
  }

  /** Closes the transports (and with them every producer and consumer on them). */
  close(): void {
    this.transports?.send.close();
    this.transports?.recv.close();
    this.transports = undefined;
  }
}

async function restartIce(signal: SignalClient, transport: types.Transport): Promise<void> {
  try {
    const { iceParameters } = await signal.request("restartIce", { transportId: transport.id });
    if (!transport.closed) await transport.restartIce({ iceParameters });
  } catch {
    // The signaling session's own drop handling reports the failure.
  }
}
