export * from "./apiKeys";
export * from "./calls";
export { createDb, type Db, DEFAULT_DATABASE_URL } from "./client";
export * from "./collaboration";
export * from "./rooms";
export * from "./secretBox";
export * from "./sessions";
export * from "./trunks";
export * from "./webhooks";
