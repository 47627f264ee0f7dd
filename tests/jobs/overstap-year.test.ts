import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCliContext } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { runInTransaction } from "../../src/db/client.js";
import { appendDddSnapshots, type NewSnapshot } from "../../src/db/ddd.js";
import { runJobManually } from "../../src/jobs/job-runner.js";
import { overstapYearJob } from "../../src/jobs/overstap-year.js";
import { retentionJob } from "../../src/jobs/retention.js";
import { createLogger } from "../../src/logger.js";
import { performCaseAction } from "../../src/services/cases/index.js";
import { importDddFile } from "../../src/services/ddd/import.js";
import { clearDddData } from "../support/ddd.js";
import { createRecordingOutbox } from "../support/recording-ports.js";
import { createTestDatabasePath } from "../support/test-db.js";

/**
 * The `overstap-jaar` job's rules one at a time, with the real cases and an injected clock (the
 * whole year is walked in overstap-year-walk.test.ts): a step is done once per school, missed
 * steps merge, nothing happens on days off or for counts the region does not deliver, and the
 * zomerlek and niet-gestart cases follow their count and the overstap retention.
 */
const at = (localIso: string) => DateTime.fromISO(localIso, { zone: "Europe/Amsterdam" }).toJSDate();
const COHORT = "2026-2027";
type School = { id: number; brin: string; decanen: number[] };

let ctx: Awaited<ReturnType<typeof createCliContext>>;
let outbox: ReturnType<typeof createRecordingOutbox>;
let behind: School;
let fine: School;
/** Every other overstap school of the demo region: each keeps up, so only `behind` is behind. */
let others: School[];

beforeEach(async () => {
  outbox = createRecordingOutbox();
  ctx = await createCliContext({ config: loadConfig({ DATABASE_PATH: createTestDatabasePath({ seeded: true }), LOG_LEVEL: "silent" }), logger: createLogger("silent"), ports: { enqueue: outbox.enqueue } });
  await clearDddData(ctx.db);
  const schools = await ctx.db.school.findMany({ where: { soort: "vmbo", roles: { some: { role: "decaan" } } }, include: { roles: { where: { role: "decaan" } } }, orderBy: { id: "asc" }, take: 2 });
  [behind, fine] = schools.map((s) => ({ id: s.id, brin: s.brin, decanen: [...new Set(s.roles.map((r) => r.personId))] })) as [School, School];
  others = (await ctx.db.school.findMany({ where: { soort: { in: ["vmbo", "vso", "pro"] }, id: { notIn: [behind.id, fine.id] } } })).map((s) => ({ id: s.id, brin: s.brin, decanen: [] }));
});
afterEach(async () => {
  await ctx.close();
});

const DDD = { overstappers: 40, gestart: 40, deelB: 40, afgerond: 38, inBeeld: 40 };
const PLACED = { aangemeld: 40, geenAanmelding: 0, afgewezen: 0, geplaatst: 40, geplaatstMetDdd: 40 };

async function store(localIso: string, rows: { school: School; counts: Omit<NewSnapshot, "schoolId" | "mentorGroup" | "source"> }[]) {
  await runInTransaction(ctx.db, (tx) => appendDddSnapshots(tx, COHORT, rows.map((r) => ({ schoolId: r.school.id, mentorGroup: "", source: "import" as const, ...r.counts })), { importId: null, recordedAt: at(localIso) }));
}

async function run(localIso: string) {
  const outcome = await runJobManually(ctx.jobDeps, overstapYearJob, at(localIso));
  expect(outcome.status).toBe("succeeded");
  return (outcome as { result: Record<string, unknown> }).result;
}

const cardTitle = (m: (typeof outbox.messages)[number]) => (m.card as { body: { text?: string }[] }).body[0]!.text;

describe("overstap-jaar job", () => {
  it("does each step once per school: nothing on a day off, steps missed while the bot was down merge into one card with the latest, a second run sends nothing", async () => {
    await store("2027-04-06T07:00", [
      { school: behind, counts: { ...DDD, ...PLACED, aangemeld: 37, geenAanmelding: 3, geplaatst: 35, geplaatstMetDdd: 35 } },
      ...[fine, ...others].map((school) => ({ school, counts: { ...DDD, ...PLACED } })),
    ]);
    // Saturday 17 April: no working moment.
    expect(await run("2027-04-17T08:20")).toMatchObject({ workingMoment: false, reminders: 0 });
    // The bot was down from 15 April to Pinksteren: on Tuesday 18 May both toelating steps are due, for one card.
    expect(await run("2027-05-18T08:20")).toMatchObject({ workingMoment: true, steps: ["2026-2027:toelating-april", "2026-2027:toelating-mei"], reminders: 1, silent: others.length + 1, enqueued: behind.decanen.length });
    expect(outbox.messages.map((m) => [m.recipient, cardTitle(m)])).toEqual(behind.decanen.map((personId) => [{ personId }, "Toelating en plaatsing: wie is nog niet geplaatst?"]));
    expect(JSON.stringify(outbox.messages[0]!.card)).toContain("3 leerlingen hebben nog geen aanmelding");
    expect(await run("2027-05-18T10:00")).toMatchObject({ reminders: 0, enqueued: 0 });
    expect(await run("2027-05-19T08:20")).toMatchObject({ reminders: 0, enqueued: 0 });
    const logged = await ctx.db.dddReminderLog.findMany({ where: { targetKey: { startsWith: "jaar:" }, schoolId: { in: [behind.id, fine.id] } }, orderBy: { schoolId: "asc" } });
    expect(logged.map((l) => [l.schoolId, l.kind, l.coveredSteps])).toEqual([
      [behind.id, "herinnering", "toelating-april,toelating-mei"],
      [fine.id, "stil", "toelating-april,toelating-mei"],
    ].sort((a, b) => Number(a[0]) - Number(b[0])));
    expect(outbox.messages).toHaveLength(behind.decanen.length);
  });

  it("opens nothing for a phase whose counts the region does not deliver, nor for a cohort without any counts", async () => {
    // Only the five DDD counts (the aggregate file of before): the 1 June check waits for the first overstap counts.
    await store("2027-04-06T07:00", [{ school: behind, counts: DDD }, { school: fine, counts: DDD }]);
    expect(await run("2027-06-01T08:20")).toMatchObject({ steps: [], checkCases: 0, reminders: 0 });
    // 1 October 2026: the cohort 2025-2026 ends with its check, but Aanjager never had its counts.
    expect(await run("2026-10-01T08:20")).toMatchObject({ cohorts: ["2025-2026", "2026-2027"], steps: [], checkCases: 0 });
    expect(await ctx.db.case.count({ where: { type: { in: ["werkafspraak", "overstap"] } } })).toBe(0);
    // Once a school reports them, a school without them fails the check too.
    await store("2027-06-01T07:00", [fine, ...others].map((school) => ({ school, counts: { ...DDD, ...PLACED } })));
    expect(await run("2027-06-01T08:20")).toMatchObject({ checkCases: 1 });
    expect((await ctx.db.case.findMany({ where: { type: "werkafspraak" } })).map((c) => [c.schoolId, c.reason])).toEqual([
      [behind.id, "Controle 1 juni: geplaatst met een ingevuld DDD: de school heeft de cijfers (geplaatst met afgerond DDD, toegelaten of (voorlopig) geplaatst) niet gemeld; norm 97 % van de geplaatste overstappers met een ingevuld DDD."],
    ]);
  });

  it("keeps one zomerlek case per school with its count, never reopens one that was closed, and lets the overstap retention delete it on 1 November", async () => {
    const pt = await ctx.db.person.findUniqueOrThrow({ where: { email: "alexw@example.com" }, include: { roles: true } });
    const actor = { personId: pt.id, naam: pt.naam, roles: pt.roles.map((r) => ({ role: r.role, schoolId: r.schoolId })) };
    await store("2027-08-20T07:00", [{ school: behind, counts: { ...DDD, ...PLACED, zomerlek: 2 } }]);
    expect(await run("2027-08-30T08:20")).toMatchObject({ pupilCases: 1 });
    await store("2027-09-02T07:00", [{ school: behind, counts: { ...DDD, ...PLACED, zomerlek: 3 } }]);
    expect(await run("2027-09-03T08:20")).toMatchObject({ pupilCases: 0 });
    const [zomerlek] = await ctx.db.case.findMany({ where: { type: "overstap" } });
    expect(zomerlek).toMatchObject({ overstapRef: `ZOMERLEK-2027-${behind.brin}`, overstapReason: "zomerlek", schoolId: behind.id, severity: "hoog", openedById: null });
    expect(zomerlek!.reason).toBe("zomerlek: uitgeschreven zonder nieuwe inschrijving (overstappers 2026-2027): 3 leerlingen zomerlek: geplaatst of aangemeld, maar na de zomer nergens ingeschreven. Alleen het aantal uit het overstapsysteem; wie het zijn, staat daar.");

    expect(await performCaseAction(ctx.db, ctx.jobDeps, { caseId: zomerlek!.id, action: { kind: "resolve", note: "alle drie ingeschreven" }, actor, via: "chat" }, at("2027-09-06T10:00"))).toMatchObject({ kind: "done" });
    expect(await run("2027-09-07T08:20")).toMatchObject({ pupilCases: 0 });
    expect(await ctx.db.case.count({ where: { type: "overstap" } })).toBe(1);

    // The overstap retention: the case is about the year that has just begun, so it goes on 1 November 2027.
    const retention = await runJobManually(ctx.jobDeps, retentionJob, at("2027-11-01T03:30"));
    expect(retention).toMatchObject({ status: "succeeded", result: { overstapCasesDeleted: 1 } });
    expect(await ctx.db.case.count({ where: { type: "overstap" } })).toBe(0);
  });

  it("takes September's per-pupil export to zomerlek and niet-gestart cases with their counts, and no pupil's name or number reaches a case, its history, a card or the log", async () => {
    // Made-up pupils of one school, as a decaan downloads them from the overstap system.
    const statuses = [
      ...Array.from({ length: 33 }, () => ["Afgerond", "Gestart"]),
      ["Afgerond", "Niet gestart"],
      ["Deel B", "Zomerlek"],
      ["Deel B", "Zomerlek"],
      ["Afgerond", "Geplaatst"],
      ["Deel A", "Afgewezen"],
      ["Deel A", "Afgewezen"],
      ["", "Geen aanmelding"],
    ];
    const pupils = statuses.map(([ddd, aanmelding], i) => ({ nr: String(7304100 + i), naam: `Wessel Kraaijenhagen${String.fromCharCode(97 + (i % 26))}`, ddd: ddd!, aanmelding: aanmelding! }));
    const header = "Leerlingnummer;Naam;Geboortedatum;BRIN;Klas;DDD-status;Aanmeldstatus;Instelling;Opleiding";
    const csv = [header, ...pupils.map((p, i) => [p.nr, p.naam, `0${1 + (i % 9)}-04-2010`, behind.brin, "", p.ddd, p.aanmelding, p.aanmelding === "Geen aanmelding" ? "" : "Vista college", ""].join(";"))].join("\r\n");
    const imported = await importDddFile(ctx.db, { content: csv, fileName: "export-september.csv", schoolYear: COHORT, operator: "decaan", now: at("2027-09-13T07:00") });
    expect(imported.ok).toBe(true);

    expect(await run("2027-09-15T08:20")).toMatchObject({ steps: ["2026-2027:start-september"], pupilCases: 2 });
    const cases = await ctx.db.case.findMany({ where: { type: "overstap" }, include: { events: true }, orderBy: { id: "asc" } });
    expect(cases.map((c) => c.overstapRef)).toEqual([`ZOMERLEK-2027-${behind.brin}`, `NIETGESTART-2027-${behind.brin}`]);
    expect(cases[0]!.reason).toContain("): 2 leerlingen zomerlek: ");
    expect(cases[1]!.reason).toContain("): 1 leerling niet gestart in het mbo: ");
    const card = JSON.stringify(outbox.messages.filter((m) => behind.decanen.some((id) => JSON.stringify(m.recipient) === JSON.stringify({ personId: id }))).map((m) => m.card));
    expect(card).toContain("89,1 % van de geplaatste overstappers gestart in het mbo; de norm is 95 %");
    // The pupils themselves are nowhere: not in the cases, their history, the cards or the log.
    const stored = JSON.stringify([cases, outbox.messages, await ctx.db.dddReminderLog.findMany(), await ctx.db.dddSnapshot.findMany()]);
    for (const p of pupils) {
      expect(stored).not.toContain(p.nr);
      expect(stored).not.toContain(p.naam);
    }
    expect(stored).not.toContain("Kraaijenhagen");
  });
});
