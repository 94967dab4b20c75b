import { SfuAdminClient, SfuAdminError } from "@switchboard/api";
import type { LiveRoom, LiveRoomsResponse } from "@switchboard/protocol";

/** The SFU control API client, or null when SWITCHBOARD_SECRET is missing. */
export function sfuAdmin(): SfuAdminClient | null {
  try {
    return SfuAdminClient.fromEnv();
  } catch {
    return null;
  }
}

export type LiveRoomsResult =
  | { ok: true; rooms: LiveRoomsResponse["rooms"] }
  | { ok: false; error: string };

/** Live rooms from the SFU; an explanation instead when it cannot be asked. */
export async function fetchLiveRooms(): Promise<LiveRoomsResult> {
  const client = sfuAdmin();
  if (!client) return { ok: false, error: "SWITCHBOARD_SECRET is not set" };
  try {
    return { ok: true, rooms: (await client.listRooms()).rooms };
  } catch (error) {
    return { ok: false, error: describeSfuError(error) };
  }
}

/** What the live-participants panel polls. */
export type LiveSnapshot =
  | { state: "live"; room: LiveRoom; at: number }
  | { state: "idle"; at: number }
  | { state: "unreachable"; error: string; at: number }
  | { state: "unauthenticated"; at: number };

export async function fetchLiveRoom(slug: string): Promise<LiveSnapshot> {
  const at = Date.now();
  const client = sfuAdmin();
  if (!client) return { state: "unreachable", error: "SWITCHBOARD_SECRET is not set", at };
  try {
    const room = await client.getRoom(slug);
    return room ? { state: "live", room, at } : { state: "idle", at };
  } catch (error) {
    return { state: "unreachable", error: describeSfuError(error), at };
  }
}

/** A short, user-facing description of an SFU control API failure. */
export function describeSfuError(error: unknown): string {
  if (error instanceof SfuAdminError) {
    if (error.code === "SFU_UNREACHABLE") return "the media server is unreachable";
    if (error.status === 401) return "the media server refused our credentials (secret mismatch)";
    if (error.status === 404) return "not found on the media server";
    return error.message;
  }
  return "unexpected answer from the media server";
}
