import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/** The table that records which migrations a PostgreSQL database has. */
export const MIGRATIONS_TABLE = "_switchboard_migrations";
/** pg_advisory_lock key: two processes starting at once do not both migrate. */
const LOCK_KEY = 4_151_337;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** The migrations in `dir` (one `<name>/migration.sql` each), in name order. */
export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((name) => existsSync(path.join(dir, name, "migration.sql")))
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

/**
 * Applies the pending migrations of `dir` to the PostgreSQL database at `url`, each in its
 * own transaction (PostgreSQL's DDL is transactional: a failing migration leaves nothing
 * behind), and records each in {@link MIGRATIONS_TABLE}. Refuses to go on when an applied
 * migration's file changed since. Returns the names it applied.
 *
 * This stands in for `prisma migrate deploy`, which fails offline with the pg driver
 * adapter (see the README's "Database" section).
 */
export async function migratePostgres(
  url: string,
  dir: string,
  log: (line: string) => void = () => undefined,
): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (
         "name" TEXT PRIMARY KEY,
         "checksum" TEXT NOT NULL,
         "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ name: string; checksum: string }>(
      `SELECT "name", "checksum" FROM "${MIGRATIONS_TABLE}"`,
    );
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    const migrations = readMigrations(dir);
    const known = new Set(migrations.map((m) => m.name));
    for (const name of applied.keys()) {
      if (!known.has(name)) log(`the database has migration ${name}, which ${dir} does not`);
    }
    const done: string[] = [];
    for (const m of migrations) {
      const checksum = applied.get(m.name);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) {
          throw new MigrationError(
            `migration ${m.name} was changed after it was applied; add a new migration instead`,
          );
        }
        continue;
      }
      try {
        await client.query("BEGIN");
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "${MIGRATIONS_TABLE}" ("name", "checksum") VALUES ($1, $2)`,
          [m.name, m.checksum],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw new MigrationError(
          `migration ${m.name} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      log(`applied ${m.name}`);
      done.push(m.name);
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
