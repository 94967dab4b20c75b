import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { PrismaConfig } from "prisma";

// Prisma 6 with the JS engine and a driver adapter: no native engine download.
// With a config file Prisma does not read .env: DATABASE_URL must be exported.
const url = process.env.DATABASE_URL ?? "file:./data/switchboard.db";

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url });
  },
} satisfies PrismaConfig;
