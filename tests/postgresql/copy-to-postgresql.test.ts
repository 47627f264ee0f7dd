import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "../../src/db/client.js";
import { runAanjagerCli } from "../support/cli.js";
import { createTestDatabasePath } from "../support/test-db.js";

/**
 * `aanjager database kopieer-naar-postgresql` (`npm run test:pg` only): the seeded demo region
 * in a SQLite file is copied into a new PostgreSQL database, every table with the same rows
 * and ids; the new database takes new rows after the copied ids; a filled target is refused.
 */
const port = () => inject("postgres").port;
let admin: pg.Client;
let source: Db;
let target: Db;
let sourcePath: string;
const targetUrl = () => `postgresql://postgres@127.0.0.1:${port()}/copy_${process.pid}`;
let copy: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  admin = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port()}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE copy_${process.pid}`);
  sourcePath = createTestDatabasePath({ seeded: true });
  copy = await runAanjagerCli(["--json", "database", "kopieer-naar-postgresql", "--naar", targetUrl()], { DATABASE_PATH: sourcePath, DATABASE_URL: "", LOG_LEVEL: "silent" });
  source = await createDb(sourcePath);
  target = await createDb({ provider: "postgresql", url: targetUrl() });
});
afterAll(async () => {
  await source.$disconnect();
  await target.$disconnect();
  await admin.end();
});

describe("kopieer-naar-postgresql", () => {
  it("copies every table with a count check per table, printed as JSON", () => {
    expect(copy.code, copy.stderr).toBe(0);
    const result = JSON.parse(copy.stdout.trim().split("\n").at(-1)!) as { ok: boolean; tables: { table: string; source: number; target: number }[] };
    expect(result.ok).toBe(true);
    expect(result.tables.length).toBeGreaterThan(25);
    for (const t of result.tables) expect(t.target, t.table).toBe(t.source);
    const filled = result.tables.filter((t) => t.source > 0).map((t) => t.table);
    expect(filled).toEqual(expect.arrayContaining(["Subregio", "School", "Person", "RoleAssignment", "Activity", "Kpi", "DddSnapshot"]));
    // Parents before children: a school's subregio, a role's person and school come first.
    const order = result.tables.map((t) => t.table);
    expect(order.indexOf("Subregio")).toBeLessThan(order.indexOf("School"));
    expect(order.indexOf("Person")).toBeLessThan(order.indexOf("RoleAssignment"));
    expect(order.indexOf("School")).toBeLessThan(order.indexOf("RoleAssignment"));
  });

  it("keeps the rows as they were: ids, texts, dates and booleans", async () => {
    const people = await source.person.findMany({ orderBy: { id: "asc" }, include: { roles: { orderBy: { id: "asc" } } } });
    expect(people.length).toBeGreaterThan(5);
    expect(await target.person.findMany({ orderBy: { id: "asc" }, include: { roles: { orderBy: { id: "asc" } } } })).toEqual(people);
    expect(await target.school.findMany({ orderBy: { id: "asc" } })).toEqual(await source.school.findMany({ orderBy: { id: "asc" } }));
    expect(await target.kpi.findMany({ orderBy: { id: "asc" } })).toEqual(await source.kpi.findMany({ orderBy: { id: "asc" } }));
    expect(await target.dddSnapshot.findMany({ orderBy: { id: "asc" } })).toEqual(await source.dddSnapshot.findMany({ orderBy: { id: "asc" } }));
  });

  it("gives new rows the next id after the copied ones", async () => {
    const last = await source.person.findFirstOrThrow({ orderBy: { id: "desc" } });
    const created = await target.person.create({ data: { email: `nieuw-${process.pid}@example.com`, naam: "Nieuwe Collega" } });
    expect(created.id).toBe(last.id + 1);
  });

  it("refuses a target that is not empty, in Dutch, and changes nothing", async () => {
    const before = await target.person.count();
    const again = await runAanjagerCli(["database", "kopieer-naar-postgresql", "--naar", targetUrl()], { DATABASE_PATH: sourcePath, DATABASE_URL: "", LOG_LEVEL: "silent" });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("De PostgreSQL-database is niet leeg");
    expect(await target.person.count()).toBe(before);
  });

  it("refuses a malformed target URL in Dutch", async () => {
    const wrong = await runAanjagerCli(["database", "copy-to-postgresql", "--naar", "mysql://db/aanjager"], { DATABASE_PATH: sourcePath, DATABASE_URL: "", LOG_LEVEL: "silent" });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain("Ongeldige --naar");
  });
});
