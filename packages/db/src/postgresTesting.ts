import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { POSTGRES_MIGRATIONS } from "./paths";
import { migratePostgres, readMigrations } from "./postgresMigrations";

const TEMPLATE_LOCK_KEY = 4_151_338;

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onServer<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database on the PostgreSQL server at `serverUrl` with the committed migrations
 * applied by our migration runner, as production applies them. The migrations run once
 * per migration set into a template database; each test database is a copy of it.
 * Returns the new database's URL.
 */
export async function createPostgresTestDatabase(serverUrl: string): Promise<string> {
  const migrations = readMigrations(POSTGRES_MIGRATIONS);
  const hash = createHash("sha256")
    .update(migrations.map((m) => `${m.name}:${m.checksum}`).join("\n"))
    .digest("hex")
    .slice(0, 16);
  const template = `sb_template_${hash}`;
  const name = `sb_test_${randomBytes(6).toString("hex")}`;
  await onServer(serverUrl, async (client) => {
    await client.query("SELECT pg_advisory_lock($1)", [TEMPLATE_LOCK_KEY]);
    try {
      const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
      if (found.rowCount === 0) {
        // Built under another name and renamed: a half-built template is never used.
        const building = `${template}_building`;
        await client.query(`DROP DATABASE IF EXISTS "${building}"`);
        await client.query(`CREATE DATABASE "${building}"`);
        await migratePostgres(withDatabase(serverUrl, building), POSTGRES_MIGRATIONS);
        await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [TEMPLATE_LOCK_KEY]);
    }
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  });
  return withDatabase(serverUrl, name);
}

/** A new database on the server with nothing in it (`sb_test_…`: the drop helper takes it). */
export async function createEmptyPostgresDatabase(serverUrl: string): Promise<string> {
  const name = `sb_test_${randomBytes(6).toString("hex")}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  return withDatabase(serverUrl, name);
}

/** Drops a database made by {@link createPostgresTestDatabase}, connections and all. */
export async function dropPostgresTestDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^sb_test_[0-9a-f]+$/.test(name)) throw new Error(`not a test database: ${name}`);
  url.pathname = "/postgres";
  await onServer(url.toString(), (client) =>
    client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  );
}
