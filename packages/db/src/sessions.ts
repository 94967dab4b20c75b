import type { Db } from "./client";

/**
 * A participant entered a room: one row per stay, closed by {@link recordLeave}. A peer
 * that comes back after a dropped connection keeps its id: its stay is reopened.
 */
export async function recordJoin(
  db: Db,
  input: { roomId: string; peerId: string; displayName: string; role?: string; joinedAt?: Date },
): Promise<void> {
  await db.participantSession.upsert({
    where: { peerId: input.peerId },
    create: input,
    update: { leftAt: null },
  });
}

export async function recordLeave(db: Db, peerId: string, leftAt = new Date()): Promise<void> {
  await db.participantSession.updateMany({ where: { peerId, leftAt: null }, data: { leftAt } });
}

/** Closes sessions left open by a process that stopped without saying goodbye. */
export async function closeDanglingSessions(db: Db, at = new Date()): Promise<number> {
  const { count } = await db.participantSession.updateMany({
    where: { leftAt: null },
    data: { leftAt: at },
  });
  return count;
}

export function listSessions(db: Db, roomId: string) {
  return db.participantSession.findMany({ where: { roomId }, orderBy: { joinedAt: "asc" } });
}
