/** SDP for one audio stream (G.711 + telephone-event), parsed and built with sdp-transform. */
import { parse, type SessionDescription, write } from "sdp-transform";

export type MediaDirection = "sendrecv" | "sendonly" | "recvonly" | "inactive";
export type G711Name = "PCMU" | "PCMA";

export interface SdpCodec {
  pt: number;
  name: string;
  rate: number;
}

export interface AudioSdp {
  /** Connection address (media level, else session level). "0.0.0.0" means hold (RFC 2543). */
  address: string;
  port: number;
  /** In the sender's order of preference. */
  codecs: SdpCodec[];
  /** Payload type of telephone-event/8000, if offered. */
  telephoneEventPt?: number;
  direction: MediaDirection;
  ptime?: number;
  sessionId: string;
  sessionVersion: number;
}

const STATIC: Record<number, SdpCodec> = {
  0: { pt: 0, name: "PCMU", rate: 8000 },
  8: { pt: 8, name: "PCMA", rate: 8000 },
};

/** The first audio stream of an SDP, or null when there is none or the text is not SDP. */
export function parseAudioSdp(text: string): AudioSdp | null {
  if (!/^v=0/m.test(text) || text.length > 16_384) return null;
  let sd: SessionDescription;
  try {
    sd = parse(text);
  } catch {
    return null;
  }
  const m = sd.media.find((x) => x.type === "audio");
  if (!m || !Number.isInteger(m.port) || m.port < 0 || m.port > 65535) return null;
  const address = m.connection?.ip ?? sd.connection?.ip;
  if (!address) return null;
  const pts = String(m.payloads ?? "")
    .split(/\s+/)
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n >= 0 && n < 128);
  const codecs: SdpCodec[] = [];
  let telephoneEventPt: number | undefined;
  for (const pt of pts) {
    const map = m.rtp.find((r) => r.payload === pt);
    const c = map ? { pt, name: map.codec, rate: map.rate ?? 8000 } : STATIC[pt];
    if (!c) continue;
    if (c.name.toLowerCase() === "telephone-event" && c.rate === 8000) telephoneEventPt ??= pt;
    else codecs.push(c);
  }
  const direction: MediaDirection = m.direction ?? sd.direction ?? "sendrecv";
  return {
    address,
    port: m.port,
    codecs,
    ...(telephoneEventPt !== undefined && { telephoneEventPt }),
    direction,
    ...(m.ptime !== undefined && { ptime: m.ptime }),
    sessionId: String(sd.origin?.sessionId ?? "0"),
    sessionVersion: Number(sd.origin?.sessionVersion ?? 0),
  };
}

export interface BuildAudioSdp {
  address: string;
  port: number;
  codecs: SdpCodec[];
  telephoneEventPt?: number;
  direction: MediaDirection;
  ptime?: number;
  sessionId: string;
  sessionVersion: number;
}

export function buildAudioSdp(o: BuildAudioSdp): string {
  const ipVer = o.address.includes(":") ? 6 : 4;
  const rtp = o.codecs.map((c) => ({ payload: c.pt, codec: c.name, rate: c.rate }));
  const pts = o.codecs.map((c) => c.pt);
  const fmtp: { payload: number; config: string }[] = [];
  if (o.telephoneEventPt !== undefined) {
    rtp.push({ payload: o.telephoneEventPt, codec: "telephone-event", rate: 8000 });
    pts.push(o.telephoneEventPt);
    fmtp.push({ payload: o.telephoneEventPt, config: "0-16" });
  }
  const sd: SessionDescription = {
    version: 0,
    origin: {
      username: "switchboard",
      sessionId: o.sessionId,
      sessionVersion: o.sessionVersion,
      netType: "IN",
      ipVer,
      address: o.address,
    },
    name: "switchboard",
    connection: { version: ipVer, ip: o.address },
    timing: { start: 0, stop: 0 },
    media: [
      {
        type: "audio",
        port: o.port,
        protocol: "RTP/AVP",
        payloads: pts.join(" "),
        rtp,
        fmtp,
        ...(o.ptime !== undefined && { ptime: o.ptime }),
        direction: o.direction,
      },
    ],
  };
  return write(sd);
}
