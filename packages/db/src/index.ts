export { createDb, DEFAULT_DATABASE_URL, type Db } from "./client";
export * from "./rooms";
export * from "./sessions";
