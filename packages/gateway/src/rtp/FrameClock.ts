/**
 * One 20 ms clock for many subscribers (a timer per process, not per call). Self-correcting:
 * ticks are scheduled against the start time; when the loop falls behind it catches up by at
 * most `maxCatchUp` ticks, then skips.
 */
export type TickHandler = (tick: number) => void;

/** How punctual the clock has been (for benchmarks and metrics). */
export interface ClockStats {
  ticks: number;
  /** Ticks that ran more than 10 ms after they were due. */
  late: number;
  /** Ticks skipped because the loop fell too far behind. */
  skipped: number;
  maxLagMs: number;
}

export class FrameClock {
  readonly stats: ClockStats = { ticks: 0, late: 0, skipped: 0, maxLagMs: 0 };
  private readonly handlers = new Set<TickHandler>();
  private timer: NodeJS.Timeout | undefined;
  private start = 0;
  private tick = 0;

  constructor(
    readonly periodMs = 20,
    private readonly maxCatchUp = 3,
  ) {}

  subscribe(fn: TickHandler): () => void {
    this.handlers.add(fn);
    if (!this.timer) {
      this.start = performance.now();
      this.tick = 0;
      this.schedule();
    }
    return () => {
      this.handlers.delete(fn);
      if (this.handlers.size === 0 && this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
      }
    };
  }

  /** Starts the punctuality counters afresh. */
  resetStats(): void {
    Object.assign(this.stats, { ticks: 0, late: 0, skipped: 0, maxLagMs: 0 });
  }

  get subscribers(): number {
    return this.handlers.size;
  }

  private schedule(): void {
    const due = this.start + (this.tick + 1) * this.periodMs;
    this.timer = setTimeout(() => this.run(), Math.max(0, due - performance.now()));
  }

  private run(): void {
    const now = performance.now();
    let due = Math.floor((now - this.start) / this.periodMs);
    if (due - this.tick > this.maxCatchUp) {
      this.stats.skipped += due - this.maxCatchUp - this.tick;
      this.tick = due - this.maxCatchUp;
    }
    while (this.tick < due) {
      this.tick++;
      const lag = performance.now() - (this.start + this.tick * this.periodMs);
      this.stats.ticks++;
      if (lag > 10) this.stats.late++;
      if (lag > this.stats.maxLagMs) this.stats.maxLagMs = lag;
      for (const h of this.handlers) {
        try {
          h(this.tick);
        } catch {
          // A subscriber's failure must not stop the others' media.
        }
      }
      due = Math.floor((performance.now() - this.start) / this.periodMs);
      if (due - this.tick > this.maxCatchUp) break;
    }
    if (this.handlers.size > 0) this.schedule();
    else this.timer = undefined;
  }
}

/** The process-wide clock used by calls and mixers unless another is injected. */
export const sharedFrameClock = new FrameClock();
