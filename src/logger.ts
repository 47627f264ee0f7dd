import { pino, type Logger } from "pino";

export type { Logger };

/**
 * Logs carry ids, never names, e-mail addresses or message text (AVG). Redaction is a safety
 * net for fields that should never be logged in the first place.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: "aanjager" },
      redact: {
        paths: [
          "text",
          "*.text",
          "email",
          "*.email",
          "name",
          "*.name",
          "naam",
          "*.naam",
          "from.name",
          "activity.text",
          "activity.from.name",
          "req.headers.authorization",
          "headers.authorization",
        ],
        censor: "[weggelaten]",
      },
    },
    destination,
  );
}
