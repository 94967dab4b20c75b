/**
 * Two calls talking to each other (a dialed call and its caller), with blind transfer: when
 * one side sends REFER, the other side is connected to the referred target (the gateway
 * places that call; the referrer hears its progress as NOTIFYs and leaves). The pair lives
 * until one of its two current calls is gone. The `anchor` (the call whose flow dialed)
 * then goes back to its flow when the other side leaves; any other call left alone is hung
 * up. An anchor that transfers itself away leaves a pair that belongs to nobody.
 */
import { EventEmitter } from "node:events";
import type { Call } from "../Call";
import type { ReferRequest } from "../call/InDialog";
import { Bridge } from "../media/Bridge";

/** Places the call a transfer asks for; resolves when it is answered, or with why not. */
export type PlaceCall = (target: string, transferee: Call) => Promise<Call | { refused: string }>;

interface PairEvents {
  /** `gone` left the pair (hung up or transferred away); `stays` remains (or null). */
  left: [gone: Call, stays: Call | null];
  ended: [];
}

export class BridgedPair extends EventEmitter<PairEvents> {
  private bridge: Bridge;
  private readonly cleanups = new Map<Call, () => void>();
  private over = false;

  constructor(
    private a: Call,
    private b: Call,
    private readonly place: PlaceCall,
    private anchor: Call | null = null,
  ) {
    super();
    this.bridge = Bridge.connect(a.media, b.media);
    this.watch(a);
    this.watch(b);
  }

  get calls(): [Call, Call] {
    return [this.a, this.b];
  }

  get isOver(): boolean {
    return this.over;
  }

  /** Ends the pair: both calls are hung up. */
  async hangup(): Promise<void> {
    const [a, b] = this.calls;
    this.finish();
    await Promise.all([a.hangup(), b.hangup()]);
  }

  private other(c: Call): Call {
    return c === this.a ? this.b : this.a;
  }

  private watch(call: Call): void {
    const onEnded = () => this.onLeg(call);
    const onRefer = (r: ReferRequest) => void this.transfer(call, r);
    call.once("ended", onEnded);
    call.on("refer", onRefer);
    this.cleanups.set(call, () => {
      call.off("ended", onEnded);
      call.off("refer", onRefer);
    });
  }

  private unwatch(call: Call): void {
    this.cleanups.get(call)?.();
    this.cleanups.delete(call);
  }

  private onLeg(gone: Call): void {
    if (this.over) return;
    const stays = this.other(gone);
    this.emit("left", gone, null);
    this.finish();
    if (stays !== this.anchor) void stays.hangup();
  }

  /** Blind transfer: `referrer` asks that its partner be connected to the target instead. */
  private async transfer(referrer: Call, r: ReferRequest): Promise<void> {
    const transferee = this.other(referrer);
    referrer.log.info({ target: r.target.uri }, "blind transfer");
    const placed = await this.place(r.target.uri, transferee).catch((err: unknown) => ({
      refused: err instanceof Error ? err.message : String(err),
    }));
    if ("refused" in placed) {
      await r.notify(603, "Declined");
      referrer.log.info({ why: placed.refused }, "transfer target not reached");
      return;
    }
    if (this.over || transferee.state === "ended") {
      await placed.hangup();
      await r.notify(487, "Request Terminated");
      return;
    }
    await r.notify(200, "OK");
    // The referrer leaves the pair; the transferee now talks to the new call.
    this.unwatch(referrer);
    this.bridge.disconnect();
    if (referrer === this.a) this.a = placed;
    else this.b = placed;
    this.bridge = Bridge.connect(this.a.media, this.b.media);
    this.watch(placed);
    this.emit("left", referrer, transferee);
    // The referrer normally hangs up itself after the final NOTIFY; make sure it goes.
    if (referrer === this.anchor) this.anchor = null;
    referrer.markTransferred();
    referrer.timers.after(5_000, () => void referrer.hangup());
  }

  private finish(): void {
    if (this.over) return;
    this.over = true;
    this.bridge.disconnect();
    for (const c of [...this.cleanups.keys()]) this.unwatch(c);
    this.emit("ended");
  }
}
