import { z } from "zod";
import type { Db } from "./client";

export interface RoomRecord {
  id: string;
  slug: string;
  name: string;
  locked: boolean;
  maxParticipants: number;
  createdAt: Date;
}

export const RoomNameSchema = z.string().trim().min(1, "give the room a name").max(80);

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

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002"
  );
}
