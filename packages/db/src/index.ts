export * from "./apiKeys";
export * from "./audio";
export * from "./calls";
export {
  containsIgnoringCase,
  createDb,
  type DatabaseEngine,
  type Db,
  DEFAULT_DATABASE_URL,
  databaseEngine,
  engineOf,
} from "./client";
export * from "./collaboration";
export { isNotFound, isUniqueViolation, uniqueViolationFields } from "./errors";
export * from "./flows";
export * from "./rooms";
export * from "./secretBox";
export * from "./sessions";
export * from "./trunks";
export * from "./webhooks";
