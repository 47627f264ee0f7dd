import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { importDddFile } from "../../src/services/ddd/import.js";
import { getIsoWeekday, isWorkingDay, shiftIsoDate } from "../../src/domain/calendar/index.js";
import type { OverstapCounts } from "../../src/domain/ddd/index.js";
import { parseSummaryData, type OverstapYearSectionData } from "../../src/domain/summary/types.js";
import { dddRemindersJob } from "../../src/jobs/ddd-reminders.js";
import { escalationsJob } from "../../src/jobs/escalations.js";
import { runJobManually } from "../../src/jobs/job-runner.js";
import { overstapYearJob } from "../../src/jobs/overstap-year.js";
import { weeklySummaryJob } from "../../src/jobs/weekly-summary.js";
import { importDirectoryData } from "../../src/services/directory-import.js";
import { clearDddData } from "../support/ddd.js";
import { addPersonalConversation } from "../support/delivery.js";
import { useTestAanjager } from "../support/test-app.js";

/**
 * Issue 18, done when: one school year walked with an injected clock, from 1 October 2026 to
 * 1 October 2027, across the holidays of region Zuid (herfst, kerst, carnaval, mei, Pinksteren,
 * zomer). The overstap system's counts arrive along the way through the import (the aggregate
 * file with the overstap year's columns), the real jobs run every Monday and on the days that
 * matter (the weekly summary on some Mondays), and every phase's messages are read from the mock Bot Connector, its cases from the
 * database and its summary section from the stored weekly summaries.
 *
 * One school has a hard year (Graaf Huyn Vmbo Geleen): pupils without an aanmelding and afgewezen
 * after 1 April, below the 97 % of placed pupils with a DDD on 1 June, zomerlek and niet gestart
 * after the summer, below the start norm on 1 October. Every other overstap school keeps up and
 * hears nothing after 1 April.
 */
const at = (localIso: string) => DateTime.fromISO(localIso, { zone: "Europe/Amsterdam" }).toJSDate();
const COHORT = "2026-2027";
const CHAIN_HEADER = "email;naam;rol;school_brin;school_naam;school_soort;subregio;mentorgroep;activiteit;aad_object_id;organisatie;school_bestuur";

type Counts = { overstappers: number; gestart: number; deelB: number; afgerond: number; inBeeld: number } & Partial<OverstapCounts>;
type School = { id: number; brin: string; naam: string };

let hard: School;
let others: School[] = [];

const bot = useTestAanjager({
  connector: { throttle: false },
  async prepare(prepared) {
    const db = prepared.app.db;
    await clearDddData(db);
    const school = await db.school.findFirstOrThrow({ where: { naam: "Graaf Huyn Vmbo Geleen" } });
    hard = { id: school.id, brin: school.brin, naam: school.naam };
    others = (await db.school.findMany({ where: { soort: { in: ["vmbo", "vso", "pro"] }, id: { not: school.id } }, orderBy: { id: "asc" } })).map((s) => ({ id: s.id, brin: s.brin, naam: s.naam }));
    const file = [
      CHAIN_HEADER,
      "rmc@sittard-geleen.example;Roos RMC;rmc;;;;Westelijke Mijnstreek;;;;Gemeente Sittard-Geleen;",
      "lpa@sittard-geleen.example;Lars Leerplicht;leerplicht;;;;Westelijke Mijnstreek;;;;Gemeente Sittard-Geleen;",
      "rmc@heerlen.example;Hanna Heerlen;rmc;;;;Parkstad;;;;Gemeente Heerlen;",
    ].join("\n");
    const result = await importDirectoryData(db, file);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
  },
});

/** The counts of a school that keeps up, of `n` overstappers, as they stand on each arrival day. */
function keepingUp(n: number, stage: number): Counts {
  const ddd = { overstappers: n, gestart: stage >= 2 ? n : 0, deelB: stage >= 2 ? n : 0, afgerond: stage >= 2 ? n : 0, inBeeld: stage >= 1 ? n : Math.floor(n / 2) };
  if (stage < 3) return ddd;
  const placed = { aangemeld: n, geenAanmelding: 0, afgewezen: 0, geplaatst: n, geplaatstMetDdd: n };
  return stage < 5 ? { ...ddd, ...placed } : { ...ddd, ...placed, mboGestart: n, nietGestart: 0, zomerlek: 0 };
}

/** Graaf Huyn's year: 40 overstappers. */
const HARD: Record<number, Counts> = {
  0: { overstappers: 40, gestart: 0, deelB: 0, afgerond: 0, inBeeld: 22 },
  1: { overstappers: 40, gestart: 30, deelB: 20, afgerond: 12, inBeeld: 36 },
  2: { overstappers: 40, gestart: 38, deelB: 37, afgerond: 36, inBeeld: 39 },
  // After 1 April: 4 without an aanmelding, 2 afgewezen; 27 of 30 placed have a DDD (90 %).
  3: { overstappers: 40, gestart: 38, deelB: 37, afgerond: 36, inBeeld: 39, aangemeld: 36, geenAanmelding: 4, afgewezen: 2, geplaatst: 30, geplaatstMetDdd: 27 },
  // Late May: better, but 35 of 37 placed with a DDD is 94,5 %: below 97 on 1 June.
  4: { overstappers: 40, gestart: 38, deelB: 37, afgerond: 36, inBeeld: 39, aangemeld: 39, geenAanmelding: 1, afgewezen: 1, geplaatst: 37, geplaatstMetDdd: 35 },
  // In the summer holiday: 2 placed pupils are enrolled nowhere.
  5: { overstappers: 40, gestart: 38, deelB: 37, afgerond: 36, inBeeld: 39, aangemeld: 39, geenAanmelding: 1, afgewezen: 1, geplaatst: 37, geplaatstMetDdd: 35, zomerlek: 2 },
  // September: 33 of 37 started (89,1 %, norm 95), 1 did not start.
  6: { overstappers: 40, gestart: 38, deelB: 37, afgerond: 36, inBeeld: 39, aangemeld: 39, geenAanmelding: 1, afgewezen: 1, geplaatst: 37, geplaatstMetDdd: 35, mboGestart: 33, nietGestart: 1, zomerlek: 2 },
};

/** When the overstap system's counts arrive (07:00), and which stage of the year they describe. */
const ARRIVALS: Record<string, number> = {
  "2026-10-02": 0,
  "2027-03-01": 1,
  "2027-03-29": 2,
  "2027-04-06": 3,
  "2027-05-25": 4,
  "2027-08-20": 5,
  "2027-09-13": 6,
};

const HEADER = "school_brin;mentorgroep;overstappers;ddd_gestart;ddd_deel_b;ddd_afgerond;in_beeld;aangemeld;geplaatst;afgewezen;geen_aanmelding;geplaatst_met_ddd;mbo_gestart;niet_gestart;zomerlek";
const COLUMNS = ["overstappers", "gestart", "deelB", "afgerond", "inBeeld", "aangemeld", "geplaatst", "afgewezen", "geenAanmelding", "geplaatstMetDdd", "mboGestart", "nietGestart", "zomerlek"] as const;

/** The overstap system's counts of the day, through the import as the beheerder runs it (school totals; an empty cell is "not reported"). */
async function storeCounts(stage: number, when: Date) {
  const line = (brin: string, c: Counts) => [brin, "", ...COLUMNS.map((f) => c[f] ?? "")].join(";");
  const rows = [line(hard.brin, HARD[stage]!), ...others.map((s, i) => line(s.brin, keepingUp(20 + (i % 7), stage)))];
  const result = await importDddFile(bot.app.db, { content: [HEADER, ...rows].join("\n"), fileName: `overstap-${stage}.csv`, schoolYear: COHORT, operator: "beheerder", now: when });
  if (!result.ok) throw new Error(`import rejected: ${JSON.stringify(result.issues)}`);
}

async function giveChats(roles: string[]): Promise<Map<string, string>> {
  const people = await bot.app.db.person.findMany({ where: { roles: { some: { role: { in: roles } } } } });
  const chats = new Map<string, string>();
  for (const p of people) {
    const conversationId = `a:chat-${p.id}`;
    await addPersonalConversation(bot.app.db, { personId: p.id, conversationId, serviceUrl: bot.connector.url, at: at("2026-09-01T09:00") });
    chats.set(p.email, conversationId);
  }
  return chats;
}

/** Every card sent, as text, with the chat it went to, in order. */
function sent(): { chat: string; text: string }[] {
  return bot.connector.calls.flatMap((call) => {
    const match = /^\/v3\/conversations\/([^/]+)\/activities$/.exec(call.path);
    return call.method === "POST" && match ? [{ chat: match[1]!, text: JSON.stringify(call.body) }] : [];
  });
}

async function run(job: typeof overstapYearJob, localIso: string) {
  const outcome = await runJobManually(bot.app.jobDeps, job, at(localIso));
  expect(outcome.status, `${job.name} ${localIso}`).toBe("succeeded");
  return (outcome as { result: Record<string, unknown> }).result;
}

/** Step days of the year after 1 April and the working morning after each, the deadline, and the first working days after the summer. */
const DAYS_THAT_MATTER = new Set(["2027-04-01", "2027-04-15", "2027-04-16", "2027-05-18", "2027-05-19", "2027-06-01", "2027-06-02", "2027-08-30", "2027-08-31", "2027-09-15", "2027-09-16", "2027-10-01"]);

/**
 * The campaign job (ddd-reminders) runs on the day of its registration message, the first working
 * day after the herfstvakantie. Its DDD steps from January to 1 April are walked in its own tests:
 * here each would send a card to every decaan and mentor group of the region (about 5 s of
 * delivery per step day on this machine).
 */
const CAMPAIGN_DAYS = new Set(["2026-10-26"]);

const SUMMARY_MONDAYS = ["2026-11-02", "2027-03-15", "2027-06-07", "2027-09-20", "2027-10-04"];

describe("the overstap year, 1 October 2026 to 1 October 2027 (issue 18)", () => {
  it("follows every phase: reminders to the school behind, the 1 June and 1 October checks, zomerlek and niet gestart as pupil cases up to RMC and leerplicht, and the summary's phases", async () => {
    expect(isWorkingDay("2027-05-17", bot.app.jobDeps.calendar)).toBe(false);
    const chats = await giveChats(["decaan", "projectteam", "programmaleider", "schoolleiding", "bestuur", "rmc", "leerplicht", "beheerder"]);
    const decanen = (await bot.app.db.person.findMany({ where: { roles: { some: { role: "decaan", schoolId: hard.id } } }, orderBy: { email: "asc" } })).map((p) => p.email);
    const otherDecanen = new Set((await bot.app.db.person.findMany({ where: { roles: { some: { role: "decaan", schoolId: { in: others.map((s) => s.id) } } } } })).map((p) => chats.get(p.email)!));
    const hardChats = new Set(decanen.map((e) => chats.get(e)!));
    const yearCards = () => sent().filter((s) => s.text.includes("overstapsysteem (alleen aantallen"));
    const stepRuns: Record<string, Record<string, unknown>> = {};

    for (let day = "2026-10-01"; day <= "2027-10-04"; day = shiftIsoDate(day, 1)) {
      if (ARRIVALS[day] !== undefined) await storeCounts(ARRIVALS[day]!, at(`${day}T07:00`));
      // The jobs run every Monday and on the days that matter (a step, the morning after it, a
      // count arriving); on other days they would only find nothing due, and a step they missed
      // is caught up on the next run anyway. Holiday Mondays do nothing (Tweede Paasdag).
      if (!isWorkingDay(day, bot.app.jobDeps.calendar) || !(getIsoWeekday(day) === 1 || DAYS_THAT_MATTER.has(day))) continue;
      await run(escalationsJob, `${day}T08:05`);
      if (CAMPAIGN_DAYS.has(day)) await run(dddRemindersJob, `${day}T08:15`);
      stepRuns[day] = await run(overstapYearJob, `${day}T08:20`);
      if (SUMMARY_MONDAYS.includes(day)) await run(weeklySummaryJob, `${day}T08:30`);
      await bot.app.delivery.drain(at(`${day}T09:00`));

      if (day === "2027-04-14") {
        // Registration (after the herfstvakantie) is the campaign job's (ddd-reminders): Graaf Huyn's
        // decanen had it, and nothing "te laat"; the year's job sent nothing before its first step.
        const hardCards = sent().filter((s) => hardChats.has(s.chat)).map((s) => s.text);
        expect(hardCards.some((t) => t.includes(`Overstappers registreren: ${hard.naam}`))).toBe(true);
        expect(hardCards.some((t) => /te laat/i.test(t))).toBe(false);
        expect(yearCards()).toEqual([]);
      }
      if (day === "2027-04-15") {
        // Toelating: Graaf Huyn's decanen hear who has no aanmelding and who was afgewezen, with what each figure counts.
        const cards = yearCards();
        expect(new Set(cards.map((c) => c.chat))).toEqual(hardChats);
        expect(cards[0]!.text).toContain("Na 1 april: wie heeft nog geen aanmelding?");
        expect(cards[0]!.text).toContain("4 leerlingen hebben nog geen aanmelding");
        expect(cards[0]!.text).toContain("2 leerlingen zijn afgewezen en hebben een nieuwe aanmelding nodig");
        expect(cards[0]!.text).toContain("potentiële overstappers zonder aanmelding");
        expect(cards[0]!.text).toContain("90 % van de geplaatste overstappers met een ingevuld DDD; de norm is 97 %");
        expect(cards.some((c) => otherDecanen.has(c.chat))).toBe(false);
      }
      if (day === "2027-05-18") {
        // Saturday 15 May's step: Monday 17 May is Tweede Pinksterdag, so it went out on Tuesday.
        const cards = yearCards().filter((c) => c.text.includes("wie is nog niet geplaatst?"));
        expect(new Set(cards.map((c) => c.chat))).toEqual(hardChats);
      }
      if (day === "2027-06-01") {
        // The 1 June check: Graaf Huyn below 97 % of placed pupils with a DDD gets a work-agreement case; nobody else.
        const cases = await bot.app.db.case.findMany({ where: { type: "werkafspraak" } });
        expect(cases.map((c) => [c.schoolId, c.reason])).toEqual([[hard.id, "Controle 1 juni: geplaatst met een ingevuld DDD: 94,5 % van de geplaatste overstappers met een ingevuld DDD (35 van 37); norm 97 %."]]);
      }
      if (day === "2027-06-02") {
        // The case climbs the school ladder: L0 to the decanen the next working morning.
        const caseCards = sent().filter((s) => s.text.includes("werkafspraak") || s.text.includes("Controle 1 juni"));
        expect(caseCards.some((c) => hardChats.has(c.chat))).toBe(true);
      }
      if (day === "2027-08-30") {
        // The zomerlek count arrived in the summer holiday (20 August): the case opens on the first working day after it.
        const pupilCases = await bot.app.db.case.findMany({ where: { type: "overstap" } });
        expect(pupilCases.map((c) => c.overstapRef)).toEqual([`ZOMERLEK-2027-${hard.brin}`]);
        expect(pupilCases[0]!.reason).toContain("2 leerlingen zomerlek");
        expect(pupilCases[0]!.reason).not.toMatch(/\d{9}/);
        expect(stepRuns["2027-08-30"]).toMatchObject({ pupilCases: 1 });
      }
    }

    // The start check: 33 of 37 placed pupils started (89,1 %), norm 95: the school's work-agreement case carries it.
    const agreements = await bot.app.db.case.findMany({ where: { type: "werkafspraak" }, include: { events: { orderBy: { id: "asc" } } } });
    expect(agreements).toHaveLength(1);
    expect(agreements[0]!.reason).toBe("Controle 1 oktober: gestart in het mbo: 89,1 % van de geplaatste overstappers gestart in het mbo (33 van 37); norm 95 %.");
    expect(agreements[0]!.events.some((e) => e.kind === "updated" && e.note === agreements[0]!.reason)).toBe(true);

    // Zomerlek and niet gestart: one pseudonymous case per kind for the school, with the count, up the pupil ladder to RMC and leerplicht of Westelijke Mijnstreek.
    const pupilCases = await bot.app.db.case.findMany({ where: { type: "overstap" }, orderBy: { id: "asc" } });
    expect(pupilCases.map((c) => [c.overstapRef, c.overstapReason, c.schoolId])).toEqual([
      [`ZOMERLEK-2027-${hard.brin}`, "zomerlek", hard.id],
      [`NIETGESTART-2027-${hard.brin}`, "niet-gestart", hard.id],
    ]);
    expect(pupilCases.map((c) => c.level)).toEqual([2, 2]);
    const rmcCards = sent().filter((s) => s.chat === chats.get("rmc@sittard-geleen.example") || s.chat === chats.get("lpa@sittard-geleen.example"));
    expect(rmcCards.some((c) => c.text.includes(`ZOMERLEK-2027-${hard.brin}`))).toBe(true);
    expect(sent().some((s) => s.chat === chats.get("rmc@heerlen.example"))).toBe(false);

    // Every step of the year reached Graaf Huyn's decanen once, and nobody else.
    const STEP_TITLES = ["Na 1 april: wie heeft nog geen aanmelding?", "Toelating en plaatsing: wie is nog niet geplaatst?", "Start in het mbo: wie is er niet gestart?"];
    expect(new Set(yearCards().map((c) => c.chat))).toEqual(hardChats);
    expect(yearCards().map((c) => STEP_TITLES.filter((t) => c.text.includes(t)))).toEqual(STEP_TITLES.flatMap((t) => decanen.map(() => [t])));
    const september = yearCards().find((c) => c.text.includes("Start in het mbo"))!.text;
    expect(september).toContain("1 leerling is niet gestart in het mbo");
    expect(september).toContain("2 leerlingen zijn na de zomer nergens ingeschreven");
    expect(september).toContain("89,1 % van de geplaatste overstappers gestart in het mbo; de norm is 95 %");

    // The weekly summary shows the phase the year is in and the figures of the phases passed.
    const summaries = new Map((await bot.app.db.weeklySummary.findMany()).map((row) => [row.weekStart, parseSummaryData(row.data)]));
    const yearSection = (monday: string) => summaries.get(monday)!.sections.find((s) => s.id === "overstapjaar")!.data as OverstapYearSectionData;
    expect(yearSection("2026-11-02")).toMatchObject({ cohort: COHORT, phaseId: "registratie" });
    expect(yearSection("2027-03-15")).toMatchObject({ cohort: COHORT, phaseId: "ddd" });
    const june = yearSection("2027-06-07");
    expect(june).toMatchObject({ cohort: COHORT, phaseId: "toelating" });
    const toelating = june.cohorts[0]!.phases.find((p) => p.id === "toelating")!;
    expect(toelating).toMatchObject({ state: "nu", schoolsBelowNorm: 1 });
    expect(toelating.figures.find((f) => f.unit === "percentage")).toMatchObject({ norm: 97, status: "op-koers" });
    expect(june.cohorts[0]!.phases.map((p) => p.state)).toEqual(["voorbij", "voorbij", "nu", "komt"]);
    const september20 = yearSection("2027-09-20");
    expect(september20).toMatchObject({ cohort: COHORT, phaseId: "start" });
    const start = september20.cohorts[0]!.phases.find((p) => p.id === "start")!;
    expect(start.figures.map((f) => f.label)).toEqual(["toegelaten of (voorlopig) geplaatst", "gestart in het mbo", "niet gestart in het mbo", "zomerlek (niet ingeschreven na de zomer)", "% van de geplaatste overstappers gestart in het mbo"]);
    expect(start.figures.find((f) => f.label === "zomerlek (niet ingeschreven na de zomer)")!.value).toBe(2);
    expect(start.schoolsBelowNorm).toBe(1);
    // After 1 October: the new cohort registers, and the year just ended is still shown with its start.
    const october = yearSection("2027-10-04");
    expect(october).toMatchObject({ cohort: "2027-2028", phaseId: "registratie" });
    expect(october.cohorts.map((c) => c.cohort)).toEqual(["2027-2028", COHORT]);
    expect(october.cohorts[1]!.phases.map((p) => p.state)).toEqual(["voorbij", "voorbij", "voorbij", "voorbij"]);
  }, 120_000);
});
