import { randomUUID } from "node:crypto";
import { type Db, endpointWants, type WebhookEventType } from "@switchboard/db";
import { signedHeaders } from "./signature";

export interface DispatcherOptions {
  /** Delay before attempt n+1 after n failures (ms); its length + 1 is the attempt limit. */
  backoffMs?: number[];
  /** How often due deliveries are looked for (ms). */
  pollMs?: number;
  /** Per-request timeout (ms). */
  timeoutMs?: number;
  onError?: (error: unknown) => void;
}

/** 8 attempts over about 5.5 hours. */
export const DEFAULT_BACKOFF_MS = [
  5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000,
];

/**
 * Queues events as one WebhookDelivery row per subscribed endpoint and delivers them
 * signed, retrying with backoff. State lives in the database, so a restart resumes
 * pending deliveries; every attempt's outcome is recorded for the dashboard's log.
 */
export class WebhookDispatcher {
  private readonly backoff: number[];
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly options: DispatcherOptions = {},
  ) {
    this.backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.timer = setInterval(() => this.kick(), options.pollMs ?? 1000);
    this.timer.unref();
  }

  /** Records `type` for every endpoint that wants it and starts delivering. */
  async emit(type: WebhookEventType, data: Record<string, unknown>): Promise<void> {
    if (this.closed) return;
    const endpoints = (await this.db.webhookEndpoint.findMany({ where: { enabled: true } })).filter(
      (e) => endpointWants(e, type),
    );
    if (endpoints.length === 0) return;
    const eventId = `evt_${randomUUID()}`;
    const payload = JSON.stringify({ type, timestamp: new Date().toISOString(), data });
    await this.db.webhookDelivery.createMany({
      data: endpoints.map((e) => ({ endpointId: e.id, eventId, eventType: type, payload })),
    });
    this.kick();
  }

  /** Runs one delivery pass now (also used by tests); passes never overlap. */
  kick(): Promise<void> {
    this.running ??= this.deliverDue()
      .catch((error) => this.options.onError?.(error))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async deliverDue(): Promise<void> {
    const due = await this.db.webhookDelivery.findMany({
      where: { status: "pending", nextAttemptAt: { lte: new Date() } },
      include: { endpoint: true },
      orderBy: { createdAt: "asc" },
      take: 50,
    });
    // In order per endpoint (receivers see room.started before participant.joined),
    // endpoints in parallel (a slow receiver does not hold up the others).
    const byEndpoint = new Map<string, typeof due>();
    for (const d of due) byEndpoint.set(d.endpointId, [...(byEndpoint.get(d.endpointId) ?? []), d]);
    await Promise.all(
      [...byEndpoint.values()].map(async (list) => {
        for (const d of list) await this.attempt(d, d.endpoint);
      }),
    );
  }

  private async attempt(
    delivery: { id: string; eventId: string; payload: string; attempts: number },
    endpoint: { url: string; secret: string },
  ): Promise<void> {
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(endpoint.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Switchboard-Webhooks/1",
          ...signedHeaders(endpoint.secret, delivery.eventId, delivery.payload),
        },
        body: delivery.payload,
        redirect: "manual",
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      statusCode = res.status;
      await res.body?.cancel();
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const attempts = delivery.attempts + 1;
    const succeeded = error === null;
    const exhausted = !succeeded && attempts > this.backoff.length;
    await this.db.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        attempts,
        lastStatusCode: statusCode,
        lastError: error?.slice(0, 500) ?? null,
        status: succeeded ? "succeeded" : exhausted ? "failed" : "pending",
        deliveredAt: succeeded ? new Date() : null,
        nextAttemptAt: new Date(Date.now() + (this.backoff[attempts - 1] ?? 0)),
      },
    });
  }
}
