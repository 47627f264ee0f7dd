import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, providerOf } from "../../src/db/client.js";
import { listMigrationNames, migrateDatabase, migrationsDirFor, readMigrationStatus, runPrismaCli } from "../../src/db/migrations.js";
import { migratePostgresDatabase, migrationChecksum } from "../../src/db/migrations-postgresql.js";

/**
 * The PostgreSQL migrations (`npm run test:pg` only): the committed migrations give exactly the
 * models (no drift), the in-process runner applies them once under concurrent starts and
 * records them as Prisma does, and a failed migration stops the next start.
 */
const server = () => inject("postgres");
const urlOf = (database: string) => `postgresql://postgres@127.0.0.1:${server().port}/${database}`;
let admin: pg.Client;
let counter = 0;

async function createEmptyDatabase(): Promise<string> {
  const name = `migrations_${process.pid}_${++counter}`;
  await admin.query(`CREATE DATABASE ${name}`);
  return urlOf(name);
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

type Shape = Record<string, string[]>;

/** Tables with their columns (type, null, default), indexes and foreign keys, as the catalogue says. */
async function readShape(url: string): Promise<Shape> {
  return withClient(url, async (client) => {
    const shape: Shape = {};
    const add = (table: string, line: string) => (shape[table] ??= []).push(line);
    const columns = await client.query<{ t: string; c: string; type: string; nullable: string; dflt: string | null }>(
      `SELECT table_name AS t, column_name AS c, data_type AS type, is_nullable AS nullable, column_default AS dflt FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    for (const r of columns.rows) add(r.t, `column ${r.c} ${r.type} null=${r.nullable} default=${r.dflt}`);
    const indexes = await client.query<{ t: string; def: string }>(`SELECT tablename AS t, indexdef AS def FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`);
    for (const r of indexes.rows) add(r.t, r.def);
    const keys = await client.query<{ t: string; def: string }>(
      `SELECT conrelid::regclass::text AS t, conname || ' ' || pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype IN ('f', 'u', 'p')`,
    );
    for (const r of keys.rows) if (r.t !== "_prisma_migrations") add(r.t.replaceAll('"', ""), r.def);
    for (const lines of Object.values(shape)) lines.sort();
    return shape;
  });
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: urlOf("postgres") });
  await admin.connect();
});
afterAll(async () => {
  await admin.end();
});

describe("PostgreSQL migrations", () => {
  it("applied from scratch, give exactly the tables, columns, indexes and keys of the models (no drift)", async () => {
    const fromSchema = await createEmptyDatabase();
    const { stdout: script } = await runPrismaCli(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/postgresql", "--script"], { provider: "postgresql", url: fromSchema });
    await withClient(fromSchema, (client) => client.query(script));
    const migrated = urlOf(server().template);
    const shape = await readShape(migrated);
    expect(Object.keys(shape).length).toBeGreaterThan(25);
    expect(shape).toEqual(await readShape(fromSchema));
  });

  it("three starts at once apply each migration once, recorded as Prisma records it (migrate status agrees)", async () => {
    const url = await createEmptyDatabase();
    const names = listMigrationNames("postgresql");
    expect(names.length).toBeGreaterThan(0);
    await Promise.all([1, 2, 3].map(() => migrateDatabase({ provider: "postgresql", url })));
    const rows = await withClient(url, async (client) => (await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`)).rows);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      expect(row.checksum).toBe(migrationChecksum(fs.readFileSync(path.join(migrationsDirFor("postgresql"), row.migration_name, "migration.sql"))));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
    const { stdout } = await runPrismaCli(["migrate", "status"], { provider: "postgresql", url });
    expect(stdout).toContain("Database schema is up to date!");
    // Again: nothing left to apply.
    expect(await migratePostgresDatabase(url, migrationsDirFor("postgresql"), names)).toEqual([]);
  });

  it("reports pending and applied migrations for /readyz and `database status`, through the app's client", async () => {
    const url = await createEmptyDatabase();
    const db = await createDb({ provider: "postgresql", url });
    try {
      expect(providerOf(db)).toBe("postgresql");
      await db.$transaction(async (tx) => expect(providerOf(tx)).toBe("postgresql"));
      const names = listMigrationNames("postgresql");
      expect(await readMigrationStatus(db)).toEqual({ expected: names.length, applied: 0, pending: names, failed: [] });
      await migrateDatabase({ provider: "postgresql", url });
      expect(await readMigrationStatus(db)).toEqual({ expected: names.length, applied: names.length, pending: [], failed: [] });
    } finally {
      await db.$disconnect();
    }
  });

  it("rolls back a failing migration, records it as failed and refuses the next start until someone looks", async () => {
    const url = await createEmptyDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-pg-migrations-"));
    fs.mkdirSync(path.join(dir, "001_good"));
    fs.writeFileSync(path.join(dir, "001_good", "migration.sql"), `CREATE TABLE "Good" ("id" SERIAL PRIMARY KEY);`);
    fs.mkdirSync(path.join(dir, "002_bad"));
    fs.writeFileSync(path.join(dir, "002_bad", "migration.sql"), `CREATE TABLE "Half" ("id" INTEGER);\nSELECT * FROM "Missing";`);
    await expect(migratePostgresDatabase(url, dir, ["001_good", "002_bad"])).rejects.toMatchObject({ code: "DB_NOT_MIGRATED", message: expect.stringContaining("002_bad") });
    const state = await withClient(url, async (client) => ({
      rows: (await client.query<{ migration_name: string; finished_at: Date | null; logs: string | null }>(`SELECT migration_name, finished_at, logs FROM "_prisma_migrations" ORDER BY migration_name`)).rows,
      half: (await client.query(`SELECT to_regclass('"Half"') AS t`)).rows[0].t,
    }));
    expect(state.half).toBeNull();
    expect(state.rows.map((r) => [r.migration_name, r.finished_at !== null])).toEqual([["001_good", true], ["002_bad", false]]);
    expect(state.rows[1]!.logs).toContain("Missing");
    await expect(migratePostgresDatabase(url, dir, ["001_good", "002_bad"])).rejects.toMatchObject({ message: expect.stringContaining("Migratie mislukt eerder") });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("keeps the case history append-only outside a maintenance window (the hand-written trigger)", async () => {
    const copy = `append_only_${process.pid}`;
    await admin.query(`CREATE DATABASE ${copy} TEMPLATE ${server().seededTemplate}`);
    await withClient(urlOf(copy), async (client) => {
      await client.query(`INSERT INTO "Case" ("type", "subjectKind", "subjectKey", "subjectLabel", "reason", "severity", "state", "openKey", "policyVersion", "levelSince", "openedAt", "updatedAt") VALUES ('overstap', 'overstap', 'k', 'l', 'r', 'hoog', 'open', 'ok', '2026-1', now(), now(), now())`);
      await client.query(`INSERT INTO "CaseEvent" ("caseId", "kind", "at", "via", "level") SELECT max("id"), 'opened', now(), 'chat', -1 FROM "Case"`);
      await expect(client.query(`UPDATE "CaseEvent" SET "note" = 'x'`)).rejects.toThrow("CaseEvent is append-only");
      await expect(client.query(`DELETE FROM "CaseEvent"`)).rejects.toThrow("CaseEvent is append-only");
      await client.query("BEGIN");
      await client.query(`INSERT INTO "MaintenanceWindow" ("purpose", "openedAt") VALUES ('test', now())`);
      await client.query(`DELETE FROM "CaseEvent"`);
      expect((await client.query(`SELECT count(*)::int AS n FROM "CaseEvent"`)).rows[0].n).toBe(0);
      await client.query("ROLLBACK");
    });
  });
});
