export { GatewayClient, GatewayError } from "./client";
export * from "./contract";
