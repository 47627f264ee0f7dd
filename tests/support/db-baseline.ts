import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * A snapshot of a running test database that can be put back between tests: a file's tests
 * share one booted Aanjager and each still starts from the same data (ids included, since
 * sqlite_sequence is restored too). It works beside the app's own connection (WAL), while the
 * app is idle, in one transaction.
 */
export type DatabaseBaseline = { restore: () => void; close: () => void };

export function takeDatabaseBaseline(databasePath: string): DatabaseBaseline {
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
    restore: () => restore.immediate(),
    close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
