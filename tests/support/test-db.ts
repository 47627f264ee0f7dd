import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";

/** A fresh, fully migrated database file for one test. */
export function createTestDatabasePath(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-test-"));
  const target = path.join(dir, "aanjager.db");
  fs.copyFileSync(inject("templateDb"), target);
  return target;
}
