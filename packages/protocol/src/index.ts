export * from "./admin";
export * from "./mediasoup";
export * from "./messages";
export * from "./validate";
