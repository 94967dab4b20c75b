import assert from "node:assert/strict";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS, SQLITE_SCHEMA } from "../src/paths";
import { MIGRATIONS_TABLE, MigrationError, migratePostgres } from "../src/postgresMigrations";
import { toPostgresSchema } from "../src/postgresSchema";
import { createEmptyPostgresDatabase, dropPostgresTestDatabase } from "../src/postgresTesting";
import { diffDatamodels, EMPTY_MIGRATION, pullSqliteSchema, sqlFromEmpty } from "../src/prismaCli";
import { createTestDatabase, type TestDatabase, testDatabaseEngine } from "../src/testing";

const engine = testDatabaseEngine();
const migrationNames = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

describe("the PostgreSQL schema variant", () => {
  test("is prisma/schema.prisma with the provider and the client's directory changed", () => {
    const source = readFileSync(SQLITE_SCHEMA, "utf8");
    const variant = toPostgresSchema(source);
    assert.match(variant, /^\/\/ GENERATED/);
    assert.match(variant, /provider = "postgresql"/);
    assert.doesNotMatch(variant, /provider = "sqlite"/);
    assert.match(variant, /output = "..\/..\/node_modules\/.prisma\/client-postgresql"/);
    // Models, fields and comments are the same text.
    const models = (s: string) => s.slice(s.indexOf("\nmodel "));
    assert.equal(models(variant), models(source));
    assert.throws(() => toPostgresSchema(source.replace('"sqlite"', '"mysql"')), /sqlite/);
    assert.throws(
      () =>
        toPostgresSchema(source.replace(/slug\s+String\s+@unique/, "slug String @unique @db.Text")),
      /native type/,
    );
  });

  test("every SQLite migration since the PostgreSQL baseline has its PostgreSQL twin", () => {
    const postgres = migrationNames(POSTGRES_MIGRATIONS);
    const baseline = postgres[0] ?? "";
    assert.match(baseline, /^\d{14}_init$/);
    const sqliteSince = migrationNames(SQLITE_MIGRATIONS).filter((n) => n > baseline);
    assert.deepEqual(
      postgres.slice(1),
      sqliteSince,
      "run `npm run db:migration -- <name>`: it writes the migration for both engines",
    );
  });
});

describe(`the committed migrations build prisma/schema.prisma on ${engine}`, () => {
  let t: TestDatabase;
  let scratch: string;
  before(() => {
    t = createTestDatabase();
    scratch = mkdtempSync(path.join(os.tmpdir(), "sb-migrations-test-"));
  });
  after(async () => {
    await t.dispose();
    rmSync(scratch, { recursive: true, force: true });
  });

  test("nothing is missing or left over", { skip: engine !== "sqlite" }, () => {
    const pulled = path.join(scratch, "pulled.prisma");
    writeFileSync(pulled, pullSqliteSchema(t.url));
    assert.equal(diffDatamodels(pulled, SQLITE_SCHEMA, scratch), EMPTY_MIGRATION);
  });

  test("tables, columns, indexes and constraints are what the schema makes from scratch", {
    skip: engine !== "postgresql",
  }, async () => {
    // The reference: the schema's whole SQL from an empty database.
    const variant = path.join(scratch, "schema.prisma");
    writeFileSync(variant, toPostgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
    const fromScratch = sqlFromEmpty(variant, scratch);
    assert.ok(fromScratch.includes("CREATE TABLE"), fromScratch.slice(0, 200));
    const reference = await emptyPostgresDatabase();
    try {
      await onDatabase(reference, (c) => c.query(fromScratch));
      assert.equal(await structure(t.url), await structure(reference));
    } finally {
      await dropPostgresTestDatabase(reference);
    }
  });
});

describe("our PostgreSQL migration runner", { skip: engine !== "postgresql" }, () => {
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), "sb-runner-test-"));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  /** A copy of the committed PostgreSQL migrations, to add to or tamper with. */
  const copyMigrations = (name: string) => {
    const dir = path.join(scratch, name);
    cpSync(POSTGRES_MIGRATIONS, dir, { recursive: true });
    return dir;
  };
  const addMigration = (dir: string, name: string, sql: string) => {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  };

  test("two runners at once apply each migration once; a third finds nothing to do", async () => {
    const url = await emptyPostgresDatabase();
    try {
      const [a, b] = await Promise.all([
        migratePostgres(url, POSTGRES_MIGRATIONS),
        migratePostgres(url, POSTGRES_MIGRATIONS),
      ]);
      assert.deepEqual([...(a ?? []), ...(b ?? [])].sort(), migrationNames(POSTGRES_MIGRATIONS));
      assert.deepEqual(await migratePostgres(url, POSTGRES_MIGRATIONS), []);
      const rows = await onDatabase(url, (c) => c.query(`SELECT name FROM "${MIGRATIONS_TABLE}"`));
      assert.equal(rows.rowCount, migrationNames(POSTGRES_MIGRATIONS).length);
    } finally {
      await dropPostgresTestDatabase(url);
    }
  });

  test("a failing migration leaves nothing behind and is not recorded", async () => {
    const url = await emptyPostgresDatabase();
    const dir = copyMigrations("failing");
    addMigration(
      dir,
      "29990101000000_broken",
      'CREATE TABLE "Half" ("id" TEXT PRIMARY KEY);\nSELECT 1 / 0;\n',
    );
    try {
      await assert.rejects(migratePostgres(url, dir), (e) => {
        assert.ok(e instanceof MigrationError);
        assert.match(e.message, /29990101000000_broken failed: division by zero/);
        return true;
      });
      const half = await onDatabase(url, (c) => c.query(`SELECT to_regclass('"Half"') AS t`));
      assert.equal(half.rows[0]?.t, null, "the half-made table was rolled back");
      // The migrations before it are in; fixed, it goes in too.
      writeFileSync(
        path.join(dir, "29990101000000_broken", "migration.sql"),
        'CREATE TABLE "Half" ("id" TEXT PRIMARY KEY);\n',
      );
      assert.deepEqual(await migratePostgres(url, dir), ["29990101000000_broken"]);
    } finally {
      await dropPostgresTestDatabase(url);
    }
  });

  test("a migration changed after it was applied is refused", async () => {
    const url = await emptyPostgresDatabase();
    const dir = copyMigrations("tampered");
    try {
      await migratePostgres(url, dir);
      const first = path.join(dir, migrationNames(dir)[0] ?? "", "migration.sql");
      writeFileSync(first, `${readFileSync(first, "utf8")}\n-- edited\n`);
      await assert.rejects(migratePostgres(url, dir), /was changed after it was applied/);
    } finally {
      await dropPostgresTestDatabase(url);
    }
  });
});

function emptyPostgresDatabase(): Promise<string> {
  return createEmptyPostgresDatabase(process.env.TEST_DATABASE_URL ?? "");
}

async function onDatabase<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The public schema's tables, columns, indexes and constraints, one sorted line each. */
function structure(url: string): Promise<string> {
  return onDatabase(url, async (c) => {
    const queries = [
      `SELECT table_name, column_name, data_type, is_nullable, column_default
         FROM information_schema.columns WHERE table_schema = 'public'`,
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'`,
      `SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace`,
    ];
    const lines: string[] = [];
    for (const q of queries) {
      const { rows } = await c.query({ text: q, rowMode: "array" });
      for (const row of rows as unknown[][]) {
        const line = row.map(String).join(" | ");
        if (!line.includes(MIGRATIONS_TABLE)) lines.push(line);
      }
    }
    return lines.sort().join("\n");
  });
}
