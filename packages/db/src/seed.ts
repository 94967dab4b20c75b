import { createDb } from "./client";
import { ensureRoom } from "./rooms";

/** The demo room's phone PIN (dial in, type it and #). */
export const DEMO_PIN = "1234";

/** Seeds the demo room (with its phone PIN when the PIN is free). Idempotent. */
const db = createDb();
const room = await ensureRoom(db, "demo", "Demo room");
if (!room.pin && !(await db.room.findUnique({ where: { pin: DEMO_PIN } }))) {
  await db.room.update({ where: { id: room.id }, data: { pin: DEMO_PIN } });
}
await db.$disconnect();
