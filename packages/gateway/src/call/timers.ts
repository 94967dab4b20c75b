/** A call's timers: every one is cleared when the call ends. */
export class TimerSet {
  private readonly timers = new Set<NodeJS.Timeout>();

  after(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }

  cancel(t: NodeJS.Timeout | undefined): void {
    if (!t) return;
    clearTimeout(t);
    this.timers.delete(t);
  }

  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  get size(): number {
    return this.timers.size;
  }
}

const T1 = 500;
const T2 = 4000;
const TIMER_H = 32_000;

/**
 * Retransmits a 2xx (RFC 3261 13.3.1.4: T1 doubling up to T2) until stopped; after 64·T1
 * without an ACK calls `onTimeout`.
 */
export function retransmit2xx(
  timers: TimerSet,
  send: () => void,
  onTimeout: () => void,
): { stop: () => void } {
  send();
  let interval = T1;
  let timer: NodeJS.Timeout | undefined;
  const again = () => {
    timer = timers.after(interval, () => {
      send();
      interval = Math.min(interval * 2, T2);
      again();
    });
  };
  again();
  const giveUp = timers.after(TIMER_H, () => {
    timers.cancel(timer);
    onTimeout();
  });
  return {
    stop: () => {
      timers.cancel(timer);
      timers.cancel(giveUp);
    },
  };
}
