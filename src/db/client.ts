import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient, type Prisma } from "../generated/prisma/client.js";

export type Db = PrismaClient;
export type { Prisma } from "../generated/prisma/client.js";
import type { Prisma as PrismaTypes } from "../generated/prisma/client.js";

/**
 * A client inside an interactive transaction, or the client itself: repositories that must be
 * able to join a caller's transaction (cases, notifications) take this.
 */
export type DbTx = PrismaTypes.TransactionClient;

/** For whole-file imports and long campaign runs: a minute before the transaction gives up. */
export const IMPORT_TRANSACTION = { timeoutMs: 60_000 };

/**
 * Runs `fn` in one interactive transaction; all of it commits or none of it does (an import
 * rejected halfway leaves the database as it was). SQLite serialises writers; large imports and
 * campaign runs pass a longer `timeoutMs`.
 */
export function runInTransaction<T>(db: Db, fn: (tx: DbTx) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  return db.$transaction(fn, { maxWait: 10_000, timeout: options.timeoutMs ?? 20_000 });
}

/**
 * The client or an interactive transaction's client: repository functions that must be able
 * to run inside the caller's transaction (such as enqueueing a message together with the
 * business change that causes it) accept either.
 */
export type DbOrTx = PrismaClient | Prisma.TransactionClient;

/**
 * The one place a database client is made. SQLite through better-sqlite3 is the embedded
 * default; the busy timeout lets a CLI command and the running bot share the file.
 */
export function createDb(databasePath: string): Db {
  if (databasePath !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(databasePath)), { recursive: true });
  const adapter = new PrismaBetterSQLite3({ url: databasePath === ":memory:" ? ":memory:" : `file:${path.resolve(databasePath)}`, timeout: 5000 });
  return new PrismaClient({ adapter });
}

/** WAL lets readers (health checks, CLI previews) run while the bot writes. */
export async function configureDb(db: Db): Promise<void> {
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
}

/** Unique-constraint violation, used for idempotent inserts (job slots, outbox keys). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code?: string }).code === "P2002";
}


/** "Record to update not found": a conditional update whose condition no longer holds. */
export function isRecordNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code?: string }).code === "P2025";
}
