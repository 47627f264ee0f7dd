import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient, type Prisma } from "../generated/prisma/client.js";

export type Db = PrismaClient;
export { Prisma } from "../generated/prisma/client.js";
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
 *
 * On PostgreSQL the transaction first takes one transaction-scoped advisory lock, so these
 * transactions run one at a time as they do on SQLite (whose adapter runs one transaction at a
 * time): the services read a row and write it back under a version check, and under PostgreSQL's
 * read committed twenty presses on one case card lost all but a few to each other. Across
 * instances on one database the same lock holds.
 */
export function runInTransaction<T>(db: Db, fn: (tx: DbTx) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  const serialised =
    providerOf(db) === "postgresql"
      ? async (tx: DbTx) => {
          await takeWriterLock(tx);
          return fn(tx);
        }
      : fn;
  return db.$transaction(serialised, { maxWait: 10_000, timeout: options.timeoutMs ?? 20_000 });
}

/** The key of the PostgreSQL advisory lock that runInTransaction and maintenance operations take (not Prisma's migration lock). */
const WRITER_LOCK = 0x41616e6a; // "Aanj"

/** PostgreSQL only: waits for the writer lock, held until the transaction ends. */
export async function takeWriterLock(tx: DbTx): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${WRITER_LOCK})`);
}

/**
 * The client or an interactive transaction's client: repository functions that must be able
 * to run inside the caller's transaction (such as enqueueing a message together with the
 * business change that causes it) accept either.
 */
export type DbOrTx = PrismaClient | Prisma.TransactionClient;

/**
 * Where the data lives: the embedded SQLite file (the default: one process, a small region) or
 * a PostgreSQL database (several instances). Chosen by DATABASE_URL (postgres://...) in config.
 */
export type DatabaseTarget = { provider: "sqlite"; path: string } | { provider: "postgresql"; url: string };

export type DatabaseProvider = DatabaseTarget["provider"];

/** A bare string is a SQLite file (or ":memory:"), as before PostgreSQL was supported. */
export function toDatabaseTarget(target: DatabaseTarget | string): DatabaseTarget {
  return typeof target === "string" ? { provider: "sqlite", path: target } : target;
}

/** The database for a person or a log: the file, or the URL without its password. */
export function describeDatabase(target: DatabaseTarget): string {
  if (target.provider === "sqlite") return target.path;
  try {
    const url = new URL(target.url);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "postgresql://(ongeldige URL)";
  }
}

/** What a client or a transaction's client talks to. */
export function providerOf(db: DbOrTx): DatabaseProvider {
  // Prisma 6.19 keeps the generated client's provider on every client and transaction client
  // (tests/postgresql/migrations.test.ts checks it on a client and a transaction).
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgresql" : "sqlite";
}

/**
 * The one place a database client is made. SQLite through better-sqlite3 is the embedded
 * default; the busy timeout lets a CLI command and the running bot share the file. PostgreSQL
 * goes through the pg adapter with a pool of its own, loaded only when asked for.
 */
export async function createDb(target: DatabaseTarget | string): Promise<Db> {
  const resolved = toDatabaseTarget(target);
  if (resolved.provider === "postgresql") {
    const { createPostgresDb } = await import("./client-postgresql.js");
    return createPostgresDb(resolved.url);
  }
  const databasePath = resolved.path;
  if (databasePath !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(databasePath)), { recursive: true });
  const adapter = new PrismaBetterSQLite3({ url: databasePath === ":memory:" ? ":memory:" : `file:${path.resolve(databasePath)}`, timeout: 5000 });
  return new PrismaClient({ adapter });
}

/** WAL lets readers (health checks, CLI previews) run while the bot writes. PostgreSQL needs neither. */
export async function configureDb(db: Db): Promise<void> {
  if (providerOf(db) !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
}

/**
 * A `contains` filter that ignores case on both databases: SQLite's LIKE ignores ASCII case by
 * itself (and knows no `mode`), PostgreSQL needs `mode: "insensitive"`.
 */
export function containsIgnoringCase(db: DbOrTx, text: string): { contains: string } {
  return providerOf(db) === "postgresql" ? ({ contains: text, mode: "insensitive" } as { contains: string }) : { contains: text };
}

/**
 * Runs one write whose failure the caller handles (a unique key another writer took first) and
 * then goes on in the same transaction. SQLite leaves a transaction usable after a failed
 * statement; PostgreSQL aborts the whole transaction ("current transaction is aborted"), so
 * there, inside a transaction, the write runs under a savepoint that is rolled back on failure.
 */
export async function tryWrite<T>(db: DbOrTx, write: () => Promise<T>): Promise<T> {
  // A transaction's client has no $transaction of its own; outside one, each statement stands alone.
  if (providerOf(db) !== "postgresql" || "$transaction" in db) return write();
  await db.$executeRawUnsafe("SAVEPOINT aanjager_try_write");
  try {
    const result = await write();
    await db.$executeRawUnsafe("RELEASE SAVEPOINT aanjager_try_write");
    return result;
  } catch (error) {
    await db.$executeRawUnsafe("ROLLBACK TO SAVEPOINT aanjager_try_write");
    throw error;
  }
}

/** Unique-constraint violation, used for idempotent inserts (job slots, outbox keys). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code?: string }).code === "P2002";
}


/** "Record to update not found": a conditional update whose condition no longer holds. */
export function isRecordNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code?: string }).code === "P2025";
}
