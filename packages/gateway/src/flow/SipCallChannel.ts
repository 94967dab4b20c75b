/**
 * A real SIP call as the flow engine sees it (`CallChannel`): state, answer / ring / reject /
 * redirect / hangup, prompts played through the call's media, key presses, the end.
 */
import type {
  CallChannel,
  CallInfo,
  ChannelState,
  Digit,
  PlayOptions,
  Prompt,
} from "@switchboard/flows";
import type { Call } from "../Call";
import { userOf } from "../sip/uri";
import type { PromptAudio } from "./PromptAudio";

const ANONYMOUS = /^(anonymous|unknown|restricted|private)$/i;

export function callInfo(call: Call): CallInfo {
  const caller = userOf(call.remoteIdentity?.uri);
  return {
    callId: call.callId,
    caller: ANONYMOUS.test(caller) ? "" : caller,
    called: userOf(call.requestUri),
    anonymous: caller === "" || ANONYMOUS.test(caller),
  };
}

export class SipCallChannel implements CallChannel {
  readonly info: CallInfo;

  constructor(
    readonly call: Call,
    private readonly prompts: PromptAudio,
  ) {
    this.info = callInfo(call);
  }

  get state(): ChannelState {
    switch (this.call.state) {
      case "offered":
      case "calling":
      case "ringing":
        return "ringing";
      case "early":
        return "early";
      case "answering":
      case "active":
        return "answered";
      default:
        return "ended";
    }
  }

  async answer(): Promise<void> {
    if (this.call.direction === "outbound") return;
    await this.call.answer();
  }

  async ring(earlyMedia: boolean): Promise<void> {
    this.call.ring(earlyMedia);
  }

  async reject(status: number, reason?: string): Promise<void> {
    this.call.reject(status, reason);
  }

  async redirect(target: string): Promise<void> {
    this.call.redirect(target);
  }

  async hangup(): Promise<void> {
    await this.call.hangup();
  }

  async play(prompts: Prompt[], o: PlayOptions = {}): Promise<"done" | "stopped"> {
    if (this.call.state === "ended" || o.signal?.aborted) return "stopped";
    const source = await this.prompts.source(prompts, o.loop ?? 1);
    return this.call.play(source, o.signal);
  }

  onDigit(listener: (digit: Digit) => void): () => void {
    const l = (d: string) => {
      // A-D have no place in flows.
      if (/^[0-9*#]$/.test(d)) listener(d as Digit);
    };
    this.call.on("dtmf", l);
    return () => this.call.off("dtmf", l);
  }

  onEnded(listener: () => void): () => void {
    if (this.call.state === "ended") {
      listener();
      return () => {};
    }
    this.call.once("ended", listener);
    return () => this.call.off("ended", listener);
  }
}
