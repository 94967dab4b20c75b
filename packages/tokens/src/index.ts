export * from "./joinToken";
export * from "./secrets";
