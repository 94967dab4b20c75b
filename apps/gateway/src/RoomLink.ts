import type { Call, RoomAudioSink, RoomConnection, RtpPacket } from "@switchboard/gateway";
import type { PhoneCall } from "@switchboard/protocol";
import type { Logger } from "pino";
import { PhoneParticipant } from "./PhoneParticipant";
import { RoomListener } from "./RoomListener";

export interface RoomLinkOptions {
  sfuUrl: string;
  secret: string;
  room: string;
  rtpAddress: string;
  log: Logger;
}

/** "Phone ••• 1234": enough to recognise a caller, not enough to leak the number. */
export function maskedCaller(identity: string | undefined): string {
  const digits = (identity ?? "")
    .replace(/^.*?sip:/i, "")
    .replace(/@.*$/, "")
    .replace(/\D/g, "");
  return digits.length >= 2
    ? `Phone ••• ${digits.slice(-Math.min(4, digits.length - 1))}`
    : "Phone";
}

/**
 * One room as the gateway sees it: a listener that hears the browsers once, and one phone
 * participant per caller that carries the caller's voice into the room. Plugs into the
 * library's ConferenceRooms as the room's audio source and sink.
 */
export class RoomLink {
  private readonly phones = new Map<string, PhoneParticipant>();
  private readonly inflight = new Set<Promise<void>>();
  private listenerClosed = false;
  private closed = false;

  private constructor(
    private readonly o: RoomLinkOptions,
    private readonly listener: RoomListener,
    private readonly onClosed: () => void,
  ) {}

  static async open(o: RoomLinkOptions, onClosed: () => void): Promise<RoomLink> {
    let link: RoomLink | undefined;
    const listener = await RoomListener.open({
      ...o,
      onClosed: (reason) => {
        o.log.info({ room: o.room, reason }, "room listener closed");
        link?.close();
      },
    });
    link = new RoomLink(o, listener, onClosed);
    return link;
  }

  /** The library's view: where speakers come from and where callers' audio goes. */
  get connection(): RoomConnection {
    const sink: RoomAudioSink = {
      sendCallerAudio: (callerId: string, packet: RtpPacket) =>
        this.phones.get(callerId)?.send(packet),
      callerLeft: (callerId: string) => this.removeCaller(callerId),
    };
    return { source: this.listener, sink, close: () => this.close() };
  }

  /**
   * Puts `call` in the room as a phone participant. The caller is hung up when a moderator
   * removes them or the meeting ends; `*6` toggles their microphone.
   */
  async addCaller(call: Call): Promise<void> {
    const codec = call.media.audio?.codec.name ?? "PCMU";
    const participant = await PhoneParticipant.open({
      ...this.o,
      displayName: maskedCaller(call.remoteIdentity?.uri),
      codec,
      events: {
        onGone: (reason) => {
          call.log.info({ reason }, "caller leaves the room");
          void call.hangup();
        },
      },
    });
    if (call.state === "ended" || this.closed) {
      participant.close();
      return;
    }
    this.phones.set(call.id, participant);
    let star = 0;
    const onDigit = (digit: string) => {
      if (digit === "*") {
        star = Date.now();
        return;
      }
      if (digit === "6" && Date.now() - star < 2000) {
        star = 0;
        void participant.setMuted(!participant.muted).catch((err: unknown) => {
          call.log.warn({ err }, "could not toggle mute");
        });
      }
    };
    call.on("dtmf", onDigit);
    call.once("ended", () => {
      call.off("dtmf", onDigit);
      this.removeCaller(call.id);
    });
  }

  /**
   * Shows a call's progress to the room; never throws. A report in flight keeps the link
   * open until the SFU has it (a call's "ended" must reach the room even when that call was
   * the last one and the link closes right after).
   */
  report(call: PhoneCall): Promise<void> {
    if (this.listenerClosed) return Promise.resolve();
    const sent = this.listener
      .report(call)
      .catch((err: unknown) => this.o.log.warn({ err }, "could not report a call"));
    this.inflight.add(sent);
    void sent.finally(() => this.inflight.delete(sent));
    return sent;
  }

  /** Closes the link if no caller uses it (after a dial-out that was never answered). */
  closeIfUnused(): void {
    if (this.phones.size === 0) this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const phone of this.phones.values()) phone.close();
    this.phones.clear();
    // Out of the gateway's list at once (a new caller gets a new link); the listener goes
    // after the reports of this turn (a call's end, reported as it ends) have reached the SFU.
    this.onClosed();
    setImmediate(() => {
      const drained = Promise.allSettled([...this.inflight]);
      const cap = new Promise((r) => setTimeout(r, 3000).unref());
      void Promise.race([drained, cap]).then(() => {
        this.listenerClosed = true;
        this.listener.close();
      });
    });
  }

  /** Takes a caller's participant out of the room (the call itself goes on). */
  removeCaller(callerId: string): void {
    this.phones.get(callerId)?.close();
    this.phones.delete(callerId);
  }
}
