import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { createCliContext } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { retentionJob } from "../../src/jobs/retention.js";
import type { JobDeps } from "../../src/jobs/types.js";
import { createLogger } from "../../src/logger.js";
import { importDirectoryData } from "../../src/services/directory-import.js";
import { DIRECTORY_HEADER, buildDirectoryLines } from "../support/directory-file.js";
import { createTestDatabaseEnv, testDatabaseProvider } from "../support/test-db.js";

/**
 * SQLite takes at most 999 bound parameters per statement in some builds and Prisma's driver
 * adapter does not split an OR of two lists: a query must not grow with the input.
 */
let db: Db;
let jobDeps: JobDeps;
let close: () => Promise<void>;
beforeAll(async () => {
  const context = await createCliContext({ config: loadConfig({ LOG_LEVEL: "silent", ...createTestDatabaseEnv() }), logger: createLogger("silent") });
  ({ db, jobDeps, close } = context);
});
afterAll(async () => {
  await close();
});

describe("a directory file with a thousand Teams ids", () => {
  // 1,000 is twice the size that failed (500 e-mail addresses and 500 ids in one OR); 5,000 rows
  // prove the same and cost seconds of Prisma's createMany, which the benchmark measures instead.
  it("imports 1,000 people who each carry an aad_object_id", async () => {
    const lines = buildDirectoryLines(1000).map((line, i) => `${line.slice(0, line.lastIndexOf(";"))};00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    const result = await importDirectoryData(db, [DIRECTORY_HEADER, ...lines].join("\n"));
    expect(result.ok, JSON.stringify(result).slice(0, 400)).toBe(true);
    expect(await db.person.count({ where: { aadObjectId: { not: null } } })).toBe(1000);
    expect(await db.roleAssignment.count()).toBe(1000);
  });
});

describe("a retention run when thousands of closed cases expire at once", () => {
  it("deletes 5,000 cases with their events and 5,000 sent messages in one run", async () => {
    // Seeded in three statements: Prisma's createMany of 5,000 rows took seconds, the test is about the run.
    const iso = "2024-06-01T10:00:00.000+00:00";
    // A literal in a SELECT list is text to PostgreSQL, which will not put text into a timestamp.
    const closed = testDatabaseProvider === "postgresql" ? `CAST('${iso}' AS TIMESTAMP)` : `'${iso}'`;
    const numbers = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)";
    await db.$executeRawUnsafe(
      `INSERT INTO "Case" ("type", "subjectKind", "subjectKey", "subjectLabel", "reason", "severity", "state", "policyVersion", "levelSince", "openedAt", "resolvedAt", "updatedAt")
       ${numbers} SELECT 'geen-reactie', 'school', 'school:' || i, 'School ' || i, 'oud', 'normaal', 'opgelost', '2026-1', ${closed}, ${closed}, ${closed}, ${closed} FROM n`,
    );
    await db.$executeRawUnsafe(`INSERT INTO "CaseEvent" ("caseId", "kind", "at", "via") SELECT "id", 'resolved', ${closed}, 'job' FROM "Case"`);
    await db.$executeRawUnsafe(
      `INSERT INTO "OutboxMessage" ("key", "purpose", "state", "payload", "recipientConversationId", "nextAttemptAt", "sentAt", "createdAt", "updatedAt")
       ${numbers} SELECT 'oud:' || i, 'test', 'sent', '{}', 'c' || i, ${closed}, ${closed}, ${closed}, ${closed} FROM n`,
    );
    const result = await retentionJob.run(jobDeps, new Date("2026-11-25T03:30:00+01:00"));
    expect(result).toMatchObject({ prunedCases: 5000, prunedCaseEvents: 5000, prunedOutboxMessages: 5000 });
    expect(await db.case.count()).toBe(0);
  });
});
