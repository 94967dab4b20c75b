import type { ParticipantKind, PeerInfo } from "@switchboard/protocol";
import type { types } from "mediasoup";

/**
 * What a kind of participant is to the room: which transports it gets, what it receives,
 * whether others see it. The room asks these questions instead of testing kind names.
 */
export interface PeerKind {
  readonly name: ParticipantKind;
  /**
   * Others see it: a tile, `peerJoined`/`peerLeft`, chat history and a rejoin key at join,
   * room membership for moderation. A hidden peer only receives media.
   */
  readonly listed: boolean;
  /** How others' UIs show it (`PeerInfo.kind`). */
  readonly shownAs: PeerInfo["kind"];
  /** Joins with a WebRTC send and a WebRTC receive transport. */
  readonly webRtcTransports: boolean;
  /** The one plain RTP transport it may ask for after joining, if any. */
  readonly plainTransport: "send" | "recv" | null;
  /** Only the phone gateway (it presented the gateway key) may join as this kind. */
  readonly gatewayOnly: boolean;
  /** May tell the room how a phone call it placed is going. */
  readonly reportsCalls: boolean;
  /** Whether it receives `media` that a peer of kind `from` produces. */
  consumes(from: PeerKind, media: types.MediaKind): boolean;
}

/** A person in a browser: WebRTC both ways, receives everything. */
export const BROWSER: PeerKind = {
  name: "browser",
  listed: true,
  shownAs: "browser",
  webRtcTransports: true,
  plainTransport: null,
  gatewayOnly: false,
  reportsCalls: false,
  consumes: () => true,
};

/**
 * A phone caller bridged by the gateway: a tile that sends G.711 over a plain RTP
 * transport and receives nothing from the SFU (the gateway mixes for it from its listener).
 */
export const PHONE: PeerKind = {
  name: "phone",
  listed: true,
  shownAs: "phone",
  webRtcTransports: false,
  plainTransport: "send",
  gatewayOnly: true,
  reportsCalls: false,
  consumes: () => false,
};

/**
 * The gateway's hidden listener, one per room: receives every browser's audio once for
 * all phone legs; callers' audio it skips (the gateway mixes callers among themselves).
 */
export const LISTENER: PeerKind = {
  name: "listener",
  listed: false,
  shownAs: "browser",
  webRtcTransports: false,
  plainTransport: "recv",
  gatewayOnly: true,
  reportsCalls: true,
  consumes: (from, media) => media === "audio" && from === BROWSER,
};

export const PEER_KINDS: Readonly<Record<ParticipantKind, PeerKind>> = {
  browser: BROWSER,
  phone: PHONE,
  listener: LISTENER,
};
