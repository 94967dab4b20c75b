import type { MediaKind, Source } from "@switchboard/protocol";
import type { types } from "mediasoup-client";
import type { Requester } from "../room/RoomFeature";

/** A track we receive (one mediasoup consumer on the receive transport). */
export class RemoteTrack {
  constructor(
    readonly participantId: string,
    readonly source: Source,
    /** @internal */
    readonly consumer: types.Consumer,
  ) {}

  /** The SFU's consumer id. */
  get id(): string {
    return this.consumer.id;
  }
  get producerId(): string {
    return this.consumer.producerId;
  }
  get kind(): MediaKind {
    return this.consumer.kind;
  }
  get mediaStreamTrack(): MediaStreamTrack {
    return this.consumer.track;
  }
  get closed(): boolean {
    return this.consumer.closed;
  }
  /** RTP stats of this consumer (inbound-rtp etc.). */
  getStats(): Promise<RTCStatsReport> {
    return this.consumer.getStats();
  }
}

/**
 * Something a remote participant publishes (one SFU producer): known from the join or
 * their announcement, subscribed (`track`) once the SFU gives us a consumer for it. The
 * receiver decides whether it is forwarded (`setVisible`) and at which simulcast layer
 * (`setPreferredLayer`).
 */
export class RemoteTrackPublication {
  private subscribed: RemoteTrack | undefined;
  private isMuted: boolean;
  private isVisible = true;

  constructor(
    /** The SFU's producer id. */
    readonly id: string,
    readonly kind: MediaKind,
    readonly source: Source,
    muted: boolean,
    private readonly request: Requester,
  ) {
    this.isMuted = muted;
  }

  /** The received track, once subscribed. */
  get track(): RemoteTrack | undefined {
    return this.subscribed;
  }
  /** True while the sender has it paused (mic or camera off). */
  get muted(): boolean {
    return this.isMuted;
  }
  /** False while we asked the SFU to stop forwarding it (e.g. its tile is off screen). */
  get visible(): boolean {
    return this.isVisible;
  }

  /**
   * Stops (or restarts) forwarding of a track the user cannot see, e.g. a tile scrolled
   * off screen; saves the bandwidth and the decoding.
   */
  async setVisible(visible: boolean): Promise<void> {
    const track = this.subscribed;
    if (!track || track.closed || this.isVisible === visible) return;
    this.isVisible = visible;
    if (visible) track.consumer.resume();
    else track.consumer.pause();
    await this.request(visible ? "resumeConsumer" : "pauseConsumer", { consumerId: track.id });
  }

  /** Chooses the simulcast layer the SFU forwards (0 = ¼ resolution … 2 = full). */
  async setPreferredLayer(spatialLayer: number): Promise<void> {
    const track = this.subscribed;
    if (!track || track.closed) return;
    await this.request("setConsumerPreferredLayers", { consumerId: track.id, spatialLayer });
  }

  /** @internal The SFU gave us a consumer (forwarded: visible). */
  subscribe(track: RemoteTrack): void {
    this.subscribed = track;
    this.isVisible = true;
  }

  /** @internal The consumer is gone; closes it. */
  unsubscribe(): RemoteTrack | undefined {
    const track = this.subscribed;
    this.subscribed = undefined;
    track?.consumer.close();
    return track;
  }

  /** @internal */
  setMuted(muted: boolean): void {
    this.isMuted = muted;
  }
}
