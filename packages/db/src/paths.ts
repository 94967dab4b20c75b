import path from "node:path";
import { fileURLToPath } from "node:url";

/** Repository paths for the database tooling (CLI and tests; not for bundled code). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const PRISMA = path.join(REPO_ROOT, "node_modules/.bin/prisma");
export const SQLITE_SCHEMA = path.join(REPO_ROOT, "prisma/schema.prisma");
export const SQLITE_MIGRATIONS = path.join(REPO_ROOT, "prisma/migrations");
export const POSTGRES_SCHEMA = path.join(REPO_ROOT, "prisma/postgresql/schema.prisma");
export const POSTGRES_MIGRATIONS = path.join(REPO_ROOT, "prisma/postgresql/migrations");
/** Prisma validates the datasource URL of the schema it reads even when it will not connect. */
export const PLACEHOLDER_POSTGRES_URL = "postgresql://prisma-cli@127.0.0.1:1/unused";
