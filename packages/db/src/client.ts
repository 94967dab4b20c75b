import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";

export type Db = PrismaClient;

/** The default embedded database, relative to the repository root. */
export const DEFAULT_DATABASE_URL = "file:./data/switchboard.db";

/**
 * Opens a Prisma client over SQLite through the better-sqlite3 driver adapter (Prisma's
 * JS engine: no native query engine is downloaded). `url` is `file:<path>`.
 */
export function createDb(url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): Db {
  if (!url.startsWith("file:")) {
    throw new Error(`only SQLite (file:) URLs are supported for now, got ${url.split(":")[0]}:`);
  }
  const file = url.slice("file:".length);
  const absolute = path.isAbsolute(file)
    ? file
    : path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
  const adapter = new PrismaBetterSQLite3({ url: `file:${absolute}` });
  return new PrismaClient({ adapter });
}
