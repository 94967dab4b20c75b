import { controlFetch } from "@switchboard/control-http";
import {
  AdminErrorSchema,
  type LiveRoom,
  LiveRoomSchema,
  type LiveRoomsResponse,
  LiveRoomsResponseSchema,
  type Source,
} from "@switchboard/protocol";
import { sfuAdminToken } from "@switchboard/tokens";
import type { z } from "zod";

/** The SFU refused or could not be reached. */
export class SfuAdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "SfuAdminError";
  }
}

/**
 * Typed client of the SFU's control API (see `@switchboard/protocol`'s admin.ts), used
 * server-side by the dashboard and the REST API.
 */
export class SfuAdminClient {
  private readonly token: string;

  constructor(
    private readonly baseUrl: string,
    secret: string,
    private readonly timeoutMs = 5000,
  ) {
    this.token = sfuAdminToken(secret);
  }

  /** From SFU_INTERNAL_URL (default http://127.0.0.1:$SFU_PORT) and SWITCHBOARD_SECRET. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): SfuAdminClient {
    const url = env.SFU_INTERNAL_URL ?? `http://127.0.0.1:${env.SFU_PORT ?? "4001"}`;
    const secret = env.SWITCHBOARD_SECRET;
    if (!secret) throw new Error("SWITCHBOARD_SECRET is not set");
    return new SfuAdminClient(url, secret);
  }

  listRooms(): Promise<LiveRoomsResponse> {
    return this.call("GET", "/admin/rooms", LiveRoomsResponseSchema);
  }

  /** The live room, or null when nobody is in it. */
  async getRoom(slug: string): Promise<LiveRoom | null> {
    try {
      return await this.call("GET", `/admin/rooms/${encodeURIComponent(slug)}`, LiveRoomSchema);
    } catch (error) {
      if (error instanceof SfuAdminError && error.status === 404) return null;
      throw error;
    }
  }

  async mute(slug: string, participantId: string, source: Source = "mic"): Promise<void> {
    await this.call("POST", `${this.participantPath(slug, participantId)}/mute`, null, { source });
  }

  async remove(slug: string, participantId: string): Promise<void> {
    await this.call("POST", `${this.participantPath(slug, participantId)}/remove`, null);
  }

  async endRoom(slug: string): Promise<void> {
    await this.call("POST", `/admin/rooms/${encodeURIComponent(slug)}/end`, null);
  }

  private participantPath(slug: string, id: string): string {
    return `/admin/rooms/${encodeURIComponent(slug)}/participants/${encodeURIComponent(id)}`;
  }

  private async call<T>(
    method: "GET" | "POST",
    path: string,
    schema: z.ZodType<T> | null,
    body?: unknown,
  ): Promise<T> {
    const res = await controlFetch({
      baseUrl: this.baseUrl,
      token: this.token,
      timeoutMs: this.timeoutMs,
      method,
      path,
      body,
    });
    if (!res.reached) {
      throw new SfuAdminError(
        503,
        "SFU_UNREACHABLE",
        `the media server is unreachable: ${res.error}`,
      );
    }
    const { json } = res;
    if (!res.ok) {
      const parsed = AdminErrorSchema.safeParse(json);
      const err = parsed.success
        ? parsed.data.error
        : { code: "SFU_ERROR", message: res.statusText };
      throw new SfuAdminError(res.status, err.code, err.message);
    }
    return schema ? schema.parse(json) : (undefined as T);
  }
}
