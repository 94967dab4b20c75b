import type { Db } from "./client";

/** Stores a chat message and returns it as the room shows it. */
export async function addChatMessage(
  db: Db,
  input: { roomId: string; peerId: string; displayName: string; text: string },
) {
  return db.chatMessage.create({ data: input });
}

/** The room's last `limit` chat messages, oldest first. */
export async function listChatMessages(db: Db, roomId: string, limit = 200) {
  const newest = await db.chatMessage.findMany({
    where: { roomId },
    orderBy: [{ sentAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return newest.reverse();
}

/** The shared notes' saved Yjs state, or null when the room has none yet. */
export async function loadNotes(db: Db, roomId: string): Promise<Uint8Array | null> {
  const row = await db.roomNotes.findUnique({ where: { roomId } });
  return row ? new Uint8Array(row.state) : null;
}

export async function saveNotes(db: Db, roomId: string, state: Uint8Array): Promise<void> {
  const bytes = new Uint8Array(state);
  await db.roomNotes.upsert({
    where: { roomId },
    create: { roomId, state: bytes },
    update: { state: bytes },
  });
}
