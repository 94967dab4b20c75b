import { RoomSlugSchema } from "@switchboard/db";
import { fetchRoomCalls } from "@/lib/admin/gateway";
import { currentSession } from "@/lib/admin/session";
import type { RoomCallsSnapshot } from "@/lib/admin/telephony";

export const dynamic = "force-dynamic";

/**
 * GET /admin/rooms/<slug>/calls: the room's live phone calls (from the gateway) and its
 * latest call records, for the room page's polling (read-only; the session cookie is
 * required, dialing and hanging up go through CSRF-checked actions).
 */
export async function GET(_request: Request, context: { params: Promise<{ slug: string }> }) {
  const { slug } = await context.params;
  const headers = { "cache-control": "no-store" };
  if (!(await currentSession())) {
    const body: RoomCallsSnapshot = { state: "unauthenticated", at: Date.now() };
    return Response.json(body, { status: 401, headers });
  }
  if (!RoomSlugSchema.safeParse(slug).success) {
    return Response.json({ error: "unknown room" }, { status: 404, headers });
  }
  return Response.json(await fetchRoomCalls(slug), { headers });
}
