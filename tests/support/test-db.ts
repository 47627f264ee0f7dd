import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import type { Db } from "../../src/db/client.js";
import { takeDatabaseBaseline, type DatabaseBaseline } from "./db-baseline.js";

/** A fresh, fully migrated database file for one test; with `seeded` it holds the demo region. */
export function createTestDatabasePath(options: { seeded?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-test-"));
  const target = path.join(dir, "aanjager.db");
  fs.copyFileSync(inject(options.seeded ? "seededTemplateDb" : "templateDb"), target);
  return target;
}

/** A fresh migrated database with a client, for service-level tests that need no HTTP server. */
export async function openTestDb(options: { seeded?: boolean } = {}): Promise<Db> {
  return openDb(createTestDatabasePath(options));
}

async function openDb(databasePath: string): Promise<Db> {
  const { configureDb, createDb } = await import("../../src/db/client.js");
  const db = createDb(databasePath);
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
    const databasePath = createTestDatabasePath(options);
    db = await openDb(databasePath);
    await options.prepare?.(db);
    baseline = takeDatabaseBaseline(databasePath);
  });
  beforeEach(() => baseline!.restore());
  afterAll(async () => {
    baseline?.close();
    await db?.$disconnect();
    db = null;
  });
  return () => {
    if (!db) throw new Error("useTestDb: the database is open only inside the file's tests");
    return db;
  };
}
