import { createRoomWithSettings } from "@switchboard/db";
import { createTestDatabase, type TestDatabase } from "@switchboard/db/testing";
import type { Sfu } from "@switchboard/sfu";
import { startTestSfu } from "@switchboard/sfu/testing";
import { io } from "socket.io-client";
import type { Clock } from "../src/clock";
import type { SfuSocket, SocketFactory } from "../src/signal/SignalClient";
import type { TypedEmitter } from "../src/TypedEmitter";

/** A clock that moves only when told to: timeouts and back-off without waiting. */
export class FakeClock implements Clock {
  private time = 1_000_000;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;
  private onTimer: (() => void) | undefined;

  now(): number {
    return this.time;
  }

  after(ms: number, fn: () => void): () => void {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, fn });
    this.onTimer?.();
    return () => this.timers.delete(id);
  }

  /** Timers set and neither fired nor cancelled. */
  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward, firing what falls due on the way, in order. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.timers]
        .filter(([, t]) => t.at <= until)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = Math.max(this.time, due[1].at);
      due[1].fn();
    }
    this.time = until;
  }

  /** Resolves once a timer is set (now, if one is pending already). */
  timerSet(): Promise<void> {
    if (this.timers.size > 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.onTimer = () => {
        this.onTimer = undefined;
        resolve();
      };
    });
  }
}

/** socket.io-client's `io`, keeping every socket it opens (to count their listeners). */
export function recordingSockets(): { factory: SocketFactory; sockets: SfuSocket[] } {
  const sockets: SfuSocket[] = [];
  const factory: SocketFactory = (url, options) => {
    const socket = io(url, options) as SfuSocket;
    sockets.push(socket);
    return socket;
  };
  return { factory, sockets };
}

type Callbacks = { _callbacks?: Record<string, unknown[]> };
/**
 * Listeners still registered on a socket, its manager and its engine. socket.io's emitter
 * keeps them in `_callbacks` (no public way to list every event).
 */
export function socketListeners(socket: SfuSocket): number {
  const count = (e: unknown) =>
    Object.values((e as Callbacks | undefined)?._callbacks ?? {}).reduce((n, l) => n + l.length, 0);
  return count(socket) + count(socket.io) + count(socket.io.engine);
}

/**
 * `socketListeners` once the socket's engine has finished closing (socket.io itself
 * listens for the last write to drain while it closes).
 */
export async function listenersAfterClose(socket: SfuSocket): Promise<number> {
  const engine = socket.io.engine;
  if (engine && engine.readyState !== "closed") {
    await new Promise((resolve) => engine.once("close", resolve));
  }
  return socketListeners(socket);
}

/** A migrated SQLite database with `rooms` (slug → lobby?) and a real SFU on it. */
export async function startSfuWithRooms(
  rooms: Record<string, { lobbyEnabled?: boolean }>,
): Promise<{ sfu: Sfu; url: string; stop(): Promise<void> }> {
  const t: TestDatabase = createTestDatabase();
  for (const [slug, settings] of Object.entries(rooms)) {
    await createRoomWithSettings(t.db, { name: slug, slug, ...settings });
  }
  const sfu = await startTestSfu(t.db, { emptyRoomGraceMs: 200 });
  return {
    sfu,
    url: `http://127.0.0.1:${sfu.port}`,
    async stop() {
      await sfu.close();
      await t.dispose();
    },
  };
}

/** The next `event` of one of the SDK's emitters. */
export function next<
  T extends TypedEmitter<Record<string, unknown[]>>,
  K extends keyof NonNullable<T["eventMap"]> & string,
>(emitter: T, event: K): Promise<NonNullable<T["eventMap"]>[K]> {
  return new Promise((resolve) =>
    emitter.once(event, (...args) => resolve(args as NonNullable<T["eventMap"]>[K])),
  );
}
