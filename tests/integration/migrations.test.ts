import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, inject, it } from "vitest";
import { listMigrationNames, migrateDatabase, migrationsDir, runPrismaCli } from "../../src/db/migrations.js";

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
  it("applied from scratch, give exactly the tables, columns, indexes and keys of the models (no drift)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-drift-"));
    const migrated = copyMigratedFromScratch(dir);

    const { stdout: script } = await runPrismaCli(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/sqlite", "--script"], path.join(dir, "unused.db"));
    const fromSchema = path.join(dir, "from-schema.db");
    const db = new Database(fromSchema);
    db.exec(script);
    db.close();

    expect(readShape(migrated)).toEqual(readShape(fromSchema));
    const applied = new Database(migrated, { readonly: true }).prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name").all() as { migration_name: string }[];
    expect(applied.map((r) => r.migration_name)).toEqual(listMigrationNames());
  });

  it("brings today's data into the chain (issue 19): people, roles, cases and their trail kept, a case keeps policy 2026-1 and its old reason", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-chain-upgrade-"));
    const db = new Database(path.join(dir, "upgrade.db"));
    const names = listMigrationNames();
    const chain = names.findIndex((n) => n.endsWith("_chain_organisations"));
    expect(chain).toBeGreaterThan(0);
    for (const name of names.slice(0, chain)) db.exec(fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8"));
    db.exec(`
      INSERT INTO "Subregio" ("id", "naam") VALUES ('parkstad', 'Parkstad');
      INSERT INTO "School" ("id", "brin", "naam", "soort", "subregioId", "updatedAt") VALUES (1, '10AB', 'Carbon Vakcollege', 'vmbo', 'parkstad', 0);
      INSERT INTO "Person" ("id", "email", "naam", "updatedAt") VALUES (1, 'anna@carbon.example', 'Anna Aerts', 0);
      INSERT INTO "RoleAssignment" ("id", "personId", "role", "schoolId", "scopeKey", "source") VALUES (1, 1, 'decaan', 1, 'school:10AB', 'import');
      INSERT INTO "Case" ("id", "type", "subjectKind", "subjectKey", "subjectLabel", "schoolId", "overstapRef", "overstapReason", "reason", "severity", "state", "openKey", "policyVersion", "level", "levelSince", "openedAt", "updatedAt")
        VALUES (7, 'overstap', 'overstap', 'overstap:OS-2026-0001', 'overstapzaak OS-2026-0001', 1, 'OS-2026-0001', 'niet-ingeschreven', 'geen plek', 'hoog', 'open', 'overstap|overstap:OS-2026-0001', '2026-1', 2, 0, 0, 0);
      INSERT INTO "CaseEvent" ("caseId", "kind", "at", "via", "level") VALUES (7, 'opened', 0, 'chat', -1), (7, 'escalated', 0, 'job', 2);
    `);
    db.exec(fs.readFileSync(path.join(migrationsDir, names[chain]!, "migration.sql"), "utf8"));
    expect(db.prepare(`SELECT "policyVersion", "overstapReason", "level", "state", "receiverSchoolId", "openKey" FROM "Case" WHERE "id" = 7`).get()).toEqual({
      policyVersion: "2026-1", overstapReason: "niet-ingeschreven", level: 2, state: "open", receiverSchoolId: null, openKey: "overstap|overstap:OS-2026-0001",
    });
    expect(db.prepare(`SELECT count(*) AS n FROM "CaseEvent" WHERE "caseId" = 7`).get()).toEqual({ n: 2 });
    expect(db.prepare(`SELECT "role", "schoolId", "organisationId", "scopeKey" FROM "RoleAssignment"`).all()).toEqual([{ role: "decaan", schoolId: 1, organisationId: null, scopeKey: "school:10AB" }]);
    expect(db.prepare(`SELECT "brin", "bestuurId" FROM "School"`).all()).toEqual([{ brin: "10AB", bestuurId: null }]);
    expect(db.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
    // The trail stays append-only after the tables around it were rebuilt.
    expect(() => db.exec(`DELETE FROM "CaseEvent" WHERE "caseId" = 7`)).toThrow();
    db.close();
  });

  it("is idempotent: applying again changes nothing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-migrate-twice-"));
    const file = copyMigratedFromScratch(dir);
    const before = readShape(file);
    await migrateDatabase(file);
    expect(readShape(file)).toEqual(before);
  });
});
