export { configFromEnv, type SfuConfig, SfuConfigSchema } from "./config";
export { Peer, type PeerChannel } from "./Peer";
export { Room } from "./Room";
export { type Sfu, startSfu } from "./server";
