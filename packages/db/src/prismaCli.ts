import { execFileSync } from "node:child_process";
import path from "node:path";
import { PRISMA, REPO_ROOT, SQLITE_SCHEMA } from "./paths";

/**
 * The Prisma CLI as the tooling uses it offline with driver adapters, where only some of
 * it works: `migrate diff` between two datamodels (not from a database or a migrations
 * directory), `migrate deploy` and `db pull` on SQLite.
 */
export function prisma(args: string[], databaseUrl: string): string {
  return execFileSync(PRISMA, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** What `migrate diff --script` prints when two datamodels build the same database. */
export const EMPTY_MIGRATION = "-- This is an empty migration.";

/**
 * The SQL from one datamodel to another, of either provider. Run under the SQLite config
 * (in `scratchDir`): under the PostgreSQL one Prisma connects to the server first.
 */
export function diffDatamodels(from: string, to: string, scratchDir: string): string {
  return prisma(
    ["migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"],
    `file:${path.join(scratchDir, "unused.db")}`,
  ).trim();
}

/** The SQL that builds `schema`'s database from nothing. */
export function sqlFromEmpty(schema: string, scratchDir: string): string {
  return prisma(
    ["migrate", "diff", "--from-empty", "--to-schema-datamodel", schema, "--script"],
    `file:${path.join(scratchDir, "unused.db")}`,
  ).trim();
}

/** The datamodel of the SQLite database at `url`, read back with `prisma db pull`. */
export function pullSqliteSchema(url: string): string {
  const printed = prisma(["db", "pull", "--print", "--schema", SQLITE_SCHEMA], url);
  const start = printed.search(/^(generator|datasource) /m);
  if (start < 0) throw new Error(`prisma db pull printed no schema:\n${printed}`);
  return printed.slice(start);
}
