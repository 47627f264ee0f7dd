import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { configureDb, createDb } from "../../src/db/client.js";
import { migrateDatabase } from "../../src/db/migrations.js";
import { seedDemoData } from "../../src/services/demo-seed.js";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
    seededTemplateDb: string;
  }
}

/**
 * Migrates one template database with the committed migrations (the real `prisma migrate
 * deploy`) and one with the demo region on top; every test copies one of them, which is much
 * faster than migrating and seeding per test.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-test-template-"));
  const templateDb = path.join(dir, "template.db");
  await migrateDatabase(templateDb);
  const seededTemplateDb = path.join(dir, "seeded.db");
  fs.copyFileSync(templateDb, seededTemplateDb);
  const db = createDb(seededTemplateDb);
  await configureDb(db);
  await seedDemoData(db);
  // Fold the WAL back into the file so a plain copy carries everything.
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  await db.$disconnect();
  project.provide("templateDb", templateDb);
  project.provide("seededTemplateDb", seededTemplateDb);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
