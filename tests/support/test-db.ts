import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";

/** A fresh, fully migrated database file for one test; with `seeded` it holds the demo region. */
export function createTestDatabasePath(options: { seeded?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-test-"));
  const target = path.join(dir, "aanjager.db");
  fs.copyFileSync(inject(options.seeded ? "seededTemplateDb" : "templateDb"), target);
  return target;
}

/** A fresh migrated database with a client, for service-level tests that need no HTTP server. */
export async function openTestDb(): Promise<import("../../src/db/client.js").Db> {
  const { configureDb, createDb } = await import("../../src/db/client.js");
  const db = createDb(createTestDatabasePath());
  await configureDb(db);
  return db;
}
