import type { MediaKind, Source } from "@switchboard/protocol";
import type { types } from "mediasoup-client";

/** One of our published sources (a mediasoup producer on the send transport). */
export class LocalTrackPublication {
  constructor(
    readonly source: Source,
    /** @internal */
    readonly producer: types.Producer,
  ) {}

  /** The SFU's producer id. */
  get id(): string {
    return this.producer.id;
  }
  get kind(): MediaKind {
    return this.producer.kind;
  }
  /** The track being sent (replaced in place by a second `publish` of the source). */
  get track(): MediaStreamTrack | null {
    return this.producer.track;
  }
  /** Paused: others see the source off. */
  get muted(): boolean {
    return this.producer.paused;
  }
  get closed(): boolean {
    return this.producer.closed;
  }
  /** RTP stats of this producer (outbound-rtp etc.). */
  getStats(): Promise<RTCStatsReport> {
    return this.producer.getStats();
  }
}
