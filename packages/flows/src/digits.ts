/** DTMF pressed and not yet consumed by a step (type-ahead survives across steps). */
import type { FlowClock } from "./clock";
import type { Digit } from "./schema";

export class DigitBuffer {
  private readonly queue: Digit[] = [];
  private waiter: ((d: Digit | null) => void) | undefined;
  private listeners = new Set<(d: Digit) => void>();

  constructor(private readonly clock: FlowClock) {}

  push(d: Digit): void {
    for (const l of this.listeners) l(d);
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w(d);
    } else if (this.queue.length < 64) this.queue.push(d);
  }

  get pending(): number {
    return this.queue.length;
  }

  clear(): void {
    this.queue.length = 0;
  }

  /** Sees every digit as it arrives (a step that reacts to keys without consuming them). */
  watch(listener: (d: Digit) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next digit, or null after `timeoutMs` or when `signal` aborts; leaves nothing behind. */
  async next(timeoutMs: number, signal: AbortSignal): Promise<Digit | null> {
    const queued = this.queue.shift();
    if (queued !== undefined) return queued;
    if (signal.aborted) return null;
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      return await new Promise<Digit | null>((resolve) => {
        const finish = (d: Digit | null) => {
          if (this.waiter === finish) this.waiter = undefined;
          stop.abort();
          resolve(d);
        };
        this.waiter = finish;
        void this.clock.sleep(timeoutMs, stop.signal).then(() => finish(null));
      });
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
  }
}
