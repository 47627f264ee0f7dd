import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import type { DatabaseTarget, Db } from "../../src/db/client.js";
import { takeDatabaseBaseline, type DatabaseBaseline } from "./db-baseline.js";

/**
 * Which database the suite runs on: SQLite (`npm test`) or a throwaway PostgreSQL cluster
 * (`npm run test:pg`, AANJAGER_TEST_DATABASE=postgresql; tests/support/global-setup.ts starts it).
 */
export const testDatabaseProvider: DatabaseTarget["provider"] = process.env.AANJAGER_TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";

/** A fresh, fully migrated database file for one test; with `seeded` it holds the demo region. SQLite only. */
export function createTestDatabasePath(options: { seeded?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-test-"));
  const target = path.join(dir, "aanjager.db");
  fs.copyFileSync(inject(options.seeded ? "seededTemplateDb" : "templateDb"), target);
  return target;
}

let databaseCount = 0;

/**
 * A fresh, fully migrated database on the suite's provider; with `seeded` it holds the demo
 * region. On PostgreSQL a new database is copied from a migrated template (CREATE DATABASE ...
 * TEMPLATE, with createdb so that the call stays synchronous like the file copy).
 */
export function createTestDatabase(options: { seeded?: boolean } = {}): DatabaseTarget {
  if (testDatabaseProvider === "sqlite") return { provider: "sqlite", path: createTestDatabasePath(options) };
  const server = inject("postgres");
  const name = `test_${process.pid}_${++databaseCount}_${Math.random().toString(36).slice(2, 8)}`;
  const template = options.seeded ? server.seededTemplate : server.template;
  execFileSync(path.join(server.bin, "createdb"), ["-h", "127.0.0.1", "-p", String(server.port), "-U", "postgres", "-T", template, name], { stdio: ["ignore", "ignore", "pipe"] });
  return { provider: "postgresql", url: `postgresql://postgres@127.0.0.1:${server.port}/${name}` };
}

/** The environment that points the app (loadConfig, the CLI) at a database. */
export function databaseEnv(target: DatabaseTarget): { DATABASE_PATH: string } | { DATABASE_URL: string } {
  return target.provider === "sqlite" ? { DATABASE_PATH: target.path } : { DATABASE_URL: target.url };
}

/** A fresh database's environment, for `loadConfig({ ...createTestDatabaseEnv(), ... })`. */
export function createTestDatabaseEnv(options: { seeded?: boolean } = {}): { DATABASE_PATH: string } | { DATABASE_URL: string } {
  return databaseEnv(createTestDatabase(options));
}

/** A fresh migrated database with a client, for service-level tests that need no HTTP server. */
export async function openTestDb(options: { seeded?: boolean } = {}): Promise<Db> {
  return openDb(createTestDatabase(options));
}

async function openDb(target: DatabaseTarget): Promise<Db> {
  const { configureDb, createDb } = await import("../../src/db/client.js");
  const db = await createDb(target);
  await configureDb(db);
  return db;
}

/**
 * One database (and client) for all tests of a file, put back before each test as `prepare`
 * left it (ids included): much cheaper than a new file and client per test. Call the returned
 * function inside tests or hooks.
 */
export function useTestDb(options: { seeded?: boolean; prepare?: (db: Db) => Promise<unknown> } = {}): () => Db {
  let db: Db | null = null;
  let baseline: DatabaseBaseline | null = null;
  beforeAll(async () => {
    const target = createTestDatabase(options);
    db = await openDb(target);
    await options.prepare?.(db);
    baseline = await takeDatabaseBaseline(target);
  });
  beforeEach(() => baseline!.restore());
  afterAll(async () => {
    await baseline?.close();
    await db?.$disconnect();
    db = null;
  });
  return () => {
    if (!db) throw new Error("useTestDb: the database is open only inside the file's tests");
    return db;
  };
}

/** The app's tables (not Prisma's bookkeeping, nor a test baseline's copies), on either database. */
export async function listTables(db: Db): Promise<string[]> {
  const { providerOf } = await import("../../src/db/client.js");
  const rows =
    providerOf(db) === "postgresql"
      ? await db.$queryRawUnsafe<{ name: string }[]>("SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '_prisma%'")
      : await db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%'");
  return rows.map((r) => r.name);
}

/** SQLite: folds the WAL into the file, so another process (a CLI run) reads it at once. PostgreSQL needs nothing. */
export async function checkpointDb(db: Db): Promise<void> {
  const { providerOf } = await import("../../src/db/client.js");
  if (providerOf(db) === "sqlite") await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
}
