/**
 * Limits meeting-PIN guessing across calls: per source (after `perSource` failures within
 * the window the source is refused for a backoff that doubles each time, up to `maxBackoffMs`)
 * and globally (more than `globalPerMinute` failures in a minute refuse every source that
 * has not succeeded before, for a minute). A success clears the source's failures. The clock
 * is injected; the maps are bounded.
 */
export interface PinGuardOptions {
  perSource?: number;
  windowMs?: number;
  firstBackoffMs?: number;
  maxBackoffMs?: number;
  globalPerMinute?: number;
  now?: () => number;
  /** Sources tracked at most (oldest forgotten first). */
  maxSources?: number;
}

interface SourceState {
  failures: number[];
  blockedUntil: number;
  backoffMs: number;
  succeeded: boolean;
}

export class PinGuard {
  private readonly sources = new Map<string, SourceState>();
  private globalFailures: number[] = [];
  private globalBlockedUntil = 0;
  private readonly o: Required<PinGuardOptions>;

  constructor(o: PinGuardOptions = {}) {
    this.o = {
      perSource: o.perSource ?? 5,
      windowMs: o.windowMs ?? 10 * 60_000,
      firstBackoffMs: o.firstBackoffMs ?? 60_000,
      maxBackoffMs: o.maxBackoffMs ?? 60 * 60_000,
      globalPerMinute: o.globalPerMinute ?? 100,
      now: o.now ?? Date.now,
      maxSources: o.maxSources ?? 10_000,
    };
  }

  /** Whether `source` may try a PIN now. */
  allowed(source: string): boolean {
    const now = this.o.now();
    const s = this.sources.get(source);
    if (s && s.blockedUntil > now) return false;
    if (this.globalBlockedUntil > now && !s?.succeeded) return false;
    return true;
  }

  failed(source: string): void {
    const now = this.o.now();
    const s = this.state(source);
    s.failures = s.failures.filter((t) => now - t < this.o.windowMs);
    s.failures.push(now);
    if (s.failures.length >= this.o.perSource) {
      s.backoffMs =
        s.backoffMs === 0 ? this.o.firstBackoffMs : Math.min(s.backoffMs * 2, this.o.maxBackoffMs);
      s.blockedUntil = now + s.backoffMs;
      s.failures = [];
    }
    this.globalFailures = this.globalFailures.filter((t) => now - t < 60_000);
    this.globalFailures.push(now);
    if (this.globalFailures.length > this.o.globalPerMinute) {
      this.globalBlockedUntil = now + 60_000;
      this.globalFailures = [];
    }
  }

  succeeded(source: string): void {
    const s = this.state(source);
    s.failures = [];
    s.backoffMs = 0;
    s.succeeded = true;
  }

  get trackedSources(): number {
    return this.sources.size;
  }

  private state(source: string): SourceState {
    let s = this.sources.get(source);
    if (!s) {
      s = { failures: [], blockedUntil: 0, backoffMs: 0, succeeded: false };
      this.sources.set(source, s);
      if (this.sources.size > this.o.maxSources) {
        const oldest = this.sources.keys().next().value;
        if (oldest !== undefined) this.sources.delete(oldest);
      }
    }
    return s;
  }
}
