export { configFromEnv, SfuConfigSchema, type SfuConfig } from "./config";
export { startSfu, type Sfu } from "./server";
export { Room } from "./Room";
export { Peer, type PeerChannel } from "./Peer";
