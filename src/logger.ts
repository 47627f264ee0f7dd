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

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const LONG_NUMBER = /\b\d{8,}\b/g;

/**
 * Error messages can quote data: Prisma prints the arguments of the failed query. Keep the
 * reason (for Prisma: the last line), drop quoted values, e-mail addresses and long numbers.
 */
export function describeErrorForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const isPrisma = error.name.startsWith("PrismaClient");
  const lines = error.message.split("\n").map((l) => l.trim()).filter(Boolean);
  const message = (isPrisma ? lines[lines.length - 1] ?? "" : error.message).replace(EMAIL, "[e-mail]").replace(LONG_NUMBER, "[getal]");
  const stack = (error.stack ?? "").split("\n").filter((l) => l.trim().startsWith("at ")).slice(0, 12).join("\n");
  return { type: error.name, code: (error as { code?: unknown }).code, message: message.slice(0, 500), stack };
}

