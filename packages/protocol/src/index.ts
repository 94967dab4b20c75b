export * from "./mediasoup";
export * from "./messages";
export * from "./validate";
