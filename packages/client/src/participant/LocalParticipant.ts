import type { Reaction, ResponseData, Source } from "@switchboard/protocol";
import type { types } from "mediasoup-client";
import { SwitchboardError } from "../errors";
import { RoomFeature } from "../room/RoomFeature";
import type { SignalClient } from "../signal/SignalClient";
import { produceOptions } from "../track/encodings";
import { LocalTrackPublication } from "../track/LocalTrackPublication";

export interface LocalParticipantEvents extends Record<string, unknown[]> {
  trackPublished: [LocalTrackPublication];
  trackUnpublished: [LocalTrackPublication];
  /** A moderator or admin paused one of our sources; the UI should show it muted. */
  mutedByModerator: [Source];
}

/**
 * Us in the room (`room.localParticipant`): identity and role as the server decided at
 * join, what we publish on the send transport (camera with simulcast), mute, hand and
 * reactions. What the user asked to publish, and the latest mute choice per source,
 * outlive a dropped connection: the rejoin publishes them again as they were.
 */
export class LocalParticipant extends RoomFeature<LocalParticipantEvents> {
  peerId: string | undefined;
  /** Our name as others see it and our role, as the server decided at join. */
  displayName: string | undefined;
  role: "moderator" | "guest" | undefined;
  /** When our hand went up (server clock), null when down. */
  handRaisedAt: number | null = null;
  private sendTransport: types.Transport | undefined;
  private readonly live = new Map<Source, LocalTrackPublication>();
  /** Tracks the user publishes, to publish again after a reconnect. */
  private readonly wanted = new Map<Source, MediaStreamTrack>();
  /** The user's (or a moderator's) latest mute choice per source. */
  private readonly wantMuted = new Map<Source, boolean>();

  /** Our published sources. */
  get publications(): ReadonlyMap<Source, LocalTrackPublication> {
    return this.live;
  }

  publication(source: Source): LocalTrackPublication | undefined {
    return this.live.get(source);
  }

  /**
   * Publishes a local track as `source`; camera video is sent with three simulcast layers.
   * With `paused`, the producer starts paused (others see it muted) at no extra round trip.
   * Publishing a source again replaces its track in place.
   */
  async publish(
    track: MediaStreamTrack,
    source: Source,
    options: { paused?: boolean } = {},
  ): Promise<LocalTrackPublication> {
    const transport = this.sendTransport;
    if (!transport) throw new SwitchboardError("NOT_JOINED", "join before publishing");
    this.wanted.set(source, track);
    const existing = this.live.get(source);
    if (existing && !existing.closed) {
      await existing.producer.replaceTrack({ track });
      if (options.paused !== undefined) await this.setMuted(source, options.paused);
      return existing;
    }
    const producer = await transport.produce({
      track,
      appData: { source, paused: options.paused === true },
      stopTracks: false,
      ...produceOptions(source),
    });
    // The server created it paused already; pause locally to stop sending.
    if (options.paused) producer.pause();
    this.wantMuted.set(source, options.paused === true);
    const publication = new LocalTrackPublication(source, producer);
    this.live.set(source, publication);
    this.emit("trackPublished", publication);
    return publication;
  }

  /** Pauses or resumes a published source; others see it as muted. */
  async setMuted(source: Source, muted: boolean): Promise<void> {
    // Remembered even while reconnecting: the rejoin publishes with the latest choice.
    this.wantMuted.set(source, muted);
    const producer = this.live.get(source)?.producer;
    if (!producer || producer.closed || producer.paused === muted) return;
    if (muted) producer.pause();
    else producer.resume();
    await this.request(muted ? "pauseProducer" : "resumeProducer", { producerId: producer.id });
  }

  /** Whether a local source is published and not paused. */
  isPublishing(source: Source): boolean {
    const publication = this.live.get(source);
    return Boolean(publication && !publication.closed && !publication.muted);
  }

  /** Stops publishing `source`. */
  async unpublish(source: Source): Promise<void> {
    this.wanted.delete(source);
    const publication = this.live.get(source);
    if (!publication) return;
    this.live.delete(source);
    publication.producer.close();
    this.emit("trackUnpublished", publication);
    if (this.attached?.connected) {
      await this.request("closeProducer", { producerId: publication.id });
    }
  }

  async setHand(raised: boolean): Promise<void> {
    await this.request("setHand", { raised });
  }

  async react(reaction: Reaction): Promise<void> {
    await this.request("react", { reaction });
  }

  /** Stats of our sending connection (RTT, available bitrate) for a quality indicator. */
  async getStats(): Promise<RTCStatsReport | undefined> {
    return this.sendTransport?.getStats();
  }

  protected subscribe(signal: SignalClient): Array<() => void> {
    return [
      signal.onNotification("mutedByModerator", ({ source, producerId }) => {
        const producer = this.live.get(source)?.producer;
        if (producer && producer.id === producerId && !producer.paused) producer.pause();
        // What the rejoin publishes after a drop, too.
        this.wantMuted.set(source, true);
        this.emit("mutedByModerator", source);
      }),
      // Registered before the room's roster, so ours is current when `handChanged` fires.
      signal.onNotification("handChanged", ({ peerId, raisedAt }) => {
        if (peerId === this.peerId) this.handRaisedAt = raisedAt;
      }),
    ];
  }

  /** @internal Joined: who the server says we are, and where our media goes. */
  start(joined: ResponseData<"join">, sendTransport: types.Transport): void {
    this.peerId = joined.peerId;
    this.displayName = joined.displayName;
    this.role = joined.role;
    this.handRaisedAt = joined.handRaisedAt;
    this.sendTransport = sendTransport;
  }

  /** @internal Publishes again, after a rejoin, what the user publishes, as muted as asked. */
  async republish(): Promise<void> {
    for (const [source, track] of [...this.wanted]) {
      if (track.readyState !== "live") continue;
      await this.publish(track, source, { paused: this.wantMuted.get(source) ?? false });
    }
  }

  /** @internal The connection dropped: producers are gone, the wishes are kept. */
  suspend(): void {
    for (const [source, publication] of this.live) {
      if (!this.wantMuted.has(source)) this.wantMuted.set(source, publication.muted);
      publication.producer.close();
      this.emit("trackUnpublished", publication);
    }
    this.live.clear();
    this.sendTransport = undefined;
  }

  /** @internal Out of the room: nothing is published or remembered. */
  reset(): void {
    this.suspend();
    this.wanted.clear();
    this.wantMuted.clear();
    this.peerId = undefined;
  }
}
