import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PrismaConfig } from "prisma";

// Prisma 6 with the JS engine and a driver adapter: no native engine download.
// With a config file Prisma does not read .env: DATABASE_URL must be exported.
// The engine follows DATABASE_URL like createDb: SQLite (prisma/schema.prisma and
// prisma/migrations) or PostgreSQL (the generated prisma/postgresql/schema.prisma and
// prisma/postgresql/migrations, applied by `npm run db:migrate`, not `migrate deploy`:
// see the README's "Database" section).
const url = process.env.DATABASE_URL ?? "file:./data/switchboard.db";
const postgres = /^postgres(ql)?:\/\//.test(url);
const dir = postgres ? path.join("prisma", "postgresql") : "prisma";

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(dir, "schema.prisma"),
  migrations: { path: path.join(dir, "migrations") },
  async adapter() {
    return postgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url });
  },
} satisfies PrismaConfig;
