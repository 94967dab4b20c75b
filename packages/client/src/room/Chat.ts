import type { ChatMessage } from "@switchboard/protocol";
import { SwitchboardError } from "../errors";
import type { SignalClient } from "../signal/SignalClient";
import { RoomFeature } from "./RoomFeature";

export interface ChatEvents extends Record<string, unknown[]> {
  /** A new message, ours included. */
  message: [ChatMessage];
  /** The history was replaced by the server's (at join and after a rejoin). */
  history: [readonly ChatMessage[]];
}

/** offline: not in a room; online: messages go out at once; queueing: kept until the rejoin. */
type ChatState = "offline" | "online" | "queueing";

interface Outgoing {
  text: string;
  resolve: (m: ChatMessage) => void;
  reject: (e: unknown) => void;
}

/**
 * The room's chat (`room.chat`): the history that comes with the join, new messages as
 * `message` events, and `send()`. While the connection is being re-established, sent
 * messages are kept and go out after the rejoin, so nothing typed during a drop is lost.
 */
export class Chat extends RoomFeature<ChatEvents> {
  private state: ChatState = "offline";
  private list: ChatMessage[] = [];
  private readonly outbox: Outgoing[] = [];

  /** Messages so far, oldest first. */
  get messages(): readonly ChatMessage[] {
    return this.list;
  }

  /** Messages waiting for the connection to come back. */
  get queued(): number {
    return this.outbox.length;
  }

  /** Sends a message; resolves with it as the server stored it. */
  send(text: string): Promise<ChatMessage> {
    if (this.state === "queueing") {
      return new Promise((resolve, reject) => this.outbox.push({ text, resolve, reject }));
    }
    return this.request("sendChat", { text }).then(({ message }) => message);
  }

  protected subscribe(signal: SignalClient): Array<() => void> {
    return [
      signal.onNotification("chatMessage", ({ message }) => {
        this.list.push(message);
        this.emit("message", message);
      }),
    ];
  }

  /** @internal Joined (or rejoined): the server's history. */
  start(history: ChatMessage[]): void {
    this.list = history;
    if (this.state === "offline") this.state = "online";
    this.emit("history", this.list);
  }

  /** @internal The connection dropped: keep what is sent until `resume()`. */
  suspend(): void {
    this.state = "queueing";
  }

  /** @internal Back in the room: send what was kept, in order. */
  resume(): void {
    this.state = "online";
    for (const item of this.outbox.splice(0)) {
      this.request("sendChat", { text: item.text }).then(
        ({ message }) => item.resolve(message),
        item.reject,
      );
    }
  }

  /** @internal Out of the room: what was kept fails with `reason`. */
  override detach(reason: unknown = new SwitchboardError("DISCONNECTED", "left the room")): void {
    super.detach();
    this.state = "offline";
    for (const item of this.outbox.splice(0)) item.reject(reason);
  }
}
