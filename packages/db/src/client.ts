import { createRequire } from "node:module";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { PrismaPg } from "@prisma/adapter-pg";
import { type Prisma, PrismaClient } from "@prisma/client";

/**
 * The Prisma client the data functions take. Its type is the SQLite client's; the
 * PostgreSQL client, generated from the same schema, has the same API at run time.
 */
export type Db = PrismaClient;

export type DatabaseEngine = "sqlite" | "postgresql";

/** The default embedded database, relative to the repository root. */
export const DEFAULT_DATABASE_URL = "file:./data/switchboard.db";

/**
 * How long a SQLite connection waits for another process's write lock before giving up
 * (ms). Web, SFU and gateway write the same file; with WAL a write waits for at most one
 * other write at a time, so this is generous.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 15_000;

/** Which engine a database URL names: `file:` is SQLite, `postgres(ql)://` PostgreSQL. */
export function databaseEngine(url: string): DatabaseEngine {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), got ${url.split(":")[0]}:`,
  );
}

const engines = new WeakMap<Db, DatabaseEngine>();

/** The engine behind a client made by {@link createDb}. */
export function engineOf(db: Db): DatabaseEngine {
  return engines.get(db) ?? "sqlite";
}

/**
 * A `contains` filter that ignores case on both engines: SQLite's LIKE already does (for
 * ASCII letters), PostgreSQL needs `mode: "insensitive"` (ILIKE), which the SQLite
 * client's types do not have.
 */
export function containsIgnoringCase(db: Db, text: string): Prisma.StringFilter {
  return engineOf(db) === "postgresql"
    ? ({ contains: text, mode: "insensitive" } as Prisma.StringFilter)
    : { contains: text };
}

/**
 * Opens a Prisma client (Prisma's JS engine with a driver adapter: no native query engine
 * is downloaded) on the database `url` names: SQLite through better-sqlite3, in WAL mode
 * with a busy timeout so that several processes can write the same file; or PostgreSQL
 * through node-postgres, with the PostgreSQL client generated from the same schema.
 */
export function createDb(url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): Db {
  const engine = databaseEngine(url);
  const db = engine === "sqlite" ? openSqlite(url) : openPostgres(url);
  engines.set(db, engine);
  return db;
}

function openSqlite(url: string): Db {
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

/**
 * PostgreSQL's adapter and generated client load only when a PostgreSQL URL is used (and
 * stay out of bundles), resolved from the working directory, which is inside the checkout
 * for every process (npm scripts, Next, tests, the image). `import.meta.url` would say
 * where this file is, but Playwright's TypeScript loader cannot take it.
 */
function openPostgres(url: string): Db {
  const load = createRequire(path.join(/*turbopackIgnore: true*/ process.cwd(), "package.json"));
  let Adapter: typeof PrismaPg;
  let Client: new (options: { adapter: PrismaPg }) => Db;
  try {
    ({ PrismaPg: Adapter } = load(/*turbopackIgnore: true*/ "@prisma/adapter-pg"));
    ({ PrismaClient: Client } = load(/*turbopackIgnore: true*/ ".prisma/client-postgresql"));
  } catch (error) {
    throw new Error(
      `cannot load the PostgreSQL client from ${process.cwd()} (run \`npm run db:generate\` in the checkout): ${String(error)}`,
    );
  }
  return new Client({ adapter: new Adapter({ connectionString: url }) });
}
