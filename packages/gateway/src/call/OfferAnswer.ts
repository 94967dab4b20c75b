/**
 * One call's side of SDP offer/answer (RFC 3264): our session id and version, what we offered
 * and are waiting to hear answered, and the SDP we write (an answer with the chosen codec, or
 * an offer with all of ours).
 */
import type { CallMediaOptions } from "../callOptions";
import {
  buildAudioSdp,
  type G711Name,
  type MediaDirection,
  parseAudioSdp,
  type SdpCodec,
} from "../sdp/AudioSdp";
import { acceptAnswer, type NegotiatedAudio, negotiate } from "../sdp/negotiate";

const STATIC_CODECS: Record<G711Name, SdpCodec> = {
  PCMU: { pt: 0, name: "PCMU", rate: 8000 },
  PCMA: { pt: 8, name: "PCMA", rate: 8000 },
};

export class OfferAnswer {
  private version = 0;
  private readonly session = String(Math.floor(Math.random() * 1e9));
  /** Our offer waiting for its answer (in a 2xx, an ACK or a 183). */
  private pending: { direction: MediaDirection } | null = null;

  constructor(
    private readonly opts: CallMediaOptions,
    private readonly localPort: number,
  ) {}

  get offerPending(): boolean {
    return this.pending !== null;
  }

  /** The remote's offer (INVITE, re-INVITE): what we answer, or null (→ 488). */
  takeOffer(body: string, wanted: MediaDirection = "sendrecv"): NegotiatedAudio | null {
    const offer = parseAudioSdp(body);
    return offer && negotiate(offer, this.opts.codecs, wanted);
  }

  /** The remote's answer to our pending offer, or null when unusable. */
  takeAnswer(body: string): NegotiatedAudio | null {
    const answer = parseAudioSdp(body);
    const direction = this.pending?.direction ?? "sendrecv";
    const n =
      answer &&
      acceptAnswer(
        { codecs: this.offeredCodecs(), telephoneEventPt: this.tePt(), direction },
        answer,
      );
    if (n) this.pending = null;
    return n;
  }

  /** Our offer with every codec we take (marks it pending). */
  offer(direction: MediaDirection = "sendrecv"): string {
    this.pending = { direction };
    return this.build(this.offeredCodecs(), this.tePt(), direction);
  }

  /** Our answer: the negotiated codec only. */
  answer(n: NegotiatedAudio): string {
    return this.build([n.codec], n.telephoneEventPt, n.direction);
  }

  private build(codecs: SdpCodec[], te: number | undefined, direction: MediaDirection): string {
    this.version++;
    return buildAudioSdp({
      address: this.opts.publicAddress ?? this.opts.address,
      port: this.localPort,
      codecs,
      ...(te !== undefined && { telephoneEventPt: te }),
      direction,
      ptime: 20,
      sessionId: this.session,
      sessionVersion: this.version,
    });
  }

  private offeredCodecs(): SdpCodec[] {
    return (this.opts.codecs ?? ["PCMU", "PCMA"]).map((c) => STATIC_CODECS[c]);
  }

  private tePt(): number {
    return this.opts.telephoneEventPt ?? 101;
  }
}
