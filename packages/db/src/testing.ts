import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, type Db } from "./client";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export interface TestDatabase {
  url: string;
  db: Db;
  /** Disconnects and deletes the database file. */
  dispose(): Promise<void>;
}

/**
 * A fresh SQLite database in a temp dir with the committed migrations applied by
 * `prisma migrate deploy`, exactly as production applies them.
 */
export function createTestDatabase(): TestDatabase {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sb-db-"));
  const url = `file:${path.join(dir, "test.db")}`;
  execFileSync(path.join(repoRoot, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
  const db = createDb(url);
  return {
    url,
    db,
    async dispose() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
