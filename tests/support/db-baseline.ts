import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { DatabaseTarget } from "../../src/db/client.js";

/**
 * A snapshot of a running test database that can be put back between tests: a file's tests
 * share one booted Aanjager and each still starts from the same data (ids included, since
 * sqlite_sequence is restored too). It works beside the app's own connection (WAL), while the
 * app is idle, in one transaction.
 */
export type DatabaseBaseline = { restore: () => Promise<void>; close: () => Promise<void> };

export async function takeDatabaseBaseline(target: DatabaseTarget): Promise<DatabaseBaseline> {
  return target.provider === "postgresql" ? takePostgresBaseline(target.url) : takeSqliteBaseline(target.path);
}

function takeSqliteBaseline(databasePath: string): DatabaseBaseline {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-baseline-"));
  const baselinePath = path.join(dir, "baseline.db");
  const db = new Database(databasePath, { timeout: 5000 });
  // Tables are refilled one after another, so references are checked by no one in between
  // (better-sqlite3 turns foreign keys on by default); the baseline itself is consistent.
  db.pragma("foreign_keys = OFF");
  db.prepare("VACUUM INTO ?").run(baselinePath);
  db.prepare("ATTACH DATABASE ? AS baseline").run(baselinePath);
  const tables = db
    .prepare("SELECT name FROM baseline.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'")
    .all() as { name: string }[];
  // Triggers (CaseEvent is append-only) would refuse the reset; they are dropped and put back as they were.
  const triggers = db.prepare("SELECT name, sql FROM baseline.sqlite_master WHERE type = 'trigger'").all() as { name: string; sql: string }[];
  const script = [
    ...triggers.map((t) => `DROP TRIGGER main."${t.name}"`),
    ...tables.flatMap((t) => [`DELETE FROM main."${t.name}"`, `INSERT INTO main."${t.name}" SELECT * FROM baseline."${t.name}"`]),
    "DELETE FROM main.sqlite_sequence",
    "INSERT INTO main.sqlite_sequence SELECT * FROM baseline.sqlite_sequence",
    ...triggers.map((t) => t.sql),
  ].join(";\n");
  const restore = db.transaction(() => db.exec(script));
  return {
    restore: async () => {
      restore.immediate();
    },
    async close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The same on PostgreSQL: a copy of every table in a `baseline` schema of the same database,
 * put back in one transaction with the sequences. The session runs as a replica
 * (session_replication_role), so neither foreign keys nor CaseEvent's append-only trigger fire
 * while tables are emptied and refilled (the test cluster's user is a superuser).
 */
async function takePostgresBaseline(url: string): Promise<DatabaseBaseline> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const tables = (await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`)).rows.map((r) => r.name);
  const sequences = (
    await client.query<{ name: string; last_value: string | null; is_called: boolean }>(`SELECT sequencename AS name, last_value::text, (last_value IS NOT NULL) AS is_called FROM pg_sequences WHERE schemaname = 'public'`)
  ).rows;
  await client.query(`DROP SCHEMA IF EXISTS baseline CASCADE; CREATE SCHEMA baseline;`);
  await client.query(tables.map((t) => `CREATE TABLE baseline."${t}" AS SELECT * FROM public."${t}"`).join(";\n"));
  const script = [
    "BEGIN",
    "SET LOCAL session_replication_role = replica",
    ...tables.flatMap((t) => [`DELETE FROM public."${t}"`, `INSERT INTO public."${t}" SELECT * FROM baseline."${t}"`]),
    ...sequences.map((s) => `SELECT setval('public."${s.name}"', ${s.last_value ?? 1}, ${s.is_called})`),
    "COMMIT",
  ].join(";\n");
  return {
    restore: async () => {
      await client.query(script);
    },
    async close() {
      await client.end();
    },
  };
}
