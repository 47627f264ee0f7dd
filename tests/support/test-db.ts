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
