import { GatewayClient, GatewayError } from "@switchboard/api";
import { listCalls } from "@switchboard/db";
import { getDb } from "@/lib/db";
import type { RecentCallView, RoomCallsSnapshot } from "./telephony";

/** The gateway control API client, or null when SWITCHBOARD_SECRET is missing. */
export function gatewayClient(): GatewayClient | null {
  try {
    return GatewayClient.fromEnv();
  } catch {
    return null;
  }
}

/** A short, user-facing description of a gateway control API failure. */
export function describeGatewayError(error: unknown): string {
  if (error instanceof GatewayError) {
    if (error.unreachable) return "the phone gateway is not reachable";
    if (error.status === 401) return "the phone gateway refused our credentials (secret mismatch)";
    if (error.status === 503) return `the phone gateway cannot call now (${error.message})`;
    if (error.issues?.length) return error.issues.map((i) => i.message).join("; ");
    return error.message;
  }
  return "unexpected answer from the phone gateway";
}

const RECENT_CALLS = 8;

async function recentCalls(slug: string): Promise<RecentCallView[]> {
  const rows = await listCalls(getDb(), { roomSlug: slug }, RECENT_CALLS);
  return rows.map((r) => ({
    callId: r.callId,
    direction: r.direction,
    from: r.fromNumber,
    to: r.toNumber,
    startedAt: r.startedAt.getTime(),
    answeredAt: r.answeredAt?.getTime() ?? null,
    endedAt: r.endedAt?.getTime() ?? null,
    endReason: r.endReason,
  }));
}

/** The room's live phone calls (from the gateway) and its latest call records. */
export async function fetchRoomCalls(slug: string): Promise<RoomCallsSnapshot> {
  const at = Date.now();
  const recent = await recentCalls(slug);
  const client = gatewayClient();
  if (!client) return { state: "unreachable", error: "SWITCHBOARD_SECRET is not set", recent, at };
  try {
    const calls = await client.liveCalls();
    const live = calls
      .filter((c) => c.room === slug)
      .map((c) => ({
        callId: c.callId,
        direction: c.direction,
        from: c.from,
        to: c.to,
        state: c.state,
        startedAt: Date.parse(c.startedAt) || at,
      }));
    return { state: "ok", live, recent, at };
  } catch (error) {
    return { state: "unreachable", error: describeGatewayError(error), recent, at };
  }
}
