/** Offer/answer (RFC 3264) for one G.711 audio stream with telephone-event. */
import type { AudioSdp, G711Name, MediaDirection, SdpCodec } from "./AudioSdp";

export interface NegotiatedAudio {
  codec: SdpCodec & { name: G711Name };
  /** Payload type for RFC 4733 events in both directions, if both sides do them. */
  telephoneEventPt?: number;
  /** Our direction in the answer. */
  direction: MediaDirection;
  /** Whether we should send media to the remote (its direction allows receiving). */
  send: boolean;
  /** Whether the remote will send media to us. */
  receive: boolean;
  remoteAddress: string;
  remotePort: number;
  ptime: number;
}

/** The direction to answer with, given the offered one (and what we want). */
export function answerDirection(
  offered: MediaDirection,
  wanted: MediaDirection = "sendrecv",
): MediaDirection {
  const weSend = wanted === "sendrecv" || wanted === "sendonly";
  const weRecv = wanted === "sendrecv" || wanted === "recvonly";
  const theySend = offered === "sendrecv" || offered === "sendonly";
  const theyRecv = offered === "sendrecv" || offered === "recvonly";
  const send = weSend && theyRecv;
  const recv = weRecv && theySend;
  return send && recv ? "sendrecv" : send ? "sendonly" : recv ? "recvonly" : "inactive";
}

const isHoldAddress = (a: string) => a === "0.0.0.0" || a === "::";

/**
 * Picks the first offered codec we support (the offerer's preference) and answers the direction.
 * Returns null when nothing matches (answer 488).
 */
export function negotiate(
  offer: AudioSdp,
  supported: G711Name[] = ["PCMU", "PCMA"],
  wanted: MediaDirection = "sendrecv",
): NegotiatedAudio | null {
  const codec = offer.codecs.find(
    (c): c is SdpCodec & { name: G711Name } =>
      c.rate === 8000 && supported.includes(c.name.toUpperCase() as G711Name),
  );
  if (!codec || offer.port === 0) return null;
  const offered: MediaDirection = isHoldAddress(offer.address)
    ? offer.direction === "sendrecv" || offer.direction === "sendonly"
      ? "sendonly"
      : "inactive"
    : offer.direction;
  const direction = answerDirection(offered, wanted);
  return {
    codec: { ...codec, name: codec.name.toUpperCase() as G711Name },
    ...(offer.telephoneEventPt !== undefined && { telephoneEventPt: offer.telephoneEventPt }),
    direction,
    send: direction === "sendrecv" || direction === "sendonly",
    receive: direction === "sendrecv" || direction === "recvonly",
    remoteAddress: offer.address,
    remotePort: offer.port,
    ptime: offer.ptime ?? 20,
  };
}

/** Applies an answer to our offer: the codec the answerer chose among ours. */
export function acceptAnswer(
  ourOffer: { codecs: SdpCodec[]; telephoneEventPt?: number; direction: MediaDirection },
  answer: AudioSdp,
): NegotiatedAudio | null {
  const chosen = answer.codecs.find((c) =>
    ourOffer.codecs.some((o) => o.pt === c.pt || o.name === c.name),
  );
  if (!chosen || answer.port === 0) return null;
  const name = chosen.name.toUpperCase();
  if (name !== "PCMU" && name !== "PCMA") return null;
  const theirs: MediaDirection = isHoldAddress(answer.address) ? "inactive" : answer.direction;
  const theySend = theirs === "sendrecv" || theirs === "sendonly";
  const theyRecv = theirs === "sendrecv" || theirs === "recvonly";
  const weSend = ourOffer.direction === "sendrecv" || ourOffer.direction === "sendonly";
  const weRecv = ourOffer.direction === "sendrecv" || ourOffer.direction === "recvonly";
  return {
    codec: { ...chosen, name },
    ...(answer.telephoneEventPt !== undefined &&
      ourOffer.telephoneEventPt !== undefined && { telephoneEventPt: answer.telephoneEventPt }),
    direction: ourOffer.direction,
    send: weSend && theyRecv,
    receive: weRecv && theySend,
    remoteAddress: answer.address,
    remotePort: answer.port,
    ptime: answer.ptime ?? 20,
  };
}
