import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliContext } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { describeNonWorkingDay, shiftIsoDate, toIsoDate } from "../../src/domain/calendar/index.js";
import { buildScopeKey } from "../../src/domain/roles.js";
import { dddRemindersJob } from "../../src/jobs/ddd-reminders.js";
import { runJobManually } from "../../src/jobs/job-runner.js";
import { createLogger } from "../../src/logger.js";
import { amsterdam, cardText, clearDddData, importRows } from "../support/ddd.js";
import { createRecordingPorts } from "../support/recording-ports.js";
import { createTestDatabasePath } from "../support/test-db.js";

/**
 * The run-up to 1 April 2027 for region Zuid-Limburg (issue 18), through the real job with an
 * injected clock: the registration phase after the herfstvakantie (17-25 October 2026) with its
 * reminder before the kerstvakantie (19 December - 3 January), the campaign's start in January,
 * and a school added in the last week, whose figures arrive on Goede Vrijdag: its first message
 * waits for the next working day and gives the fastest way still open, never "te laat".
 */

/** Words no first message may use: it must say what can still be done. */
const TOO_LATE = /te laat|haalt 1 april niet|uiterste start was|alleen nog met voorrang/i;

let ctx: Awaited<ReturnType<typeof createCliContext>>;
const ports = createRecordingPorts();
type School = { id: number; brin: string; naam: string; decanen: number[] };
let schools: School[] = [];
/** Registered before the phase begins; registers in November; reports 0 overstappers; never registers. */
let early: School, november: School, none: School, never: School;
const results = new Map<string, Record<string, unknown>>();

async function runOn(day: string, time = "08:15"): Promise<void> {
  const run = await runJobManually(ctx.jobDeps, dddRemindersJob, amsterdam(`${day}T${time}`));
  expect(run.status, day).toBe("succeeded");
  results.set(day, run.status === "succeeded" ? run.result : {});
}

beforeAll(async () => {
  ctx = await createCliContext({ config: loadConfig({ DATABASE_PATH: createTestDatabasePath({ seeded: true }), LOG_LEVEL: "silent" }), logger: createLogger("silent"), ports });
  await clearDddData(ctx.db);
  const rows = await ctx.db.school.findMany({ where: { soort: { in: ["vmbo", "vso", "pro"] } }, include: { roles: true }, orderBy: { brin: "asc" } });
  schools = rows
    .map((s) => ({ id: s.id, brin: s.brin, naam: s.naam, decanen: [...new Set(s.roles.filter((r) => r.role === "decaan").map((r) => r.personId))] }))
    .filter((s) => s.decanen.length > 0);
  [early, november, none, never] = schools as [School, School, School, School];
  await importRows(ctx.db, [`${early.brin};;48;0;0;0;0`, `${none.brin};;0;0;0;0;0`], amsterdam("2026-10-05T07:00"));
  for (let day = "2026-10-01"; day <= "2027-01-05"; day = shiftIsoDate(day, 1)) {
    if (day === "2026-11-09") await importRows(ctx.db, [`${november.brin};;31;0;0;0;0`], amsterdam(`${day}T07:00`));
    await runOn(day);
  }
}, 300_000);

afterAll(async () => {
  await ctx?.close();
});

const registrationCalls = () => ports.calls.filter((c) => c.purpose === "ddd-registratie");
const daysOf = (calls: typeof ports.calls) => [...new Set(calls.map((c) => toIsoDate(c.at)))].sort();
const toSchool = (school: School) => (c: (typeof ports.calls)[number]) => c.key.includes(`:school-${school.id}:`);

describe("the registration phase, October - December 2026", () => {
  it("sends nothing before the first working day after the herfstvakantie, then asks every school with overstappers expected once", () => {
    expect(daysOf(registrationCalls())).toEqual(["2026-10-26", "2026-12-07"]);
    expect(results.get("2026-10-23")).toMatchObject({ campaign: "voor-start", enqueued: 0 });
    expect(results.get("2026-10-26")).toMatchObject({ phase: "registratie", campaign: "actief", stepsToday: ["registratie"] });
    expect(results.get("2027-01-04")).toMatchObject({ phase: "campagne", campaign: "actief", stepsToday: ["start"] });
    const first = registrationCalls().filter((c) => toIsoDate(c.at) === "2026-10-26");
    const reached = new Set(schools.filter((s) => s !== none).flatMap((s) => s.decanen.map((p) => `${s.id}:${p}`)));
    expect(new Set(first.map((c) => c.key.replace(/^ddd:2026-2027:registratie:school-(\d+):person-(\d+)$/, "$1:$2")))).toEqual(reached);
    // A school that reported 0 overstappers is not asked; its step is settled silently.
    expect(ports.calls.filter(toSchool(none)).filter((c) => c.purpose === "ddd-registratie")).toEqual([]);
  });

  it("asks for the registration, explains the year ahead and what the figure counts, and is never 'te laat'", () => {
    const text = cardText(registrationCalls().find(toSchool(never))!.card);
    expect(text).toContain(`het DDD-jaar 2026-2027 begint met de registratie: zet elke leerling van ${never.naam} die mogelijk naar het mbo overstapt`);
    expect(text).toContain("Nog geen overstappers geregistreerd");
    expect(text).toContain("Overstappers: de leerlingen die mogelijk naar het mbo overstappen, zoals de school ze in het overstapsysteem heeft gezet.");
    expect(text).toContain("Januari tot uiterlijk 1 april (de aanmelddatum): deel A (leerling) ~14 dagen, deel B (mentor of zorgcoördinator) ~5 werkdagen, akkoordverklaring (leerling) ~5 werkdagen, en de aanmelding bij het mbo.");
    expect(text).toContain("Daarna: verwerking door het mbo (~11 werkdagen), toelating en plaatsing van april tot juni");
    expect(text).toContain("Registreer vóór de kerstvakantie; de DDD-campagne begint op maandag 4 januari.");
    expect(text).toContain("[Hulp vragen]");
    expect(text).not.toMatch(TOO_LATE);
    expect(cardText(registrationCalls().find(toSchool(early))!.card)).toContain("48 overstappers geregistreerd");
  });

  it("reminds only the schools that registered nothing, once, ten working days before the kerstvakantie", () => {
    const reminders = registrationCalls().filter((c) => toIsoDate(c.at) === "2026-12-07");
    expect(reminders.every((c) => c.key.startsWith("ddd:2026-2027:registratie-herinnering:"))).toBe(true);
    expect(reminders.some(toSchool(never))).toBe(true);
    for (const registered of [early, november, none]) expect(reminders.some(toSchool(registered)), registered.brin).toBe(false);
    const text = cardText(reminders.find(toSchool(never))!.card);
    expect(text).toContain(`van ${never.naam} zie ik nog geen overstappers in het overstapsysteem. Zet vóór de kerstvakantie elke leerling`);
    expect(text).not.toMatch(TOO_LATE);
  });

  it("sends nothing else until the campaign starts on Monday 4 January, in the kerstvakantie neither", () => {
    const days = daysOf(ports.calls);
    expect(days).toEqual(["2026-10-26", "2026-12-07", "2027-01-04"]);
    for (const day of ["2026-12-21", "2026-12-28", "2027-01-01"]) expect(results.get(day)).toMatchObject({ campaign: "geen-werkmoment", enqueued: 0 });
    const start = ports.calls.filter((c) => toIsoDate(c.at) === "2027-01-04");
    expect(start.every((c) => /^ddd:2026-2027:start:/.test(c.key))).toBe(true);
    const text = cardText(start.find(toSchool(never))!.card);
    expect(text).toContain("Begin uiterlijk dinsdag 2 maart met deel A, dan is elk dossier op tijd klaar.");
    expect(text).not.toMatch(TOO_LATE);
  });
});

describe("a school added in the last week, its figures arriving on Goede Vrijdag 2027", () => {
  let added: School;

  beforeAll(async () => {
    ports.reset();
    const person = await ctx.db.person.create({ data: { email: "decaan.laat@example.com", naam: "Lotte Laat" } });
    const school = await ctx.db.school.create({ data: { brin: "99ZZ", naam: "Laatkomer Vmbo Sittard", soort: "vmbo", subregioId: "westelijke-mijnstreek" } });
    await ctx.db.roleAssignment.create({ data: { personId: person.id, role: "decaan", schoolId: school.id, scopeKey: buildScopeKey({ schoolBrin: "99ZZ" }) } });
    added = { id: school.id, brin: school.brin, naam: school.naam, decanen: [person.id] };
    await importRows(ctx.db, [`99ZZ;;20;2;0;0;20`], amsterdam("2027-03-26T07:00"));
    // The other schools catch up on their missed steps on 30 March too; this test follows the new school.
    for (const day of ["2027-03-26", "2027-03-29", "2027-03-30", "2027-03-31", "2027-04-01", "2027-04-02"]) await runOn(day);
  }, 120_000);

  it("keeps Goede Vrijdag and Tweede Paasdag free, and sends its first message on Tuesday 30 March", () => {
    expect(describeNonWorkingDay("2027-03-26", ctx.jobDeps.calendar)).toBe("Goede Vrijdag");
    expect(results.get("2027-03-26")).toMatchObject({ campaign: "geen-werkmoment", enqueued: 0 });
    expect(results.get("2027-03-29")).toMatchObject({ campaign: "geen-werkmoment", enqueued: 0 });
    const own = ports.calls.filter(toSchool(added));
    expect(own.map((c) => `${toIsoDate(c.at)} ${c.key.split(":")[2]}`)).toEqual(["2027-03-30 wd3", "2027-03-31 wd1", "2027-04-01 deadline"]);
    expect(ports.calls.every((c) => toIsoDate(c.at) <= "2027-04-01")).toBe(true);
  });

  it("gives the fastest way still open on that first message, with the projectteam's help, never 'te laat'", () => {
    const text = cardText(ports.calls.find(toSchool(added))!.card);
    expect(text).toContain("De snelste weg naar 1 april");
    expect(text).toContain("Er zijn nog 3 werkdagen tot en met 1 april, de aanmelddatum.");
    expect(text).toContain("Deel A (leerling): vandaag");
    expect(text).toContain("Aanmelding bij het mbo: uiterlijk donderdag 1 april");
    expect(text).toContain("Het projectteam denkt mee: kies Hulp vragen.");
    expect(text).not.toMatch(TOO_LATE);
  });
});
