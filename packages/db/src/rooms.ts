import { z } from "zod";
import { containsIgnoringCase, type Db } from "./client";
import { isNotFound, isUniqueViolation, uniqueViolationFields } from "./errors";

export interface RoomRecord {
  id: string;
  slug: string;
  name: string;
  locked: boolean;
  maxParticipants: number;
  lobbyEnabled: boolean;
  /** "public" or "token". */
  access: string;
  pin: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const RoomNameSchema = z.string().trim().min(1, "give the room a name").max(80);
export const RoomSlugSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "lowercase letters, digits and inner dashes only");
export const RoomAccessSchema = z.enum(["public", "token"]);
export type RoomAccess = z.infer<typeof RoomAccessSchema>;

/** Everything an admin can set on a room (create: name required; update: any subset). */
export const RoomSettingsSchema = z.object({
  name: RoomNameSchema,
  slug: RoomSlugSchema.optional(),
  locked: z.boolean().default(false),
  lobbyEnabled: z.boolean().default(false),
  maxParticipants: z.number().int().min(0).max(1000).default(50),
  access: RoomAccessSchema.default("public"),
  pin: z
    .string()
    .regex(/^\d{6,12}$/, "6 to 12 digits (shorter PINs are guessed)")
    .nullable()
    .default(null),
});
export type RoomSettingsInput = z.input<typeof RoomSettingsSchema>;
export const RoomPatchSchema = RoomSettingsSchema.partial().strict();
export type RoomPatch = z.input<typeof RoomPatchSchema>;

/** Rooms by name or slug containing `search` (ignoring case), newest first. */
export function listRooms(db: Db, search?: string): Promise<RoomRecord[]> {
  const q = search?.trim();
  return db.room.findMany({
    where: q
      ? { OR: [{ name: containsIgnoringCase(db, q) }, { slug: containsIgnoringCase(db, q) }] }
      : undefined,
    orderBy: { createdAt: "desc" },
    take: 500,
  });
}

/**
 * Creates a room with full settings. Without a slug one is derived from the name (with a
 * suffix when taken); an explicit slug that is taken is a {@link RoomConflictError}.
 */
export async function createRoomWithSettings(
  db: Db,
  input: RoomSettingsInput,
): Promise<RoomRecord> {
  const { slug, ...settings } = RoomSettingsSchema.parse(input);
  if (slug) {
    try {
      return await db.room.create({ data: { ...settings, slug } });
    } catch (error) {
      throw conflictOr(error);
    }
  }
  const base = slugify(settings.name) || "room";
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await db.room.create({
        data: { ...settings, slug: attempt === 0 ? base : `${base}-${randomSuffix()}` },
      });
    } catch (error) {
      if (!isUniqueViolation(error) || uniqueViolationFields(error).includes("pin")) {
        throw conflictOr(error);
      }
    }
  }
  throw new Error("could not find a free slug for this room name");
}

/** Applies a partial update; null when the room does not exist. */
export async function updateRoom(
  db: Db,
  slug: string,
  patch: RoomPatch,
): Promise<RoomRecord | null> {
  const data = RoomPatchSchema.parse(patch);
  try {
    return await db.room.update({ where: { slug }, data });
  } catch (error) {
    if (isNotFound(error)) return null;
    throw conflictOr(error);
  }
}

/** Deletes a room and its history; false when it did not exist. */
export async function deleteRoom(db: Db, slug: string): Promise<boolean> {
  const { count } = await db.room.deleteMany({ where: { slug } });
  return count > 0;
}

/** A slug or PIN that another room already has. */
export class RoomConflictError extends Error {
  constructor(readonly field: "slug" | "pin") {
    super(field === "slug" ? "another room already has this slug" : "another room has this PIN");
    this.name = "RoomConflictError";
  }
}

function conflictOr(error: unknown): unknown {
  if (!isUniqueViolation(error)) return error;
  return new RoomConflictError(uniqueViolationFields(error).includes("pin") ? "pin" : "slug");
}

/** "Weekly Sync!" → "weekly-sync". Empty when nothing usable is left. */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/g, "");
}

export function findRoomBySlug(db: Db, slug: string): Promise<RoomRecord | null> {
  return db.room.findUnique({ where: { slug } });
}

/**
 * Creates a room named `name` with a slug derived from it; when the slug is taken, a
 * short random suffix is added so that two rooms with the same name never collide.
 */
export async function createRoom(db: Db, name: string): Promise<RoomRecord> {
  const cleanName = RoomNameSchema.parse(name);
  const base = slugify(cleanName) || "room";
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${randomSuffix()}`;
    try {
      return await db.room.create({ data: { slug, name: cleanName } });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error("could not find a free slug for this room name");
}

/** Creates the room if it is missing; used for the seeded demo room. */
export function ensureRoom(db: Db, slug: string, name: string): Promise<RoomRecord> {
  return db.room.upsert({ where: { slug }, update: {}, create: { slug, name } });
}

function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 7);
}
