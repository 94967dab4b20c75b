/**
 * Per-trunk limits on outbound calls: how many at once, how many started per minute (a
 * sliding window). `acquire` either refuses or returns the release function the call must
 * run when it ends. The clock is injected; state per trunk is small and bounded.
 */
export interface TrunkLimitSettings {
  maxConcurrent: number;
  maxPerMinute: number;
}

export type LimitVerdict =
  | { ok: true; release: () => void }
  | { ok: false; reason: "concurrent" | "rate"; message: string };

export class TrunkLimits {
  private readonly active = new Map<string, number>();
  private readonly started = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  acquire(trunk: string, limits: TrunkLimitSettings): LimitVerdict {
    const now = this.now();
    const recent = (this.started.get(trunk) ?? []).filter((t) => now - t < 60_000);
    const active = this.active.get(trunk) ?? 0;
    if (active >= limits.maxConcurrent)
      return {
        ok: false,
        reason: "concurrent",
        message: `trunk ${trunk} already has ${active} calls (its limit)`,
      };
    if (recent.length >= limits.maxPerMinute)
      return {
        ok: false,
        reason: "rate",
        message: `trunk ${trunk} started ${recent.length} calls in the last minute (its limit)`,
      };
    recent.push(now);
    this.started.set(trunk, recent);
    this.active.set(trunk, active + 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        const n = (this.active.get(trunk) ?? 1) - 1;
        if (n <= 0) this.active.delete(trunk);
        else this.active.set(trunk, n);
      },
    };
  }

  activeCalls(trunk: string): number {
    return this.active.get(trunk) ?? 0;
  }
}
