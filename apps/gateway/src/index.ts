export { ControlApi, type DialResult } from "./ControlApi";
export { configFromEnv, type GatewayConfig, GatewayConfigSchema } from "./config";
export { type LiveCall, type RunningGateway, startGateway } from "./GatewayApp";
export { maskedCaller, RoomLink } from "./RoomLink";
