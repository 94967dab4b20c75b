import type { NewConsumer, PeerInfo, Reaction } from "@switchboard/protocol";
import type { types } from "mediasoup-client";
import { RoomFeature } from "../room/RoomFeature";
import type { SignalClient } from "../signal/SignalClient";
import { RemoteTrack, RemoteTrackPublication } from "../track/RemoteTrackPublication";
import { RemoteParticipant } from "./RemoteParticipant";

export interface RemoteParticipantsEvents extends Record<string, unknown[]> {
  participantJoined: [RemoteParticipant];
  participantLeft: [RemoteParticipant];
  trackSubscribed: [RemoteTrack, RemoteTrackPublication, RemoteParticipant];
  trackUnsubscribed: [RemoteTrack, RemoteTrackPublication, RemoteParticipant];
  /** A remote source was paused or resumed by its owner. */
  trackMuteChanged: [RemoteTrackPublication, RemoteParticipant];
  activeSpeakerChanged: [string | null];
  /** Someone's hand (ours included: our peer id) went up (time) or down (null). */
  handChanged: [string, number | null];
  reaction: [string, Reaction];
}

/**
 * Everyone else in the room and what we receive from them: the roster from the join and
 * from peerJoined/peerLeft, consumers the SFU offers (`newConsumer`) on the receive
 * transport, mute state, the active speaker, hands and reactions.
 */
export class RemoteParticipants extends RoomFeature<RemoteParticipantsEvents> {
  readonly byId = new Map<string, RemoteParticipant>();
  private speakerId: string | null = null;
  private recvTransport: types.Transport | undefined;

  get activeSpeakerId(): string | null {
    return this.speakerId;
  }

  protected subscribe(signal: SignalClient): Array<() => void> {
    return [
      signal.handleServerRequest("newConsumer", (c) => this.consume(c)),
      signal.onNotification("peerJoined", (info) => this.add(info)),
      signal.onNotification("peerLeft", ({ peerId }) => {
        const participant = this.byId.get(peerId);
        if (participant) this.drop(participant);
      }),
      signal.onNotification("producerPaused", ({ peerId, producerId, paused }) => {
        const participant = this.byId.get(peerId);
        const publication = participant?.publications.get(producerId);
        if (!participant || !publication) return;
        publication.setMuted(paused);
        this.emit("trackMuteChanged", publication, participant);
      }),
      signal.onNotification("consumerClosed", ({ consumerId }) => {
        for (const participant of this.byId.values()) {
          for (const publication of participant.publications.values()) {
            if (publication.track?.id !== consumerId) continue;
            participant.publications.delete(publication.id);
            const track = publication.unsubscribe();
            if (track) this.emit("trackUnsubscribed", track, publication, participant);
          }
        }
      }),
      signal.onNotification("activeSpeaker", ({ peerId }) => this.setActiveSpeaker(peerId)),
      signal.onNotification("handChanged", ({ peerId, raisedAt }) => {
        const participant = this.byId.get(peerId);
        if (participant) participant.handRaisedAt = raisedAt;
        this.emit("handChanged", peerId, raisedAt);
      }),
      signal.onNotification("reaction", ({ peerId, reaction }) =>
        this.emit("reaction", peerId, reaction),
      ),
    ];
  }

  /** @internal Joined: who is there, and where their media arrives. */
  start(recvTransport: types.Transport, peers: PeerInfo[]): void {
    this.recvTransport = recvTransport;
    for (const info of peers) this.add(info);
  }

  /** @internal Everyone is gone (we left or lost the connection): consumers closed. */
  clear(): void {
    this.recvTransport = undefined;
    for (const participant of [...this.byId.values()]) this.drop(participant);
  }

  override detach(): void {
    this.clear();
    super.detach();
  }

  private add(info: PeerInfo): void {
    const participant = RemoteParticipant.fromInfo(info, this.request);
    this.byId.set(participant.id, participant);
    this.emit("participantJoined", participant);
  }

  private async consume(c: NewConsumer): Promise<boolean> {
    const transport = this.recvTransport;
    const participant = this.byId.get(c.peerId);
    if (!transport || !participant) return false;
    const consumer = await transport.consume({
      id: c.consumerId,
      producerId: c.producerId,
      kind: c.kind,
      rtpParameters: c.rtpParameters as types.RtpParameters,
    });
    // Gone while the consumer was being set up (left, or we lost the connection).
    if (this.byId.get(c.peerId) !== participant || this.recvTransport !== transport) {
      consumer.close();
      return false;
    }
    let publication = participant.publications.get(c.producerId);
    if (!publication) {
      publication = new RemoteTrackPublication(
        c.producerId,
        c.kind,
        c.source,
        c.producerPaused,
        this.request,
      );
      participant.publications.set(publication.id, publication);
    }
    const track = new RemoteTrack(participant.id, c.source, consumer);
    publication.subscribe(track);
    this.emit("trackSubscribed", track, publication, participant);
    return true;
  }

  private drop(participant: RemoteParticipant): void {
    this.byId.delete(participant.id);
    for (const publication of participant.publications.values()) {
      const track = publication.unsubscribe();
      if (track) this.emit("trackUnsubscribed", track, publication, participant);
    }
    if (this.speakerId === participant.id) this.setActiveSpeaker(null);
    this.emit("participantLeft", participant);
  }

  private setActiveSpeaker(peerId: string | null): void {
    if (this.speakerId === peerId) return;
    this.speakerId = peerId;
    this.emit("activeSpeakerChanged", peerId);
  }
}
