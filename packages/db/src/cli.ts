/**
 * Database tooling, one command per job (run from the repository root with tsx):
 *   generate          the PostgreSQL schema variant, then both Prisma clients
 *   migrate           applies pending migrations to DATABASE_URL (SQLite or PostgreSQL)
 *   migration <name>  after an edit of prisma/schema.prisma: the new migration for both
 *   test-database <server-url>   (for tests) a fresh migrated PostgreSQL database; prints its URL
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { databaseEngine } from "./client";
import {
  PLACEHOLDER_POSTGRES_URL,
  POSTGRES_MIGRATIONS,
  POSTGRES_SCHEMA,
  REPO_ROOT,
  SQLITE_MIGRATIONS,
  SQLITE_SCHEMA,
} from "./paths";
import { migratePostgres } from "./postgresMigrations";
import { toPostgresSchema } from "./postgresSchema";
import { createPostgresTestDatabase } from "./postgresTesting";
import { diffDatamodels, EMPTY_MIGRATION, prisma, pullSqliteSchema } from "./prismaCli";

/** Writes prisma/postgresql/schema.prisma from prisma/schema.prisma. */
function writePostgresSchema(): void {
  mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  writeFileSync(POSTGRES_SCHEMA, toPostgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
}

function generate(): void {
  writePostgresSchema();
  prisma(["generate", "--schema", SQLITE_SCHEMA], "file:./data/unused.db");
  prisma(["generate", "--schema", POSTGRES_SCHEMA], PLACEHOLDER_POSTGRES_URL);
  console.log("generated the SQLite and PostgreSQL clients");
}

async function migrate(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("set DATABASE_URL");
  if (databaseEngine(url) === "sqlite") {
    process.stdout.write(prisma(["migrate", "deploy", "--schema", SQLITE_SCHEMA], url));
    return;
  }
  const applied = await migratePostgres(url, POSTGRES_MIGRATIONS, (line) => console.log(line));
  console.log(applied.length ? `${applied.length} migration(s) applied` : "no pending migration");
}

/** The schema the committed SQLite migrations build, read back from a database they built. */
function migratedSchema(dir: string): string {
  const url = `file:${path.join(dir, `migrated-${Date.now()}.db`)}`;
  prisma(["migrate", "deploy", "--schema", SQLITE_SCHEMA], url);
  return pullSqliteSchema(url);
}

/**
 * The migration from what the committed migrations build to prisma/schema.prisma, for
 * SQLite and for PostgreSQL, under the same name. The starting point is read back from a
 * database the SQLite migrations built (not from git), so running it twice, or after a
 * colleague's migration landed, does the right thing.
 */
function newMigration(name: string | undefined): void {
  if (!name || !/^[a-z0-9][a-z0-9_]*$/.test(name)) {
    throw new Error("usage: npm run db:migration -- <name>   (lowercase letters, digits, _)");
  }
  writePostgresSchema();
  const tmp = mkdtempSync(path.join(os.tmpdir(), "sb-migration-"));
  try {
    const fromSqlite = path.join(tmp, "from.prisma");
    const fromPostgres = path.join(tmp, "from-postgresql.prisma");
    const migrated = migratedSchema(tmp);
    writeFileSync(fromSqlite, migrated);
    writeFileSync(fromPostgres, toPostgresSchema(migrated));
    const sqlite = diffDatamodels(fromSqlite, SQLITE_SCHEMA, tmp);
    const postgres = diffDatamodels(fromPostgres, POSTGRES_SCHEMA, tmp);
    if (sqlite === EMPTY_MIGRATION && postgres === EMPTY_MIGRATION) {
      console.log("prisma/schema.prisma matches the migrations: nothing to write");
      return;
    }
    const dirName = `${nextTimestamp()}_${name}`;
    for (const [dir, sql] of [
      [SQLITE_MIGRATIONS, sqlite],
      [POSTGRES_MIGRATIONS, postgres],
    ] as const) {
      mkdirSync(path.join(dir, dirName), { recursive: true });
      writeFileSync(path.join(dir, dirName, "migration.sql"), `${sql}\n`);
      console.log(`wrote ${path.relative(REPO_ROOT, path.join(dir, dirName, "migration.sql"))}`);
    }
    // The migrations now build exactly the schema.
    const check = path.join(tmp, "check.prisma");
    writeFileSync(check, migratedSchema(tmp));
    if (diffDatamodels(check, SQLITE_SCHEMA, tmp) !== EMPTY_MIGRATION) {
      throw new Error("the SQLite migrations do not build prisma/schema.prisma: check the SQL");
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A UTC yyyymmddhhmmss after every existing migration of both engines. */
function nextTimestamp(): string {
  const existing = [SQLITE_MIGRATIONS, POSTGRES_MIGRATIONS]
    .flatMap((dir) => readdirSync(dir))
    .map((d) => d.split("_")[0] ?? "")
    .filter((s) => /^\d{14}$/.test(s))
    .sort();
  const now = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const last = existing.at(-1);
  return last && last >= now ? String(BigInt(last) + 1n) : now;
}

const [command, ...args] = process.argv.slice(2);
try {
  if (command === "generate") generate();
  else if (command === "migrate") await migrate();
  else if (command === "migration") newMigration(args[0]);
  else if (command === "test-database" && args[0]) {
    process.stdout.write(`${await createPostgresTestDatabase(args[0])}\n`);
  } else {
    throw new Error("usage: cli.ts generate | migrate | migration <name> | test-database <url>");
  }
} catch (error) {
  const stderr = (error as { stderr?: string }).stderr;
  console.error(stderr ? `${String(error)}\n${stderr}` : String(error));
  process.exitCode = 1;
}
