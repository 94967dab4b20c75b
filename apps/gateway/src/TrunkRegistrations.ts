import { type Db, type TrunkWithCredentials, trunksToRegister } from "@switchboard/db";
import { register, type SipEndpoint } from "@switchboard/gateway";
import type { Logger } from "pino";

export interface RegistrationStatus {
  trunk: string;
  registered: boolean;
  /** When the current registration runs out (ms since epoch). */
  expiresAt?: number;
  lastError?: string;
}

/**
 * Keeps every enabled trunk with `register` on registered: REGISTER with digest, refresh
 * at 80 % of the granted time, retry after a failure, and pick up trunks added, changed or
 * removed in the dashboard (the list is reloaded every `reloadMs`).
 */
export class TrunkRegistrations {
  readonly status = new Map<string, RegistrationStatus>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly known = new Map<string, string>();
  private reloadTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly o: {
      db: Db;
      endpoint: SipEndpoint;
      secret: string;
      log: Logger;
      reloadMs?: number;
      retryMs?: number;
    },
  ) {}

  async start(): Promise<void> {
    await this.reload();
    this.reloadTimer = setInterval(() => void this.reload(), this.o.reloadMs ?? 60_000);
    this.reloadTimer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.reloadTimer) clearInterval(this.reloadTimer);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** Reads the trunks and (re)registers those that are new or changed. */
  async reload(): Promise<void> {
    let trunks: TrunkWithCredentials[];
    try {
      trunks = await trunksToRegister(this.o.db, this.o.secret, (err) =>
        this.o.log.error({ trunk: err.message }, "trunk credentials do not decrypt"),
      );
    } catch (err) {
      this.o.log.error({ err }, "could not read trunks");
      return;
    }
    const wanted = new Set(trunks.map((t) => t.name));
    for (const name of [...this.known.keys()]) {
      if (wanted.has(name)) continue;
      this.cancel(name);
      this.known.delete(name);
      this.status.delete(name);
    }
    for (const trunk of trunks) {
      const fingerprint = JSON.stringify([
        trunk.host,
        trunk.port,
        trunk.transport,
        trunk.username,
        trunk.password,
        trunk.registerExpires,
      ]);
      if (this.known.get(trunk.name) === fingerprint) continue;
      this.known.set(trunk.name, fingerprint);
      this.cancel(trunk.name);
      void this.registerNow(trunk);
    }
  }

  private async registerNow(trunk: TrunkWithCredentials): Promise<void> {
    if (this.stopped) return;
    const transport = trunk.transport === "tcp" ? ";transport=tcp" : "";
    const user = trunk.username ?? "switchboard";
    const result = await register(this.o.endpoint, {
      registrar: `sip:${trunk.host}:${trunk.port}${transport}`,
      aor: `sip:${user}@${trunk.host}`,
      ...(trunk.username && trunk.password
        ? { credentials: { user: trunk.username, password: trunk.password } }
        : {}),
      expiresSeconds: trunk.registerExpires,
    }).catch((err: unknown) => ({
      ok: false as const,
      status: 0,
      reason: err instanceof Error ? err.message : String(err),
    }));
    if (this.stopped) return;
    if (result.ok) {
      const seconds = Math.max(30, result.expiresSeconds);
      this.status.set(trunk.name, {
        trunk: trunk.name,
        registered: true,
        expiresAt: Date.now() + seconds * 1000,
      });
      this.o.log.info({ trunk: trunk.name, expires: seconds }, "trunk registered");
      this.schedule(trunk, seconds * 800);
    } else {
      const reason = `${result.reason}${result.status ? ` (${result.status})` : ""}`;
      this.status.set(trunk.name, { trunk: trunk.name, registered: false, lastError: reason });
      this.o.log.warn({ trunk: trunk.name, reason }, "trunk registration failed");
      this.schedule(trunk, this.o.retryMs ?? 30_000);
    }
  }

  private schedule(trunk: TrunkWithCredentials, ms: number): void {
    this.cancel(trunk.name);
    const timer = setTimeout(() => void this.registerNow(trunk), ms);
    timer.unref();
    this.timers.set(trunk.name, timer);
  }

  private cancel(name: string): void {
    const t = this.timers.get(name);
    if (t) clearTimeout(t);
    this.timers.delete(name);
  }
}
