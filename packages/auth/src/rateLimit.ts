/** Limits of the login rate limiter. */
export interface LoginRateLimitOptions {
  /** Failed attempts allowed per email within the window (default 5). */
  perEmail?: number;
  /** Failed attempts allowed per client IP within the window (default 20). */
  perIp?: number;
  /** Sliding window length (default 15 minutes). */
  windowMs?: number;
  /** The clock, injectable for tests. */
  now?: () => number;
  /** At most this many keys are tracked; the stalest are dropped first (default 10 000). */
  maxKeys?: number;
}

export type RateLimitDecision = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * In-memory sliding-window limiter of *failed* sign-ins, per email and per IP. Checked
 * before the password is even looked at; a success clears that email's failures. Per
 * process: with several web processes each counts on its own.
 */
export class LoginRateLimiter {
  private readonly perEmail: number;
  private readonly perIp: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly maxKeys: number;
  /** key → timestamps of failures, oldest first. Map order = least recently touched first. */
  private readonly failures = new Map<string, number[]>();

  constructor(options: LoginRateLimitOptions = {}) {
    this.perEmail = options.perEmail ?? 5;
    this.perIp = options.perIp ?? 20;
    this.windowMs = options.windowMs ?? 15 * 60 * 1000;
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /** Whether another attempt for this email from this IP may be checked now. */
  check(email: string, ip: string): RateLimitDecision {
    const now = this.now();
    const waits = [
      this.waitFor(emailKey(email), this.perEmail, now),
      this.waitFor(ipKey(ip), this.perIp, now),
    ];
    const retryAfterMs = Math.max(...waits);
    return retryAfterMs > 0 ? { ok: false, retryAfterMs } : { ok: true };
  }

  /** Records a failed attempt against both the email and the IP. */
  recordFailure(email: string, ip: string): void {
    const now = this.now();
    for (const key of [emailKey(email), ipKey(ip)]) {
      const list = this.live(key, now);
      list.push(now);
      this.failures.delete(key);
      this.failures.set(key, list);
    }
    while (this.failures.size > this.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }

  /** A successful sign-in forgets the email's failures (the IP's stay). */
  recordSuccess(email: string): void {
    this.failures.delete(emailKey(email));
  }

  /** 0 when allowed, else how long until the oldest failure in the window expires. */
  private waitFor(key: string, limit: number, now: number): number {
    const list = this.live(key, now);
    if (list.length < limit) return 0;
    const oldestThatMatters = list[list.length - limit] ?? now;
    return Math.max(1, oldestThatMatters + this.windowMs - now);
  }

  /** The key's failures still inside the window (older ones are dropped). */
  private live(key: string, now: number): number[] {
    const list = this.failures.get(key);
    if (!list) return [];
    const fresh = list.filter((t) => t > now - this.windowMs);
    if (fresh.length === 0) this.failures.delete(key);
    else if (fresh.length !== list.length) this.failures.set(key, fresh);
    return fresh;
  }
}

function emailKey(email: string): string {
  return `e:${email.trim().toLowerCase()}`;
}

function ipKey(ip: string): string {
  return `i:${ip}`;
}

/** "Too many attempts, try again in N minutes" for a wait in milliseconds. */
export function tooManyAttemptsMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many attempts, try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
