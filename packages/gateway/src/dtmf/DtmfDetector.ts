/**
 * One detector per call: RFC 4733 events when the peer sends them, in-band Goertzel otherwise.
 * Each key press is reported exactly once: once an RFC 4733 event has been seen, in-band
 * detection is switched off (a peer that sends events may also leave the tones in the audio).
 */
import { GoertzelDetector, type GoertzelOptions } from "./goertzel";
import { type DtmfDigit, Rfc4733Receiver } from "./rfc4733";

export type DtmfSource = "rfc4733" | "inband" | "info";

export class DtmfDetector {
  private readonly events = new Rfc4733Receiver();
  private readonly inband: GoertzelDetector;
  private sawEvents = false;

  constructor(
    private readonly onDigit: (digit: DtmfDigit, source: DtmfSource) => void,
    inbandOptions: GoertzelOptions = {},
  ) {
    this.inband = new GoertzelDetector(inbandOptions);
  }

  /** A telephone-event RTP payload. */
  onEventPacket(rtpTimestamp: number, payload: Uint8Array): void {
    this.sawEvents = true;
    const d = this.events.onPacket(rtpTimestamp, payload);
    if (d) this.onDigit(d, "rfc4733");
  }

  /** Decoded 8 kHz audio from the caller. */
  onAudio(pcm: Int16Array, count = pcm.length): void {
    if (this.sawEvents) return;
    this.inband.push(pcm, (d) => this.onDigit(d, "inband"), count);
  }
}
