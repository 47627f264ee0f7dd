import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, inject, it } from "vitest";
import { listMigrationNames, migrateDatabase, runPrismaCli } from "../../src/db/migrations.js";

type Shape = Record<string, { columns: string[]; indexes: string[] }>;

function readShape(file: string): Shape {
  const db = new Database(file, { readonly: true });
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name").all() as { name: string }[];
  const shape: Shape = {};
  for (const { name } of tables) {
    const columns = (db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string; notnull: number; pk: number; dflt_value: string | null }[]).map(
      (c) => `${c.name} ${c.type} notnull=${c.notnull} pk=${c.pk} default=${c.dflt_value}`,
    );
    const indexes = (db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number }[])
      .filter((i) => !i.name.startsWith("sqlite_autoindex"))
      .map((i) => `${i.name} unique=${i.unique} (${(db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name).join(",")})`)
      .sort();
    const foreignKeys = (db.prepare(`PRAGMA foreign_key_list("${name}")`).all() as { from: string; table: string; to: string; on_delete: string }[]).map(
      (f) => `fk ${f.from} -> ${f.table}.${f.to} on delete ${f.on_delete}`,
    );
    shape[name] = { columns: columns.sort(), indexes: [...indexes, ...foreignKeys.sort()] };
  }
  db.close();
  return shape;
}

/**
 * A database migrated from scratch by migrateDatabase (the real `prisma migrate deploy`, as
 * `aanjager db migrate` runs it): the template that tests/support/global-setup.ts makes by
 * exactly that call on a new file. A copy saves each test a Prisma CLI run of a few seconds.
 */
function copyMigratedFromScratch(dir: string): string {
  const file = path.join(dir, "migrated.db");
  fs.copyFileSync(inject("templateDb"), file);
  return file;
}

describe("migrations", () => {
  it("applied from scratch, give exactly the tables, columns, indexes and keys of schema.prisma (no drift)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-drift-"));
    const migrated = copyMigratedFromScratch(dir);

    const { stdout: script } = await runPrismaCli(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], path.join(dir, "unused.db"));
    const fromSchema = path.join(dir, "from-schema.db");
    const db = new Database(fromSchema);
    db.exec(script);
    db.close();

    expect(readShape(migrated)).toEqual(readShape(fromSchema));
    const applied = new Database(migrated, { readonly: true }).prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name").all() as { migration_name: string }[];
    expect(applied.map((r) => r.migration_name)).toEqual(listMigrationNames());
  });

  it("is idempotent: applying again changes nothing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-migrate-twice-"));
    const file = copyMigratedFromScratch(dir);
    const before = readShape(file);
    await migrateDatabase(file);
    expect(readShape(file)).toEqual(before);
  });
});
