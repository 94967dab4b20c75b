import { createDb, type Db } from "@switchboard/db";

/**
 * One Prisma client per server process, created on first use (so that `next build` never
 * opens the database). Kept on globalThis so that dev-mode HMR does not open a new one
 * each time this module is re-evaluated.
 */
const globalForDb = globalThis as typeof globalThis & { __switchboardDb?: Db };

export function getDb(): Db {
  globalForDb.__switchboardDb ??= createDb();
  return globalForDb.__switchboardDb;
}
