import { type Logger, pino } from "pino";

/** The gateway's structured logger (`LOG_LEVEL`, default info). */
export function createLogger(level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ level, base: { service: "gateway" } });
}

export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
