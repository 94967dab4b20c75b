import { createDb } from "./client";
import { ensureRoom } from "./rooms";

/** Seeds the demo room. Idempotent. */
const db = createDb();
await ensureRoom(db, "demo", "Demo room");
await db.$disconnect();
