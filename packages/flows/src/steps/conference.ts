import { collectDigits } from "../collect";
import type { StepContext } from "../context";
import type { Prompt, StepOf } from "../schema";
import { type RoomRef, RoomsService } from "../services";
import { branch, END_FLOW, NEXT, type StepModule, type StepResult, StepTask } from "../task";

export const DEFAULT_PIN_PROMPT: Prompt = { file: "enter-pin" };
export const DEFAULT_INVALID_PIN_PROMPT: Prompt = { file: "invalid-pin" };

/**
 * Puts the caller in a room: a named room, or the room whose meeting PIN the caller types
 * (a named room can require its PIN too). When the caller leaves the room the flow goes on;
 * a moderator's removal hangs up. No room reached: the `invalid` list.
 */
class ConferenceTask extends StepTask<StepOf<"conference">> {
  async exec(ctx: StepContext): Promise<StepResult> {
    const rooms = ctx.services.get(RoomsService);
    await ctx.ensureMedia();
    const room = await this.findRoom(ctx);
    if (this.cancelled) return NEXT;
    if (!room.ok) {
      ctx.note(room.why);
      rooms.gaveUp?.(room.reason);
      return this.step.invalid ? branch("invalid") : NEXT;
    }
    ctx.vars.set("room", room.room.slug);
    ctx.note(`joins room ${room.room.slug}`);
    const left = await rooms.join(room.room, this.signal);
    ctx.note(`left the room: ${left}`);
    return left === "removed" || left === "hangup" ? END_FLOW : NEXT;
  }

  private async findRoom(
    ctx: StepContext,
  ): Promise<
    | { ok: true; room: RoomRef }
    | { ok: false; reason: "wrong-pin" | "blocked" | "no-room"; why: string }
  > {
    const rooms = ctx.services.get(RoomsService);
    const s = this.step;
    let named: (RoomRef & { pin: string | null }) | null = null;
    if (s.room !== undefined) {
      named = await rooms.find(s.room);
      if (!named) return { ok: false, reason: "no-room", why: `no room "${s.room}"` };
      if (!s.askPin || !named.pin) return { ok: true, room: named };
    }
    for (let attempt = 1; attempt <= s.attempts && !this.cancelled; attempt++) {
      const pin = await collectDigits(ctx, {
        prompts: [
          attempt === 1
            ? (s.pinPrompt ?? DEFAULT_PIN_PROMPT)
            : (s.invalidPinPrompt ?? DEFAULT_INVALID_PIN_PROMPT),
        ],
        finishOnKey: "#",
        numDigits: 12,
        timeoutMs: 10_000,
        interDigitTimeoutMs: 5_000,
        signal: this.signal,
      });
      if (this.cancelled) break;
      const found = named
        ? pin === named.pin
          ? named
          : null
        : pin.length > 0
          ? await rooms.findByPin(pin, ctx.call.info.caller)
          : null;
      if (found === "blocked")
        return { ok: false, reason: "blocked", why: "too many wrong PINs from this caller" };
      if (found) return { ok: true, room: found };
      ctx.note(`PIN refused (attempt ${attempt} of ${s.attempts})`);
      ctx.digits.clear();
    }
    return { ok: false, reason: "wrong-pin", why: "no valid PIN" };
  }
}

export const conference: StepModule<"conference"> = {
  type: "conference",
  describe: (s) =>
    s.room !== undefined
      ? `Join room ${s.room}${s.askPin ? " (with its PIN)" : ""}`
      : "Ask for a meeting PIN and join that room",
  create: (step) => new ConferenceTask(step),
};
