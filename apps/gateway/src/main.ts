import { createDb } from "@switchboard/db";
import { createLogger } from "@switchboard/gateway";
import { ZodError } from "zod";
import { configFromEnv } from "./config";
import { startGateway } from "./GatewayApp";

async function main(): Promise<void> {
  let config: ReturnType<typeof configFromEnv>;
  try {
    config = configFromEnv();
  } catch (error) {
    if (error instanceof ZodError) {
      for (const issue of error.issues) {
        process.stderr.write(`gateway: ${issue.path.join(".") || "config"}: ${issue.message}\n`);
      }
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  const db = createDb();
  const gateway = await startGateway(config, { db, log });
  const stop = async (signal: string) => {
    log.info({ signal }, "shutting down");
    await gateway.close();
    await db.$disconnect();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

void main();
