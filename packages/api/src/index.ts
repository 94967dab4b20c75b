export { createApiHandler } from "./handler";
export { ApiError } from "./http";
export { buildOpenApi } from "./openapi";
export { type ApiDeps, routes } from "./routes";
export { SfuAdminClient, SfuAdminError } from "./SfuAdminClient";
export * from "./schemas";
