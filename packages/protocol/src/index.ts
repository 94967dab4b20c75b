export * from "./admin";
export * from "./collaboration";
export * from "./mediasoup";
export * from "./messages";
export * from "./validate";
