import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCliContext } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { runInTransaction } from "../../src/db/client.js";
import type { SchoolYearLabel } from "../../src/domain/calendar/index.js";
import type { SummaryPeriod } from "../../src/domain/summary/types.js";
import { createLogger } from "../../src/logger.js";
import { createRecordingOutbox } from "../support/recording-ports.js";
import { listStuurgroepCases, openOrUpdateCase, performCaseAction } from "../../src/services/cases/index.js";
import { DDD_NORM_KPIS } from "../../src/domain/ddd/index.js";
import { createDddSection, createEscalationSection, createKpiSection, createMeetmomentSection, createOverstapYearSection, listSummarySections, SUMMARY_SECTION_FACTORIES } from "../../src/services/summary/sections.js";
import { appendDddSnapshots } from "../../src/db/ddd.js";
import { createOverstapYearSummarySource } from "../../src/services/ddd/overstap-year.js";
import type { SummarySources } from "../../src/services/summary/sources.js";
import { buildSummaryData } from "../../src/services/summary/weekly-summary.js";
import { createFakeSummarySources, generateDddProgress, generateRounds, loadCatalogueActivities } from "../support/summary-fixtures.js";
import { createTestDatabaseEnv } from "../support/test-db.js";

/**
 * Each section provider against a real (seeded) database with data inserted here; the DDD and
 * measurement data come through the typed source functions with fake sources, exactly as the
 * DDD and meetmomenten features will supply them.
 */
let ctx: Awaited<ReturnType<typeof createCliContext>>;
const YEAR = "2026-2027" as SchoolYearLabel;

function at(localIso: string): Date {
  return DateTime.fromISO(localIso, { zone: "Europe/Amsterdam" }).toJSDate();
}
const NOW = at("2027-03-15T08:30");
const PERIOD: SummaryPeriod = { schoolYear: YEAR, week: 11, weekYear: 2027, weekStart: "2027-03-15", dueAt: NOW.toISOString(), from: at("2027-03-08T08:30").toISOString(), to: NOW.toISOString() };
async function projectteamActor() {
  const person = await ctx.db.person.findUniqueOrThrow({ where: { email: "alexw@example.com" }, include: { roles: true } });
  return { personId: person.id, naam: person.naam, roles: person.roles.map((r) => ({ role: r.role, schoolId: r.schoolId })) };
}

function sectionContext(sources: SummarySources = {}) {
  return { calendar: ctx.jobDeps.calendar, sources };
}

beforeEach(async () => {
  ctx = await createCliContext({ config: loadConfig({ ...createTestDatabaseEnv({ seeded: true }), LOG_LEVEL: "silent" }), logger: createLogger("silent"), ports: { enqueue: createRecordingOutbox().enqueue } });
});
afterEach(async () => {
  await ctx.close();
});

describe("the section list", () => {
  it("registers the five providers in one list, in card order", () => {
    expect(listSummarySections(sectionContext()).map((s) => [s.id, s.title])).toEqual([
      ["ddd", "DDD en overstap"],
      ["overstapjaar", "Het overstapjaar"],
      ["escalaties", "Escalaties"],
      ["meetmomenten", "Meetmomenten"],
      ["kpis", "KPI's per activiteit"],
    ]);
    expect(SUMMARY_SECTION_FACTORIES).toHaveLength(5);
  });

  it("without the DDD and meetmomenten sources: only escalations and KPIs (sections are left out, not faked)", async () => {
    const data = await buildSummaryData(ctx.db, listSummarySections(sectionContext()), PERIOD, NOW);
    expect(data.sections.map((s) => s.id)).toEqual(["escalaties", "kpis"]);
    expect(data).toMatchObject({ version: 1, generatedAt: NOW.toISOString(), notes: [] });
  });

  it("a failing source leaves its section out with a note; the rest still comes", async () => {
    const sources: SummarySources = {
      loadDddRegionProgress: async () => {
        throw new Error("intergrip onbereikbaar");
      },
    };
    const data = await buildSummaryData(ctx.db, listSummarySections(sectionContext(sources)), PERIOD, NOW);
    expect(data.sections.map((s) => s.id)).toEqual(["escalaties", "kpis"]);
    expect(data.notes).toEqual(["DDD en overstap: deze week niet beschikbaar door een storing."]);
  });
});

describe("a failing section in the log", () => {
  it("is described without the query data a Prisma error quotes (e-mail addresses, long numbers)", async () => {
    const lines: string[] = [];
    const logger = createLogger("info", { write: (line: string) => lines.push(line) });
    // What Prisma throws: the failed call with its arguments, then the reason on the last line.
    const prismaLike = Object.assign(
      new Error('Invalid `prisma.person.findMany()` invocation:\n{\n  where: { email: "piet.pupil@gmail.com", bsn: "123456782" }\n}\nUnique constraint failed on the fields: (`email`)'),
      { name: "PrismaClientKnownRequestError", code: "P2002" },
    );
    const sources: SummarySources = {
      loadDddRegionProgress: async () => {
        throw prismaLike;
      },
    };
    const data = await buildSummaryData(ctx.db, listSummarySections(sectionContext(sources)), PERIOD, NOW, logger);
    expect(data.notes).toEqual(["DDD en overstap: deze week niet beschikbaar door een storing."]);
    const all = lines.join("\n");
    expect(all).toContain("summary section failed");
    expect(all).toContain("Unique constraint failed");
    expect(all).toContain("P2002");
    for (const raw of ["piet.pupil", "gmail.com", "123456782", "findMany"]) expect(all, raw).not.toContain(raw);
  });
});

describe("escalation provider", () => {
  it("counts opened and resolved in the period and open cases by level, and lists L3 cases by school or activity name", async () => {
    const [first, second, third] = await ctx.db.school.findMany({ orderBy: { id: "asc" }, take: 3 });
    const pt = await projectteamActor();
    const open = (type: "ddd-achterstand" | "geen-reactie" | "werkafspraak", subject: Parameters<typeof openOrUpdateCase>[1]["subject"], when: string) =>
      runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, { type, subject, reason: "r", source: "job" }, at(when)));
    // Before the period: opened, still open.
    const old = await open("geen-reactie", { kind: "school", schoolId: first!.id }, "2027-02-01T10:00");
    // In the period: three opened, one of them resolved; one older case resolved too.
    await open("ddd-achterstand", { kind: "school", schoolId: first!.id }, "2027-03-09T10:00");
    const b = await open("ddd-achterstand", { kind: "school", schoolId: second!.id }, "2027-03-10T10:00");
    const activity = await open("werkafspraak", { kind: "activity", activityId: "coach4you" }, "2027-03-11T10:00");
    expect(await performCaseAction(ctx.db, ctx.jobDeps, { caseId: b.case.id, action: { kind: "resolve", note: "klaar" }, actor: pt, via: "chat" }, at("2027-03-12T10:00"))).toMatchObject({ kind: "done" });
    const c = await open("werkafspraak", { kind: "school", schoolId: third!.id }, "2027-01-10T10:00");
    expect(await performCaseAction(ctx.db, ctx.jobDeps, { caseId: c.case.id, action: { kind: "resolve", note: "klaar" }, actor: pt, via: "chat" }, at("2027-03-12T11:00"))).toMatchObject({ kind: "done" });
    // Two cases at the stuurgroep level (set directly: the ladder itself is tested with escalation).
    await ctx.db.case.update({ where: { id: old.case.id }, data: { level: 3, levelSince: at("2027-03-01T08:05") } });
    await ctx.db.case.update({ where: { id: activity.case.id }, data: { level: 3, levelSince: at("2027-02-20T08:05") } });

    const section = await createEscalationSection(sectionContext()).build(ctx.db, PERIOD, NOW);
    expect(section).toMatchObject({ opened: 3, resolved: 2, openTotal: 3 });
    expect(section!.openByLevel.map((l) => [l.label, l.count])).toEqual([
      ["nog niet geëscaleerd", 1],
      ["L0 · verantwoordelijke herinnerd", 0],
      ["L1 · projectteam", 0],
      ["L2 · programmaleider en schoolleiding", 0],
      ["L3 · schoolbestuur en stuurgroep", 2],
    ]);
    // By name of the activity (from the catalogue) and of the school, oldest at L3 first.
    expect(section!.stuurgroep.map((s) => [s.name, s.type, s.since])).toEqual([
      ["Coach4you", "werkafspraak niet nagekomen", "2027-02-20"],
      [first!.naam, "geen reactie op herinneringen", "2027-03-01"],
    ]);
    // The same cases listStuurgroepCases gives the stuurgroep.
    expect(section!.stuurgroep.map((s) => s.caseId).sort()).toEqual((await listStuurgroepCases(ctx.db)).map((c) => c.id).sort());
    expect(section!.trend).toEqual([{ label: "w11", open: 3, opened: 3 }]);
  });
});

describe("KPI provider", () => {
  it("without a measurement source shows every numeric KPI of the catalogue with its norm and 'nog geen meting'", async () => {
    const section = await createKpiSection(sectionContext()).build(ctx.db, PERIOD, NOW);
    expect(section!.measurementsAvailable).toBe(false);
    // The activities running in 2026-2027 (ten of the 2016-2020 plan; the others' looptijd ended).
    expect(section!.activities).toHaveLength(10);
    expect(section!.activities.map((a) => a.activityId)).not.toContain("coach4you");
    const ddd = section!.activities.find((a) => a.activityId === "ddd")!;
    expect(ddd.rows.find((r) => r.kpiKey === DDD_NORM_KPIS.completed)).toMatchObject({ norm: 97, normFrom: "2019-2020", current: null, status: null });
    expect(section!.counts.geenMeting).toBe(31);
  });

  it("with listLatestMeasurements: values, previous, last year and the status per KPI", async () => {
    const sources = createFakeSummarySources({
      measurements: [
        { activityId: "ddd", kpiKey: DDD_NORM_KPIS.completed, measuredOn: "2026-06-15", value: 94 },
        { activityId: "ddd", kpiKey: DDD_NORM_KPIS.completed, measuredOn: "2027-01-15", value: 95.5 },
        { activityId: "ddd", kpiKey: DDD_NORM_KPIS.completed, measuredOn: "2027-03-01", value: 96.5 },
        { activityId: "coach4you", kpiKey: "aantal-begeleide-leerlingen", measuredOn: "2027-03-01", value: 40 },
      ],
    });
    const section = await createKpiSection(sectionContext(sources)).build(ctx.db, PERIOD, NOW);
    expect(sources.calls).toEqual(["measurements:2025-08-01"]);
    const row = section!.activities.find((a) => a.activityId === "ddd")!.rows.find((r) => r.kpiKey === DDD_NORM_KPIS.completed)!;
    expect(row).toMatchObject({ current: 96.5, previous: 95.5, currentOn: "2027-03-01", status: "op-koers", trend: [94, 95.5, 96.5] });
    expect(section!.counts).toMatchObject({ opKoers: 1, geenMeting: 31 }); // coach4you ended, but its figure of this year keeps it in view
  });
});

describe("DDD provider", () => {
  it("returns null without a source and when the source has no campaign for the year", async () => {
    expect(await createDddSection(sectionContext()).build(ctx.db, PERIOD, NOW)).toBeNull();
    expect(await createDddSection(sectionContext(createFakeSummarySources({ ddd: [] }))).build(ctx.db, PERIOD, NOW)).toBeNull();
  });

  it("builds from DddRegionProgress with the catalogue's norms, asking for this year and last year up to its deadline", async () => {
    const schools = (await ctx.db.school.findMany({ include: { subregio: true }, orderBy: { id: "asc" } })).map((s) => ({ id: s.id, naam: s.naam, subregioId: s.subregioId!, soort: s.soort }));
    const sources = createFakeSummarySources({ ddd: [generateDddProgress(YEAR, { schools }), generateDddProgress("2025-2026" as SchoolYearLabel, { schools, pace: 1.2 })] });
    const section = await createDddSection(sectionContext(sources)).build(ctx.db, PERIOD, NOW);
    // In the campaign the years before last count nowhere; last year only up to its deadline.
    expect(sources.calls).toEqual(["ddd:2026-2027", "ddd:2025-2026 through 2026-04-01"]);
    expect(section!.phase).toBe("campagne");
    expect(section!.rows.map((r) => [r.indicator, r.norm, r.normFrom])).toEqual([
      ["DDD ingevuld (% overstappers)", 97, "2019-2020"],
      ["In beeld met vervolgkeuze (%)", 98, "2019-2020"],
    ]);
    expect(section!.rows[0]!.current).toBeGreaterThan(0);
    expect(section!.rows[0]!.lastYear).toBeGreaterThan(section!.rows[0]!.current!); // last year went faster
    expect(section!.subregios.map((s) => s.naam)).toEqual(["Maastricht-Heuvelland", "Parkstad", "Westelijke Mijnstreek"]);
    expect(section!.behind.length).toBeGreaterThan(0);
    expect(section!.forecast).toMatchObject({ on: "2027-04-01" });
  });

  it("after the deadline asks for the three years before too, each up to its deadline, for the finals", async () => {
    const schools = (await ctx.db.school.findMany({ include: { subregio: true }, orderBy: { id: "asc" } })).map((s) => ({ id: s.id, naam: s.naam, subregioId: s.subregioId!, soort: s.soort }));
    const years = ["2026-2027", "2025-2026", "2024-2025", "2023-2024"] as SchoolYearLabel[];
    const sources = createFakeSummarySources({ ddd: years.map((year, i) => generateDddProgress(year, { schools, pace: 1 + i / 10 })) });
    const june = at("2027-06-07T08:30");
    const section = await createDddSection(sectionContext(sources)).build(ctx.db, { ...PERIOD, weekStart: "2027-06-07" }, june);
    expect(sources.calls).toEqual(["ddd:2026-2027", "ddd:2025-2026 through 2026-04-01", "ddd:2024-2025 through 2025-04-01", "ddd:2023-2024 through 2024-04-01"]);
    expect(section!.phase).toBe("na-deadline");
    expect(section!.finals.map((f) => f.schoolYear)).toEqual(years);
  });
});

describe("meetmomenten provider", () => {
  it("returns null without a source; with listMeetmomentRounds the rounds, response and overdue owners", async () => {
    expect(await createMeetmomentSection(sectionContext()).build(ctx.db, PERIOD, NOW)).toBeNull();
    const sources = createFakeSummarySources({ rounds: generateRounds(loadCatalogueActivities(), "2027-03-15", 6) });
    const section = await createMeetmomentSection(sectionContext(sources)).build(ctx.db, PERIOD, NOW);
    expect(section).toMatchObject({ open: 5 });
    expect(section!.overdue.length).toBeGreaterThan(0);
  });
});

describe("overstap year provider", () => {
  it("returns null without a source or counts; with loadOverstapYears the phase now, each begun phase's region counts and share against its norm, and the phases to come", async () => {
    expect(await createOverstapYearSection(sectionContext()).build(ctx.db, PERIOD, NOW)).toBeNull();
    const source = createOverstapYearSummarySource(ctx.jobDeps);
    await ctx.db.dddSnapshot.deleteMany();
    expect(await createOverstapYearSection(sectionContext({ loadOverstapYears: source })).build(ctx.db, PERIOD, NOW)).toBeNull();
    const [a, b] = await ctx.db.school.findMany({ where: { soort: "vmbo" }, orderBy: { id: "asc" }, take: 2 });
    // The state on the deadline: 50 of 60 DDD's completed.
    await runInTransaction(ctx.db, (tx) =>
      appendDddSnapshots(tx, YEAR, [
        { schoolId: a!.id, mentorGroup: "", source: "import", overstappers: 40, gestart: 40, deelB: 35, afgerond: 30, inBeeld: 40 },
        { schoolId: b!.id, mentorGroup: "", source: "import", overstappers: 20, gestart: 20, deelB: 20, afgerond: 20, inBeeld: 20 },
      ], { importId: null, recordedAt: at("2027-03-31T07:00") }),
    );
    await runInTransaction(ctx.db, (tx) =>
      appendDddSnapshots(tx, YEAR, [
        { schoolId: a!.id, mentorGroup: "", source: "import", overstappers: 40, gestart: 40, deelB: 40, afgerond: 38, inBeeld: 40, aangemeld: 39, geenAanmelding: 1, afgewezen: 0, geplaatst: 36, geplaatstMetDdd: 34 },
        { schoolId: b!.id, mentorGroup: "", source: "import", overstappers: 20, gestart: 20, deelB: 20, afgerond: 20, inBeeld: 20, aangemeld: 20, geenAanmelding: 0, afgewezen: 1, geplaatst: 19, geplaatstMetDdd: 19 },
      ], { importId: null, recordedAt: at("2027-05-20T07:00") }),
    );
    const june = at("2027-06-07T08:30");
    const section = await createOverstapYearSection(sectionContext({ loadOverstapYears: source })).build(ctx.db, { ...PERIOD, weekStart: "2027-06-07" }, june);
    expect(section).toMatchObject({ cohort: YEAR, phaseId: "toelating", phaseTitle: "Toelating en plaatsing", asOf: "2027-06-07" });
    const phases = section!.cohorts[0]!.phases;
    expect(phases.map((p) => [p.id, p.state])).toEqual([["registratie", "voorbij"], ["ddd", "voorbij"], ["toelating", "nu"], ["start", "komt"]]);
    const toelating = phases[2]!;
    expect(toelating.figures.map((f) => [f.label, f.value])).toEqual([
      ["aangemeld bij een mbo", 59],
      ["geen aanmelding", 1],
      ["afgewezen", 1],
      ["toegelaten of (voorlopig) geplaatst", 55],
      ["geplaatst met afgerond DDD", 53],
      // 53 of 55 placed pupils: 96,4 %, below the catalogue's 97 (the seed's figure).
      ["% van de geplaatste overstappers met een ingevuld DDD", 96.4],
    ]);
    expect(toelating.figures[5]).toMatchObject({ norm: 97, status: "achter" });
    // School a (34 of 36: 94,4 %) is below the norm; b (19 of 19) is not.
    expect(toelating).toMatchObject({ schoolsBelowNorm: 1, schoolsReported: 2 });
    expect(phases[3]!.figures).toEqual([]);
    // A passed phase shows where it ended: the DDD on 1 April (50 of 60), not the 58 completed later.
    expect(phases[1]!.figures.map((f) => [f.label, f.value])).toEqual([
      ["overstappers", 60],
      ["DDD gestart (deel A)", 60],
      ["DDD deel B klaar", 55],
      ["DDD afgerond en aangeleverd", 50],
      ["% DDD afgerond en aangeleverd vóór 1 april", 83.3],
    ]);
  });
});
