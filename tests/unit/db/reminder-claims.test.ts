import { describe, expect, it } from "vitest";
import { runInTransaction } from "../../../src/db/client.js";
import { claimReminderDay, claimReminderDays, listReminderLogs, type NewReminderLog } from "../../../src/db/ddd.js";
import { useTestDb } from "../../support/test-db.js";

/**
 * The reminder job claims each target's day in one insert per slice (raw SQL, for the CPU per
 * row): a day someone else claimed first is skipped, the rest is claimed, and the rows read back
 * exactly as Prisma's own writes do (dates included).
 */
const db = useTestDb({ seeded: true });
const at = new Date("2027-03-18T07:15:00.000Z");

async function firstSchoolId(): Promise<number> {
  return (await db().school.findFirstOrThrow({ orderBy: { id: "asc" } })).id;
}

function row(schoolId: number, targetKey: string, extra: Partial<NewReminderLog> = {}): NewReminderLog {
  return {
    schoolYear: "2026-2027", targetKey, schoolId, mentorGroup: "", day: "2027-03-18", kind: "herinnering", stepId: "w2", coveredSteps: "w1,w2",
    recipients: 2, afgerond: 10, overstappers: 25, snapshotVersion: 3, source: "job", createdAt: at, ...extra,
  };
}

describe("claimReminderDays", () => {
  it("claims every free day, skips the days claimed before (in a slice of their own or among others), and stores the rows as Prisma would", async () => {
    const schoolId = await firstSchoolId();
    // A card press claimed one target's day earlier this morning.
    await runInTransaction(db(), (tx) => claimReminderDay(tx, row(schoolId, "taken", { source: "kaart", createdAt: new Date("2027-03-18T06:00:00.000Z") })));
    // 130 rows: three slices, the taken one in the middle of the second.
    const rows = Array.from({ length: 130 }, (_, i) => row(schoolId, i === 70 ? "taken" : `target-${i}`, { mentorGroup: i % 2 ? "4A" : "", stepId: i % 3 ? "w2" : null, afgerond: i % 5 ? i : null }));
    const claimed = await runInTransaction(db(), (tx) => claimReminderDays(tx, rows));
    expect(claimed.size).toBe(129);
    expect(claimed.has("taken")).toBe(false);
    expect(claimed.has("target-0")).toBe(true);
    expect(claimed.has("target-129")).toBe(true);

    const logs = await listReminderLogs(db(), "2026-2027");
    const taken = logs.find((l) => l.targetKey === "taken")!;
    expect(taken).toMatchObject({ source: "kaart", createdAt: new Date("2027-03-18T06:00:00.000Z") });
    const stored = logs.find((l) => l.targetKey === "target-1")!;
    expect(stored).toEqual({ ...rows[1], id: stored.id });
    expect(logs.find((l) => l.targetKey === "target-0")).toMatchObject({ stepId: null, afgerond: null, mentorGroup: "" });
    // Dates compare in SQL as Prisma binds them: the claimed rows are found by their time.
    expect(await db().dddReminderLog.count({ where: { createdAt: { gte: at } } })).toBe(129);
  });

  it("claims nothing on a second run of the same day", async () => {
    const schoolId = await firstSchoolId();
    const rows = [row(schoolId, "a"), row(schoolId, "b")];
    expect([...(await runInTransaction(db(), (tx) => claimReminderDays(tx, rows)))].sort()).toEqual(["a", "b"]);
    expect((await runInTransaction(db(), (tx) => claimReminderDays(tx, rows))).size).toBe(0);
    expect(await db().dddReminderLog.count({ where: { targetKey: { in: ["a", "b"] } } })).toBe(2);
  });
});
