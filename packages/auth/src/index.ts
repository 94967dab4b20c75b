export * from "./admins";
export * from "./csrf";
export * from "./login";
export { dummyHash, hashPassword, verifyPassword } from "./password";
export * from "./rateLimit";
export * from "./sessions";
