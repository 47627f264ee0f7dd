import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { importDirectoryCsv } from "../../src/services/directory-import.js";
import { DIRECTORY_HEADER, buildDirectoryLines } from "../support/directory-file.js";
import { openTestDb } from "../support/test-db.js";

/**
 * SQLite takes at most 999 bound parameters per statement in some builds and Prisma's driver
 * adapter does not split an OR of two lists: a query must not grow with the input.
 */
let db: Db;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db.$disconnect();
});

describe("a directory file with thousands of Teams ids", () => {
  it("imports 5,000 people who each carry an aad_object_id", async () => {
    const lines = buildDirectoryLines(5000).map((line, i) => `${line.slice(0, line.lastIndexOf(";"))};00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    const result = await importDirectoryCsv(db, [DIRECTORY_HEADER, ...lines].join("\n"));
    expect(result.ok, JSON.stringify(result).slice(0, 400)).toBe(true);
    expect(await db.person.count({ where: { aadObjectId: { not: null } } })).toBe(5000);
    expect(await db.roleAssignment.count()).toBe(5000);
  });
});
