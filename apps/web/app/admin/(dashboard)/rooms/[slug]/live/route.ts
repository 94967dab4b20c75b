import { RoomSlugSchema } from "@switchboard/db";
import { currentSession } from "@/lib/admin/session";
import { fetchLiveRoom, type LiveSnapshot } from "@/lib/admin/sfu";

export const dynamic = "force-dynamic";

/**
 * GET /admin/rooms/<slug>/live: the room's live participants for the dashboard's polling
 * (read-only; the session cookie is required, mutations go through CSRF-checked actions).
 */
export async function GET(_request: Request, context: { params: Promise<{ slug: string }> }) {
  const { slug } = await context.params;
  const headers = { "cache-control": "no-store" };
  if (!(await currentSession())) {
    const body: LiveSnapshot = { state: "unauthenticated", at: Date.now() };
    return Response.json(body, { status: 401, headers });
  }
  if (!RoomSlugSchema.safeParse(slug).success) {
    return Response.json({ error: "unknown room" }, { status: 404, headers });
  }
  return Response.json(await fetchLiveRoom(slug), { headers });
}
