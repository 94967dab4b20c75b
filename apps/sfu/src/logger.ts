import { type Logger, pino } from "pino";

export type { Logger };

/** Structured JSON logs on stdout; `LOG_LEVEL=silent` in tests keeps them quiet. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: "sfu" } });
}
