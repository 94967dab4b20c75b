/** Time for flows: injected, so tests and the simulator can set the date and time. */
export interface FlowClock {
  /** Wall-clock time (ms since the epoch) for schedules. */
  now(): number;
  /** Resolves after `ms`, or at once (false) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<boolean>;
}

/** Real time: `Date.now()` and `setTimeout`, optionally shifted to a chosen moment. */
export function systemClock(offsetMs = 0): FlowClock {
  return {
    now: () => Date.now() + offsetMs,
    sleep: (ms, signal) =>
      new Promise<boolean>((resolve) => {
        if (signal?.aborted) return resolve(false);
        const done = (v: boolean) => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          resolve(v);
        };
        const onAbort = () => done(false);
        const timer = setTimeout(() => done(true), ms);
        signal?.addEventListener("abort", onAbort, { once: true });
      }),
  };
}

/**
 * A clock that moves only when told (`advance`): timers fire in order as time passes.
 * For tests of timeouts and schedules without waiting.
 */
export class ManualClock implements FlowClock {
  private timers: { at: number; seq: number; fire: () => void }[] = [];
  private seq = 0;
  constructor(private current = 0) {}

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      if (signal?.aborted) return resolve(false);
      const timer = {
        at: this.current + ms,
        seq: this.seq++,
        fire: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(true);
        },
      };
      const onAbort = () => {
        this.timers = this.timers.filter((t) => t !== timer);
        resolve(false);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  /** Pending timers (for leak checks). */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward, firing due timers in order; awaits microtasks between them. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      await flush();
      const due = this.timers
        .filter((t) => t.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      due.fire();
    }
    this.current = target;
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
