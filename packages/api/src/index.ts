export {
  DEFAULT_GATEWAY_CONTROL_URL,
  DialTargetSchema,
  GatewayClient,
  type GatewayDialRequest,
  GatewayError,
  type GatewayLiveCall,
  type LiveCallState,
} from "@switchboard/gateway-api";
export { createApiHandler } from "./handler";
export { ApiError } from "./http";
export { buildOpenApi } from "./openapi";
export { type ApiDeps, routes } from "./routes";
export { SfuAdminClient, SfuAdminError } from "./SfuAdminClient";
export * from "./schemas";
