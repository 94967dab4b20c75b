import {
  type Db,
  recordCallAnswered,
  recordCallEnd,
  recordCallRoom,
  recordCallStart,
} from "@switchboard/db";
import type { Call } from "@switchboard/gateway";
import type { Logger } from "pino";

/** The user part of a SIP URI ("sip:+4930123@host" → "+4930123"). */
export function numberOf(uri: string | undefined): string {
  return (uri ?? "").replace(/^sips?:/i, "").replace(/[@;].*$/, "") || "unknown";
}

/**
 * Keeps one call-record row per leg up to date: start, answer, room, end and why.
 * Database trouble is logged, never allowed to break a call.
 */
export class CallRecorder {
  /** End reasons decided by the gateway (e.g. a wrong PIN) win over the SIP one. */
  private readonly overrides = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  track(call: Call, info: { from: string; to: string; trunk?: string | null; room?: string }) {
    const callId = call.callId;
    const safe = (p: Promise<unknown>, what: string) =>
      p.catch((err: unknown) => this.log.error({ err, callId }, `call record: ${what}`));
    void safe(
      recordCallStart(this.db, {
        callId,
        direction: call.direction,
        fromNumber: info.from,
        toNumber: info.to,
        trunk: info.trunk ?? null,
        roomSlug: info.room ?? null,
      }),
      "start",
    );
    call.once("answered", () => void safe(recordCallAnswered(this.db, callId), "answer"));
    call.once("ended", (reason) => {
      const final = this.overrides.get(callId) ?? reason;
      this.overrides.delete(callId);
      void safe(recordCallEnd(this.db, callId, final), "end");
    });
  }

  inRoom(call: Call, room: string): void {
    recordCallRoom(this.db, call.callId, room).catch((err: unknown) =>
      this.log.error({ err }, "call record: room"),
    );
  }

  endReason(call: Call, reason: string): void {
    this.overrides.set(call.callId, reason);
  }
}
