import fs from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliContext } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { SchoolYearLabel } from "../../src/domain/calendar/index.js";
import type { SummaryPeriod } from "../../src/domain/summary/types.js";
import { createLogger } from "../../src/logger.js";
import { importCatalogueText, listCatalogueActivityStatus } from "../../src/services/catalogue.js";
import { listLatestKpiMeasurements } from "../../src/services/meetmoment-summary-source.js";
import { meetmomentDepsOf, performRoundAction, runMeetmomenten } from "../../src/services/meetmomenten/index.js";
import { renderMeetmomentMessage } from "../../src/cards/meetmoment-round-card.js";
import { createKpiSection } from "../../src/services/summary/sections.js";
import { createRecordingOutbox } from "../support/recording-ports.js";
import { createTestDatabaseEnv } from "../support/test-db.js";

/**
 * Two programme periods in one database: the bundled 2016-2020 catalogue with figures from its
 * years, then the region's next programme (2026-2029) imported as a new catalogue with its own
 * norms. The DDD continues into the new period (same id and KPI keys); a new activity starts;
 * the 2016-2020 activities that are not continued stop, and their history stays.
 */
const ZONE = "Europe/Amsterdam";
const at = (local: string) => DateTime.fromISO(local, { zone: ZONE }).toJSDate();
const DDD_PCT = "waarvan-pct-met-een-ingevuld-ddd";

const bundled = fs.readFileSync(path.resolve(import.meta.dirname, "..", "..", "src", "data", "activities.yaml"), "utf8");
const dddEntry = bundled.slice(bundled.indexOf("- id: ddd\n"), bundled.indexOf("- id: overstap-vo-mbo"));
const NEXT_PERIOD = [
  dddEntry
    .replace('programmaperiode: "2016-2020"', 'programmaperiode: "2026-2029"')
    .replace('looptijd_schooljaren: {van: "2016-2017", tot: null}', 'looptijd_schooljaren: {van: "2026-2027", tot: null}')
    .replace(`per_year_targets: {"2016-2017": "90%", "2017-2018": "95%", "2018-2019": "96%", "2019-2020": "97%"}`, `per_year_targets: {"2026-2027": "98%", "2027-2028": "98,5%", "2028-2029": "99%"}`),
  `- id: kansrijke-overstap
  programmalijn: "Programmalijn 1: Elke jongere in beeld"
  naam: "Kansrijke overstap vo-mbo"
  doelgroep: "overstappers vmbo-mbo"
  looptijd: "2026-2029"
  programmaperiode: "2026-2029"
  looptijd_schooljaren: {van: "2026-2027", tot: null}
  meetmomenten_parsed:
    - {kind: yearly, months: [11], day: null, note: "evaluatie in november"}
  kpis:
    - name: "aantal warme overdrachten"
      unit: count
      per_year_targets: {"2026-2027": 500}
`,
].join("");

let ctx: Awaited<ReturnType<typeof createCliContext>>;
const outbox = createRecordingOutbox();
const deps = () => ({ ...meetmomentDepsOf({ ...ctx.jobDeps, enqueue: outbox.enqueue }), render: renderMeetmomentMessage });
const projectteam = { personId: null, naam: "Projectteam", roles: [{ role: "projectteam", activityId: null }] };

async function submit(activityId: string, values: Record<string, string>, now: Date) {
  const round = await ctx.db.meetmomentRound.findFirstOrThrow({ where: { activityId, status: "open" } });
  const kpis = await ctx.db.kpi.findMany({ where: { activityId, archivedAt: null, duoVsv: null } });
  const inputs = Object.fromEntries(kpis.map((k) => [`kpi_${k.key}`, values[k.key] ?? (k.unit === "text" ? "toelichting" : "1")]));
  const result = await performRoundAction(ctx.db, meetmomentDepsOf(ctx.jobDeps), { kind: "indienen", envelope: { roundId: round.id, activityId, schoolYear: round.schoolYear }, inputs, actor: projectteam, source: "card" }, now);
  expect(typeof result).not.toBe("string");
  return round;
}

function periodOf(schoolYear: string, now: Date): SummaryPeriod {
  return { schoolYear: schoolYear as SchoolYearLabel, week: 11, weekYear: 2027, weekStart: "2027-03-15", dueAt: now.toISOString(), from: now.toISOString(), to: now.toISOString() };
}
const kpiSection = (schoolYear: string, now: Date) => createKpiSection({ calendar: ctx.jobDeps.calendar, sources: { listLatestMeasurements: listLatestKpiMeasurements } }).build(ctx.db, periodOf(schoolYear, now), now);

beforeAll(async () => {
  ctx = await createCliContext({ config: loadConfig({ ...createTestDatabaseEnv({ seeded: true }), LOG_LEVEL: "silent" }), logger: createLogger("silent"), ports: { enqueue: outbox.enqueue } });
  // 2016-2020: the DDD's November 2019 evaluation (about 2018-2019) is submitted.
  await runMeetmomenten(ctx.db, deps(), at("2019-11-01T08:10"));
  await submit("ddd", { [DDD_PCT]: "95" }, at("2019-11-04T10:00"));
}, 120_000);
afterAll(async () => {
  await ctx?.close();
});

describe("a second programme period", () => {
  it("imports next to the first: the DDD continues with its new norms, a new activity starts, nothing of 2016-2020 is archived", async () => {
    const result = await importCatalogueText(ctx.db, NEXT_PERIOD, { now: at("2026-06-01T12:00") });
    expect(result).toMatchObject({ ok: true, activities: 2, added: ["kansrijke-overstap"], updated: ["ddd"], archived: [] });
    const targets = await ctx.db.kpiTarget.findMany({ where: { kpi: { activityId: "ddd", key: DDD_PCT } }, orderBy: { period: "asc" } });
    // The earlier period's norms stay for its years; the new period brings its own.
    expect(targets.map((t) => [t.period, t.value])).toEqual([["2016-2017", 90], ["2017-2018", 95], ["2018-2019", 96], ["2019-2020", 97], ["2026-2027", 98], ["2027-2028", 98.5], ["2028-2029", 99]]);
    // Importing the same file again changes nothing.
    const again = await importCatalogueText(ctx.db, NEXT_PERIOD, { now: at("2026-06-02T12:00") });
    expect(again, JSON.stringify(again)).toMatchObject({ ok: true, changed: false });
  });

  it("gives rounds in 2026-2027 only to activities of the new period: the replaced 2016-2020 ones stop", async () => {
    const status = await listCatalogueActivityStatus(ctx.db, "2026-2027", ctx.jobDeps.calendar);
    expect(status.filter((a) => a.loopt).map((a) => a.id).sort()).toEqual(["ddd", "kansrijke-overstap"]);
    expect(status.find((a) => a.id === "overstap-vo-mbo")).toMatchObject({ loopt: false, status: "opgevolgd door een latere programmaperiode" });
    expect(status.find((a) => a.id === "coach4you")).toMatchObject({ loopt: false, status: "afgelopen (looptijd)" });
    await runMeetmomenten(ctx.db, deps(), at("2026-11-02T08:10"));
    const opened = await ctx.db.meetmomentRound.findMany({ where: { schoolYear: "2026-2027" }, orderBy: { activityId: "asc" } });
    expect(opened.map((r) => [r.activityId, r.meetmomentDate, r.describes])).toEqual([["ddd", "2026-11-02", "2025-2026"], ["kansrijke-overstap", "2026-11-02", "2025-2026"]]);
    await submit("ddd", { [DDD_PCT]: "97,5" }, at("2026-11-03T10:00"));
    await submit("kansrijke-overstap", { "aantal-warme-overdrachten": "420" }, at("2026-11-03T10:05"));
  });

  it("shows each period's KPIs with its own norms: 2026-2027 the new period's activities, 2019-2020 the old one's with its history", async () => {
    const now = at("2027-03-15T08:30");
    const current = (await kpiSection("2026-2027", now))!;
    expect(current.activities.map((a) => a.activityId).sort()).toEqual(["ddd", "kansrijke-overstap"]);
    const dddRow = current.activities.find((a) => a.activityId === "ddd")!.rows.find((r) => r.kpiKey === DDD_PCT)!;
    expect(dddRow).toMatchObject({ norm: 98, normFrom: null, current: 97.5, currentOn: "2026-11-02" });
    expect(current.activities.find((a) => a.activityId === "kansrijke-overstap")!.rows[0]).toMatchObject({ norm: 500, current: 420 });

    const past = (await kpiSection("2019-2020", at("2020-03-16T08:30")))!;
    const pastIds = past.activities.map((a) => a.activityId);
    expect(pastIds).toContain("overstap-vo-mbo"); // ran in 2019-2020
    expect(pastIds).not.toContain("kansrijke-overstap"); // not yet started
    expect(pastIds).not.toContain("coach4you"); // ended in 2017-2018, no figures about 2019-2020
    const pastRow = past.activities.find((a) => a.activityId === "ddd")!.rows.find((r) => r.kpiKey === DDD_PCT)!;
    expect(pastRow).toMatchObject({ norm: 97, normFrom: null, current: 95, currentOn: "2019-11-01" });
  });
});
