import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../../src/db/migrations.js";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}

/**
 * Migrates one template database with the committed migrations (the real `prisma migrate
 * deploy`); every test copies it, which is much faster than migrating per test.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-test-template-"));
  const templateDb = path.join(dir, "template.db");
  await migrateDatabase(templateDb);
  project.provide("templateDb", templateDb);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
