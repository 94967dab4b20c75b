import type { PeerInfo, Source } from "@switchboard/protocol";
import type { Requester } from "../room/RoomFeature";
import { type RemoteTrack, RemoteTrackPublication } from "../track/RemoteTrackPublication";

/** Someone else in the room. */
export class RemoteParticipant {
  /** What they publish, by producer id, subscribed or not. */
  readonly publications = new Map<string, RemoteTrackPublication>();
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

  /** @internal */
  static fromInfo(info: PeerInfo, request: Requester): RemoteParticipant {
    const p = new RemoteParticipant(
      info.id,
      info.displayName,
      info.joinedAt,
      info.role,
      info.kind ?? "browser",
    );
    p.handRaisedAt = info.handRaisedAt ?? null;
    for (const pr of info.producers) {
      p.publications.set(
        pr.id,
        new RemoteTrackPublication(pr.id, pr.kind, pr.source, pr.paused, request),
      );
    }
    return p;
  }

  /** The publication of a source (e.g. "camera"), if they publish it. */
  publication(source: Source): RemoteTrackPublication | undefined {
    for (const p of this.publications.values()) if (p.source === source) return p;
    return undefined;
  }

  /** The received track of a source, if subscribed. */
  track(source: Source): RemoteTrack | undefined {
    return this.publication(source)?.track;
  }

  /** Every track we receive from them. */
  get tracks(): RemoteTrack[] {
    const out: RemoteTrack[] = [];
    for (const p of this.publications.values()) if (p.track) out.push(p.track);
    return out;
  }

  /** Whether the participant's source is off (not published, or paused). */
  isMuted(source: Source): boolean {
    return this.publication(source)?.muted ?? true;
  }
}
