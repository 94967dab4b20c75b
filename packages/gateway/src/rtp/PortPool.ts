/**
 * The RTP port range as a pool of even ports (RTP on the even one, RTCP on the next): a port
 * is handed out once and comes back when its leg closes, so a full range answers at once
 * (no bind attempts) and nothing leaks. Capacity = (max - min + 1) / 2 legs.
 */
import { randomInt } from "node:crypto";

export interface PortRange {
  min: number;
  max: number;
}

export class PortPool {
  private readonly free: number[] = [];
  private readonly used = new Set<number>();

  constructor(readonly range: PortRange) {
    const first = range.min + (range.min % 2);
    for (let p = first; p + 1 <= range.max; p += 2) this.free.push(p);
    if (this.free.length === 0)
      throw new Error(`RTP port range ${range.min}-${range.max} is too small`);
    // Shuffled once, so ports are not predictable from one call to the next.
    for (let i = this.free.length - 1; i > 0; i--) {
      const j = randomInt(0, i + 1);
      [this.free[i], this.free[j]] = [this.free[j] as number, this.free[i] as number];
    }
  }

  get capacity(): number {
    return this.free.length + this.used.size;
  }

  get inUse(): number {
    return this.used.size;
  }

  /** An even port, or undefined when every pair is in use. */
  take(): number | undefined {
    const p = this.free.pop();
    if (p !== undefined) this.used.add(p);
    return p;
  }

  /** Returns a port (taken ports that failed to bind come back later, at the front). */
  give(port: number, retryLater = false): void {
    if (!this.used.delete(port)) return;
    if (retryLater) this.free.unshift(port);
    else this.free.push(port);
  }
}

const pools = new Map<string, PortPool>();

/** One pool per (address, range) in the process: calls and tests share it. */
export function portPoolFor(address: string, range: PortRange): PortPool {
  const key = `${address}/${range.min}-${range.max}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = new PortPool(range);
    pools.set(key, pool);
  }
  return pool;
}
