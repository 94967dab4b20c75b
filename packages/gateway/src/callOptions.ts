/** How calls make their media and whom they talk to; shared by inbound and outbound calls. */
import type { Logger } from "pino";
import type { FrameClock } from "./rtp/FrameClock";
import type { PortRange, RtpLatching } from "./rtp/RtpLeg";
import type { G711Name } from "./sdp/AudioSdp";
import type { DigestCredentials } from "./sip/digest";
import type { SipEndpoint } from "./sip/SipEndpoint";
import type { NameAddr } from "./sip/types";

export interface CallMediaOptions {
  /** Address RTP binds to. */
  address: string;
  /** Address written in SDP (defaults to `address`). */
  publicAddress?: string;
  portRange: PortRange;
  clock?: FrameClock;
  /** G.711 laws we accept, in our preference order when we offer. */
  codecs?: G711Name[];
  /** Payload type we offer for telephone-event (default 101). */
  telephoneEventPt?: number;
  /** Whose RTP we accept (default "signalled"; "nat" latches once to phones behind NAT). */
  latching?: RtpLatching;
}

export interface CallOptions {
  endpoint: SipEndpoint;
  media: CallMediaOptions;
  logger?: Logger;
}

export interface DialOptions extends CallOptions {
  /** Request URI, e.g. sip:+4930123@trunk.example.com */
  to: string;
  from: NameAddr;
  /** Outbound proxy/trunk URI (a Route), when the request URI's host is not where to send. */
  proxy?: string;
  credentials?: DigestCredentials;
  /** Give up (CANCEL) when not answered within this time (default 60 s). */
  noAnswerTimeoutMs?: number;
  /** Extra headers on the INVITE. */
  headers?: Record<string, string>;
}
