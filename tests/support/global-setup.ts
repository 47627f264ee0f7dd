import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { configureDb, createDb, type DatabaseTarget } from "../../src/db/client.js";
import { migrateDatabase } from "../../src/db/migrations.js";
import { findPostgresBin, startPostgresCluster } from "../../src/dev/postgres-cluster.js";
import { seedDemoData } from "../../src/services/demo-seed.js";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
    seededTemplateDb: string;
    /** Only under `npm run test:pg`: the throwaway cluster and its two template databases. */
    postgres: { bin: string; port: number; template: string; seededTemplate: string };
  }
}

async function seed(target: DatabaseTarget): Promise<void> {
  const db = await createDb(target);
  await configureDb(db);
  await seedDemoData(db);
  // Fold the WAL back into the file so a plain copy carries everything.
  if (target.provider === "sqlite") await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  await db.$disconnect();
}

/**
 * Migrates one template database with the committed migrations (as every start does) and one
 * with the demo region on top; every test copies one of them, which is much faster than
 * migrating and seeding per test. SQLite templates are always made (some tests are about the
 * file itself); under `npm run test:pg` a throwaway PostgreSQL cluster is started as well, with
 * template databases that each test file's database is created from, and removed at the end.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-test-template-"));
  const templateDb = path.join(dir, "template.db");
  await migrateDatabase(templateDb);
  const seededTemplateDb = path.join(dir, "seeded.db");
  fs.copyFileSync(templateDb, seededTemplateDb);
  await seed({ provider: "sqlite", path: seededTemplateDb });
  project.provide("templateDb", templateDb);
  project.provide("seededTemplateDb", seededTemplateDb);

  let stopPostgres = () => {};
  if (process.env.AANJAGER_TEST_DATABASE === "postgresql") {
    const cluster = await startPostgresCluster();
    stopPostgres = cluster.stop;
    try {
      const admin = new pg.Client({ connectionString: cluster.url() });
      await admin.connect();
      await admin.query("CREATE DATABASE template_migrated");
      await migrateDatabase({ provider: "postgresql", url: cluster.url("template_migrated") });
      await admin.query("CREATE DATABASE template_seeded TEMPLATE template_migrated");
      await seed({ provider: "postgresql", url: cluster.url("template_seeded") });
      await admin.end();
    } catch (error) {
      cluster.stop();
      throw error;
    }
    project.provide("postgres", { bin: findPostgresBin()!, port: cluster.port, template: "template_migrated", seededTemplate: "template_seeded" });
  }
  return () => {
    stopPostgres();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
