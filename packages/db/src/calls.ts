import type { Db } from "./client";

/** The room a meeting PIN opens, or null. */
export function findRoomByPin(db: Db, pin: string) {
  if (!/^\d{4,12}$/.test(pin)) return Promise.resolve(null);
  return db.room.findUnique({ where: { pin } });
}

export interface CallStart {
  callId: string;
  direction: "inbound" | "outbound";
  fromNumber: string;
  toNumber: string;
  trunk?: string | null;
  roomSlug?: string | null;
}

/** A call leg began (one row per leg). */
export async function recordCallStart(db: Db, input: CallStart): Promise<void> {
  await db.callRecord.upsert({ where: { callId: input.callId }, create: input, update: {} });
}

export async function recordCallAnswered(db: Db, callId: string, at = new Date()) {
  await db.callRecord.updateMany({ where: { callId, answeredAt: null }, data: { answeredAt: at } });
}

export async function recordCallRoom(db: Db, callId: string, roomSlug: string) {
  await db.callRecord.updateMany({ where: { callId }, data: { roomSlug } });
}

export async function recordCallEnd(db: Db, callId: string, endReason: string, at = new Date()) {
  await db.callRecord.updateMany({
    where: { callId, endedAt: null },
    data: { endedAt: at, endReason },
  });
}

export interface CallFilter {
  direction?: "inbound" | "outbound" | undefined;
  roomSlug?: string | undefined;
  /** Matches the start of the from or to number. */
  number?: string | undefined;
  since?: Date | undefined;
}

/** Newest first. */
export function listCalls(db: Db, filter: CallFilter = {}, take = 200) {
  return db.callRecord.findMany({
    where: {
      ...(filter.direction ? { direction: filter.direction } : {}),
      ...(filter.roomSlug ? { roomSlug: filter.roomSlug } : {}),
      ...(filter.since ? { startedAt: { gte: filter.since } } : {}),
      ...(filter.number
        ? {
            OR: [
              { fromNumber: { startsWith: filter.number } },
              { toNumber: { startsWith: filter.number } },
            ],
          }
        : {}),
    },
    orderBy: { startedAt: "desc" },
    take,
  });
}
