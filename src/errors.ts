/**
 * Errors carry a stable code so logs, tests and the error sink can tell them apart without
 * parsing messages. `userMessage` is the Dutch text a user may see; `message` is for logs and
 * must not contain personal data.
 */
export type ErrorCode =
  | "CONFIG_INVALID"
  | "BAD_REQUEST"
  | "VALIDATION"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "CONFLICT"
  | "CLI_USAGE"
  | "DB_NOT_MIGRATED"
  | "DB_IN_USE"
  | "JOB_UNKNOWN"
  | "MANIFEST_INVALID"
  | "SIGNING_KEYS_UNAVAILABLE"
  | "INTERNAL";

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage?: string;

  constructor(code: ErrorCode, message: string, options?: { userMessage?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = options?.userMessage;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Codes of errors that are the user's to fix (a wrong number, someone else's case), not a fault. */
const USER_ERROR_CODES: ReadonlySet<ErrorCode> = new Set(["VALIDATION", "FORBIDDEN", "NOT_FOUND"]);

/** The Dutch answer to a user error, or null when the error is a fault (for the error sink). */
export function findUserErrorMessage(error: unknown): string | null {
  return isAppError(error) && error.userMessage && USER_ERROR_CODES.has(error.code) ? error.userMessage : null;
}

export const GENERIC_USER_ERROR =
  "Er ging iets mis bij het verwerken van je bericht. Er is niets verloren gegaan; probeer het zo nog eens. Blijft het misgaan, neem dan contact op met het projectteam.";
