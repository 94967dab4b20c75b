import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type DatabaseEngine, type Db, databaseEngine } from "./client";
import { PRISMA, REPO_ROOT, SQLITE_SCHEMA } from "./paths";
import { dropPostgresTestDatabase } from "./postgresTesting";

export interface TestDatabase {
  url: string;
  engine: DatabaseEngine;
  db: Db;
  /** Disconnects and deletes the database. */
  dispose(): Promise<void>;
}

/**
 * The engine tests run on: PostgreSQL when TEST_DATABASE_URL names a PostgreSQL server
 * (`postgresql://user@host:port/postgres`; `scripts/with-postgres.sh` starts one and sets
 * it), else SQLite.
 */
export function testDatabaseEngine(): DatabaseEngine {
  const server = process.env.TEST_DATABASE_URL;
  return server ? databaseEngine(server) : "sqlite";
}

/**
 * A fresh database with the committed migrations applied exactly as production applies
 * them: on SQLite a file in a temp dir (`prisma migrate deploy`), on PostgreSQL a new
 * database on the TEST_DATABASE_URL server (our migration runner).
 */
export function createTestDatabase(): TestDatabase {
  const server = process.env.TEST_DATABASE_URL;
  if (server && databaseEngine(server) === "postgresql") return createPostgres(server);
  const dir = mkdtempSync(path.join(os.tmpdir(), "sb-db-"));
  const url = `file:${path.join(dir, "test.db")}`;
  execFileSync(PRISMA, ["migrate", "deploy", "--schema", SQLITE_SCHEMA], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
  const db = createDb(url);
  return {
    url,
    engine: "sqlite",
    db,
    async dispose() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function createPostgres(server: string): TestDatabase {
  // Synchronous like the SQLite path (callers create databases in `before` hooks).
  const url = execFileSync(
    path.join(REPO_ROOT, "node_modules/.bin/tsx"),
    [path.join(REPO_ROOT, "packages/db/src/cli.ts"), "test-database", server],
    { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  ).trim();
  const db = createDb(url);
  return {
    url,
    engine: "postgresql",
    db,
    async dispose() {
      await db.$disconnect();
      await dropPostgresTestDatabase(url);
    },
  };
}
