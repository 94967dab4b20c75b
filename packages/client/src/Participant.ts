import type { MediaKind, PeerInfo, Source } from "@switchboard/protocol";
import type { types } from "mediasoup-client";

/** A track received from another participant (one mediasoup consumer). */
export class RemoteTrack {
  constructor(
    readonly participantId: string,
    readonly consumer: types.Consumer,
    readonly source: Source,
    /** True while the sender has it paused (mic or camera off). */
    public muted: boolean,
  ) {}

  /** False while we asked the SFU to stop forwarding it (tile off screen). */
  visible = true;

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
  getStats(): Promise<RTCStatsReport> {
    return this.consumer.getStats();
  }
}

/** Someone else in the room. */
export class RemoteParticipant {
  readonly tracks = new Map<string, RemoteTrack>();
  /** Producers they publish, with their paused state, even before we consume them. */
  readonly producers = new Map<string, { kind: MediaKind; source: Source; paused: boolean }>();

  /** When their hand went up (server clock, ms), null when down. */
  handRaisedAt: number | null = null;

  constructor(
    readonly id: string,
    readonly displayName: string,
    readonly joinedAt: number,
    readonly role: "moderator" | "guest" = "guest",
    /** "phone" for a caller bridged from the telephone network (show a phone tile). */
    readonly kind: "browser" | "phone" = "browser",
  ) {}

  static fromInfo(info: PeerInfo): RemoteParticipant {
    const p = new RemoteParticipant(
      info.id,
      info.displayName,
      info.joinedAt,
      info.role,
      info.kind ?? "browser",
    );
    p.handRaisedAt = info.handRaisedAt ?? null;
    for (const pr of info.producers)
      p.producers.set(pr.id, { kind: pr.kind, source: pr.source, paused: pr.paused });
    return p;
  }

  /** The track for a source (e.g. "camera"), if subscribed. */
  track(source: Source): RemoteTrack | undefined {
    for (const t of this.tracks.values()) if (t.source === source) return t;
    return undefined;
  }

  /** Whether the participant's source is off (not published, or paused). */
  isMuted(source: Source): boolean {
    for (const p of this.producers.values()) if (p.source === source) return p.paused;
    return true;
  }
}
