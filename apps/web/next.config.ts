import path from "node:path";
import type { NextConfig } from "next";

// The monorepo root: workspace packages (TypeScript sources) live outside apps/web.
// next.config.ts is compiled to CommonJS by Next, so __dirname is defined.
const repoRoot = path.resolve(__dirname, "../..");

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `next dev` only serves its scripts to localhost unless told otherwise; tests use 127.0.0.1.
  allowedDevOrigins: ["127.0.0.1"],
  transpilePackages: [
    "@switchboard/api",
    "@switchboard/auth",
    "@switchboard/client",
    "@switchboard/db",
    "@switchboard/protocol",
    "@switchboard/tokens",
  ],
  serverExternalPackages: [
    "@prisma/client",
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@node-rs/argon2",
  ],
  turbopack: {
    root: repoRoot,
  },
  outputFileTracingRoot: repoRoot,
};

export default nextConfig;
