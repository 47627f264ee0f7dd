import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliContext } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { DUO_COLUMNS } from "../../src/domain/duo-vsv.js";
import { createLogger } from "../../src/logger.js";
import { importDuoVsvText } from "../../src/services/duo-import.js";
import { listLatestKpiMeasurements } from "../../src/services/meetmoment-summary-source.js";
import { buildMeetmomentExport } from "../../src/services/meetmoment-export.js";
import { createRecordingOutbox } from "../support/recording-ports.js";
import { createTestDatabaseEnv } from "../support/test-db.js";

/**
 * DUO's public CSV of voortijdig schoolverlaters per vestiging, in the shape README documents,
 * made here: three vestigingen of the region's vmbo schools and one school outside the region.
 * The region's percentage (vsv over deelnemers of the region's vestigingen) fills the KPIs the
 * catalogue links to DUO, describing the figures' school year.
 */
const at = (local: string) => DateTime.fromISO(local, { zone: "Europe/Amsterdam" }).toJSDate();
let ctx: Awaited<ReturnType<typeof createCliContext>>;
let brins: string[];

function duoFile(status: "voorlopig" | "definitief", rows: [string, string, number, number][]): string {
  const header = DUO_COLUMNS.join(";");
  return [header, ...rows.map(([brin, type, deelnemers, vsv], i) => ["2024-2025", status, brin, String(i).padStart(2, "0"), `Vestiging ${i}`, type, deelnemers, vsv].join(";"))].join("\r\n") + "\r\n";
}

beforeAll(async () => {
  ctx = await createCliContext({ config: loadConfig({ ...createTestDatabaseEnv({ seeded: true }), LOG_LEVEL: "silent" }), logger: createLogger("silent"), ports: { enqueue: createRecordingOutbox().enqueue } });
  brins = (await ctx.db.school.findMany({ where: { soort: "vmbo" }, orderBy: { brin: "asc" }, take: 2 })).map((s) => s.brin);
});
afterAll(async () => {
  await ctx?.close();
});

describe("import of DUO's vsv-figures per vestiging", () => {
  it("stores the region's provisional vmbo-bovenbouw percentage in the DDD and overstap KPIs, describing 2024-2025", async () => {
    const file = duoFile("voorlopig", [
      [brins[0]!, "VMBO BOVENBOUW", 600, 12],
      [brins[0]!, "VMBO BOVENBOUW", 200, 6], // a second vestiging of the same school
      [brins[1]!, "VMBO BOVENBOUW", 400, 6],
      ["99ZZ", "VMBO BOVENBOUW", 1000, 90], // outside the region: left out
      [brins[1]!, "PRO", 50, 1], // no KPI asks for it
    ]);
    const result = await importDuoVsvText(ctx.db, file, { now: at("2026-03-02T10:00") });
    expect(result).toMatchObject({ ok: true, unchanged: 0, unused: ["PRO 2024-2025 (voorlopig)"] });
    expect(result.ok && result.stored.map((s) => [s.activityId, s.kpiKey, s.percentage, s.vestigingen])).toEqual([
      ["ddd", "vsv-cijfer-vmbo-bovenbouw", 2, 3], // (12 + 6 + 6) / (600 + 200 + 400) = 2,0 %
      ["overstap-vo-mbo", "vsv-cijfer-vmbo-bovenbouw", 2, 3],
    ]);
    const values = await listLatestKpiMeasurements(ctx.db, { from: "2025-08-01", asOf: at("2026-03-03T10:00") });
    expect(values.filter((v) => v.activityId === "ddd")).toEqual([{ activityId: "ddd", kpiKey: "vsv-cijfer-vmbo-bovenbouw", measuredOn: "2026-03-02", value: 2, describes: "2024-2025" }]);
    const exported = await buildMeetmomentExport(ctx.db, { schoolYear: "2025-2026", activityId: "ddd" });
    expect(exported.find((r) => r.kpiKey === "vsv-cijfer-vmbo-bovenbouw" && r.value !== null)).toMatchObject({ periodLabel: "DUO voorlopig 2024-2025", describes: "2024-2025", value: 2, personName: "DUO (voorlopig)", source: "import" });
    // The same file again changes nothing.
    expect(await importDuoVsvText(ctx.db, file, { now: at("2026-03-09T10:00") })).toMatchObject({ ok: true, stored: [], unchanged: 2 });
  });

  it("refuses definitive figures before DUO can have published them, and takes them after", async () => {
    const file = duoFile("definitief", [[brins[0]!, "VMBO BOVENBOUW", 800, 20], [brins[1]!, "VMBO BOVENBOUW", 400, 4]]);
    const early = await importDuoVsvText(ctx.db, file, { now: at("2026-06-01T10:00") });
    expect(early).toMatchObject({ ok: false, issues: [{ line: 2, reason: expect.stringContaining("publiceert DUO pas in november 2026") }, { line: 3 }] });
    const result = await importDuoVsvText(ctx.db, file, { now: at("2026-11-16T10:00") });
    expect(result.ok && result.stored.map((s) => [s.activityId, s.status, s.percentage])).toEqual([["ddd", "definitief", 2], ["overstap-vo-mbo", "definitief", 2]]);
    // A provisional file for the same year no longer replaces them.
    const late = await importDuoVsvText(ctx.db, duoFile("voorlopig", [[brins[0]!, "VMBO BOVENBOUW", 100, 50]]), { now: at("2026-11-17T10:00") });
    expect(late).toMatchObject({ ok: true, stored: [], unchanged: 2 });
  });

  it("refuses a file in another shape as a whole, naming the columns it expects", async () => {
    const wrong = await importDuoVsvText(ctx.db, "BRIN;PERCENTAGE\n01AB;3,1\n", { now: at("2026-03-02T10:00") });
    expect(wrong).toMatchObject({ ok: false, issues: [{ line: 1, reason: expect.stringContaining("kolommen ontbreken: SCHOOLJAAR, STATUS") }] });
    const bad = await importDuoVsvText(ctx.db, duoFile("voorlopig", [[brins[0]!, "VMBO BOVENBOUW", 10, 20]]).replace("2024-2025", "2024"), { now: at("2026-03-02T10:00") });
    expect(bad).toMatchObject({ ok: false, issues: [{ line: 2, reason: "schooljaar '2024' is geen JJJJ-JJJJ; meer vsv'ers dan deelnemers" }] });
  });
});
