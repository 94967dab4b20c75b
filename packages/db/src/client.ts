import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";

export type Db = PrismaClient;

/** The default embedded database, relative to the repository root. */
export const DEFAULT_DATABASE_URL = "file:./data/switchboard.db";

/**
 * How long a SQLite connection waits for another process's write lock before giving up
 * (ms). Web, SFU and gateway write the same file; with WAL a write waits for at most one
 * other write at a time, so this is generous.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 15_000;

/**
 * Opens a Prisma client over SQLite through the better-sqlite3 driver adapter (Prisma's
 * JS engine: no native query engine is downloaded), in WAL mode with a busy timeout so
 * that several processes can write the same file. `url` is `file:<path>`.
 */
export function createDb(url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): Db {
  if (!url.startsWith("file:")) {
    throw new Error(`only SQLite (file:) URLs are supported for now, got ${url.split(":")[0]}:`);
  }
  const file = url.slice("file:".length);
  const absolute = path.isAbsolute(file)
    ? file
    : path.resolve(/*turbopackIgnore: true*/ process.cwd(), file);
  return new PrismaClient({ adapter: sqliteAdapter(`file:${absolute}`) });
}

/**
 * The better-sqlite3 adapter with every connection set up for several writing processes:
 * WAL (readers never block the writer, the writer never blocks readers), a busy timeout
 * (a writer waits for the other's write instead of failing with SQLITE_BUSY), and
 * transactions that take the write lock when they begin (BEGIN IMMEDIATE): a deferred
 * transaction that reads and then writes cannot wait for the lock (SQLite answers
 * SQLITE_BUSY at once, since waiting could deadlock), an immediate one waits its turn.
 */
export function sqliteAdapter(url: string): PrismaBetterSQLite3 {
  const factory = new PrismaBetterSQLite3({ url, timeout: SQLITE_BUSY_TIMEOUT_MS });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    await adapter.executeScript(
      `PRAGMA journal_mode = WAL; PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}; PRAGMA synchronous = NORMAL;`,
    );
    beginImmediate(adapter);
    return adapter;
  };
  return factory;
}

/**
 * Makes the adapter's transactions BEGIN IMMEDIATE. The adapter has no option for it and
 * runs a literal "BEGIN" through its better-sqlite3 handle (`client`, not in its types),
 * so that one statement is rewritten; if the adapter changes shape, this fails loudly
 * rather than quietly bringing the "database is locked" errors back (and
 * test/concurrency.test.ts fails too).
 */
function beginImmediate(adapter: Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>): void {
  const client = (adapter as unknown as { client?: { prepare?: (sql: string) => unknown } }).client;
  if (typeof client?.prepare !== "function") {
    throw new Error("@prisma/adapter-better-sqlite3 changed: see beginImmediate in client.ts");
  }
  const prepare = client.prepare.bind(client);
  client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
}
