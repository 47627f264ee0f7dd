import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCliContext } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { getOfficeWindow, shiftIsoDate, toIsoDate, type IsoDate } from "../../src/domain/calendar/index.js";
import { planRoundTimeline } from "../../src/domain/meetmomenten/plan.js";
import { meetmomentenJob } from "../../src/jobs/meetmomenten.js";
import { runJobManually } from "../../src/jobs/job-runner.js";
import { createLogger } from "../../src/logger.js";
import type { EnqueueMessage, OutboundMessage } from "../../src/services/ports.js";
import { listCatalogueMeetmomenten } from "../../src/services/catalogue.js";
import { meetmomentDepsOf, performRoundAction, type MeetmomentActor } from "../../src/services/meetmomenten/index.js";
import { buildMeetmomentExport } from "../../src/services/meetmoment-export.js";
import { createTestDatabaseEnv } from "../support/test-db.js";

/**
 * A whole school year (1 August 2026 - 31 July 2027) of meetmomenten for the bundled catalogue,
 * with the job run every morning on an injected clock. Three activities answer (the DDD on the
 * opening day, with a correction two days later; the verzuimconvenant and the vsv-dashboard on
 * the opening day), one saves only drafts (afstemming-onderwijs), the rest never answer. Only
 * the activities running in 2026-2027 with months their source names have rounds.
 */
const ZONE = "Europe/Amsterdam";
const RESPONDERS = new Set(["ddd", "verzuimconvenant", "vsv-dashboard"]);
const DRAFTERS = new Set(["afstemming-onderwijs"]);
const at = (day: IsoDate, time = "08:10") => DateTime.fromISO(`${day}T${time}`, { zone: ZONE }).toJSDate();

type Sent = OutboundMessage & { at: Date };
const sent: Sent[] = [];
const enqueue: EnqueueMessage = async (_tx, message, now) => {
  if (sent.some((s) => s.key === message.key)) return { enqueued: false };
  sent.push({ ...message, at: now });
  return { enqueued: true };
};
let ctx: Awaited<ReturnType<typeof createCliContext>>;
const runDays: IsoDate[] = [];

async function ownerOf(activityId: string): Promise<MeetmomentActor> {
  const person = await ctx.db.person.findFirstOrThrow({ where: { roles: { some: { role: "eigenaar", activityId } } }, include: { roles: true } });
  return { personId: person.id, naam: person.naam, roles: person.roles.map((r) => ({ role: r.role, activityId: r.activityId })) };
}

async function answer(roundId: number, kind: "indienen" | "concept", now: Date, pick: (unit: string, i: number) => string | undefined) {
  const round = await ctx.db.meetmomentRound.findUniqueOrThrow({ where: { id: roundId } });
  const kpis = await ctx.db.kpi.findMany({ where: { activityId: round.activityId, archivedAt: null, duoVsv: null }, orderBy: { position: "asc" } });
  const inputs = Object.fromEntries(kpis.flatMap((k, i) => (pick(k.unit, i) === undefined ? [] : [[`kpi_${k.key}`, pick(k.unit, i)]])));
  const result = await performRoundAction(ctx.db, meetmomentDepsOf(ctx.jobDeps), { kind, envelope: { roundId, activityId: round.activityId, schoolYear: round.schoolYear }, inputs, actor: await ownerOf(round.activityId), source: "card" }, now);
  expect(typeof result).not.toBe("string");
}
const full = (unit: string, i: number) => (unit === "text" ? `toelichting ${i}` : unit === "percentage" ? "87,5" : String(100 + i));

beforeAll(async () => {
  ctx = await createCliContext({ config: loadConfig({ ...createTestDatabaseEnv({ seeded: true }), LOG_LEVEL: "silent" }), logger: createLogger("silent"), ports: { enqueue } });
  for (let day: IsoDate = "2026-08-01"; day <= "2027-07-31"; day = shiftIsoDate(day, 1)) {
    const now = at(day);
    const outcome = await runJobManually(ctx.jobDeps, meetmomentenJob, now);
    expect(outcome.status).toBe("succeeded");
    expect((outcome as unknown as { result: { failed: number } }).result.failed).toBe(0);
    runDays.push(day);
    const openedToday = await ctx.db.meetmomentRound.findMany({ where: { openedAt: now } });
    for (const round of openedToday) {
      if (RESPONDERS.has(round.activityId)) await answer(round.id, "indienen", at(day, "10:00"), full);
      if (DRAFTERS.has(round.activityId)) await answer(round.id, "concept", at(day, "10:00"), (unit, i) => (i === 0 ? full(unit, i) : undefined));
    }
    // The DDD owner corrects one figure two calendar days after the opening.
    const dddToCorrect = await ctx.db.meetmomentRound.findFirst({ where: { activityId: "ddd", openDay: shiftIsoDate(day, -2), status: "open" } });
    if (dddToCorrect) await answer(dddToCorrect.id, "indienen", at(day, "11:00"), (unit, i) => (i === 1 ? "91" : full(unit, i)));
  }
}, 300_000);
afterAll(async () => {
  await ctx?.close();
});

describe("a school year of meetmomenten", () => {
  it("opens one round per activity and meetmoment on the meetmoment's working day, and sends the form that morning", async () => {
    const catalogue = new Map<string, string>();
    for (const year of ["2025-2026", "2026-2027", "2027-2028"]) {
      for (const m of await listCatalogueMeetmomenten(ctx.db, year, ctx.jobDeps.calendar)) catalogue.set(`${m.activityId}|${m.date}`, m.workingDay);
    }
    const rounds = await ctx.db.meetmomentRound.findMany({ orderBy: { id: "asc" } });
    // Every round opens on the working day of its catalogue meetmoment.
    for (const r of rounds) expect(r.openDay).toBe(catalogue.get(`${r.activityId}|${r.meetmomentDate}`));
    // Every meetmoment of the school year got exactly one round (the database allows no second one).
    const thisYear = [...catalogue.keys()].filter((k) => k.split("|")[1]! >= "2026-08-01" && k.split("|")[1]! <= "2027-07-31").sort();
    expect(rounds.filter((r) => r.schoolYear === "2026-2027").map((r) => `${r.activityId}|${r.meetmomentDate}`).sort()).toEqual(thisYear);
    expect(thisYear).toHaveLength(11); // see tests/unit/catalogue/meetmomenten-2026-2027.test.ts
    for (const round of rounds.filter((r) => r.schoolYear === "2026-2027")) {
      expect(round.openedAt).toEqual(at(round.openDay));
      const forms = sent.filter((s) => s.key.startsWith(`meetmoment:${round.id}:formulier:`));
      expect(forms).toHaveLength(1); // one owner per activity in the demo region
      expect(toIsoDate(forms[0]!.at, ZONE)).toBe(round.openDay);
      expect(forms[0]!.notBefore).toEqual(forms[0]!.at);
      // The notice went out 4 working days before; when that was before the first run (1 August), at the first run.
      const timeline = planRoundTimeline(round.openDay, ctx.jobDeps.calendar);
      const notices = sent.filter((s) => s.key.startsWith(`meetmoment:${round.id}:aankondiging:`));
      expect(notices.map((n) => toIsoDate(n.at, ZONE))).toEqual([timeline.announceDay >= "2026-08-01" ? timeline.announceDay : "2026-08-01"]);
    }
    // Before the first run, July's rounds of 2025-2026 were still open (the summer holiday pauses
    // their working days): the first run opens them late; its forms wait for the first working morning.
    for (const r of rounds.filter((x) => x.schoolYear === "2025-2026")) {
      expect(r.meetmomentDate.startsWith("2026-07")).toBe(true);
      expect(r.openedAt).toEqual(at("2026-08-01"));
      expect(sent.find((s) => s.key.startsWith(`meetmoment:${r.id}:formulier:`))!.notBefore).toEqual(at("2026-08-24", "08:00"));
    }
    // Next year's rounds after the summer are announced before it (4 working days back), not opened.
    const nextYear = rounds.filter((r) => r.schoolYear === "2027-2028");
    expect(nextYear.length).toBeGreaterThan(0);
    expect(nextYear.every((r) => r.status === "gepland" && r.openedAt === null && r.announcedAt !== null)).toBe(true);
    // The verzuimconvenant's peildatum 1 August falls in the summer holiday: its round opens on the first working day after it.
    expect(rounds.find((r) => r.activityId === "verzuimconvenant" && r.meetmomentDate === "2026-08-01")).toMatchObject({ openDay: "2026-08-24", periodLabel: "1 augustus 2026" });
    // The dashboard's monthly data are no meetmoment: one round, the June evaluation.
    expect(rounds.filter((r) => r.activityId === "vsv-dashboard" && r.meetmomentDate.startsWith("2027-06"))).toHaveLength(1);
  });

  it("reminds only owners who have not submitted: at the midpoint and 3 working days later, on working mornings", async () => {
    const rounds = await ctx.db.meetmomentRound.findMany({ where: { status: "gesloten", schoolYear: "2026-2027" } });
    for (const round of rounds) {
      const reminders = sent.filter((s) => s.key.startsWith(`meetmoment:${round.id}:herinnering-`));
      if (RESPONDERS.has(round.activityId)) {
        expect(reminders).toEqual([]);
        continue;
      }
      const timeline = planRoundTimeline(round.openDay, ctx.jobDeps.calendar);
      expect(reminders.map((r) => toIsoDate(r.at, ZONE))).toEqual(timeline.reminderDays);
      expect(reminders.every((r) => r.notBefore!.getTime() === r.at.getTime() && r.at >= getOfficeWindow(toIsoDate(r.at, ZONE), ctx.jobDeps.calendar).start)).toBe(true);
      expect(JSON.stringify(reminders[0]!.card)).toContain("Herinnering: de cijfers van");
    }
  });

  it("closes every round on time; an overdue round opens exactly one escalation case, a submitted one none", async () => {
    const closed = await ctx.db.meetmomentRound.findMany({ where: { status: "gesloten", schoolYear: "2026-2027" }, orderBy: { closesAt: "asc" }, include: { activity: true } });
    expect(closed.length).toBeGreaterThan(8);
    for (const round of closed) {
      expect(toIsoDate(round.closedAt!, ZONE)).toBe(toIsoDate(round.closesAt, ZONE));
      if (RESPONDERS.has(round.activityId)) {
        expect(round.submittedAt).not.toBeNull();
        expect(round.lateCaseId).toBeNull();
      } else {
        expect(round.submittedAt).toBeNull();
        expect(round.lateCaseId).not.toBeNull();
      }
    }
    const cases = await ctx.db.case.findMany({ where: { type: "meetmoment-te-laat" }, include: { events: { orderBy: { id: "asc" } } } });
    // One unresolved case per activity (the escalation dedupe): a later overdue round of the same activity updates it.
    expect(cases.map((c) => c.activityId).sort()).toEqual([...new Set(closed.filter((r) => !RESPONDERS.has(r.activityId)).map((r) => r.activityId))].sort());
    expect(cases.every((c) => c.subjectKind === "activity" && c.events[0]!.kind === "opened" && c.events[0]!.via === "job")).toBe(true);
    for (const round of closed.filter((r) => !RESPONDERS.has(r.activityId))) {
      // Exactly one case records this round's close: opened by it, or updated with its reason.
      const recorded = cases.flatMap((c) => c.events.filter((e) => e.at.getTime() === round.closedAt!.getTime() && e.note?.startsWith(`Meetmoment ${round.periodLabel} van ${round.activity.naam}:`)).map(() => c.id));
      expect(recorded).toEqual([round.lateCaseId]);
      expect(cases.find((c) => c.id === round.lateCaseId)!.activityId).toBe(round.activityId);
    }
    const drafted = cases.find((c) => c.activityId === "afstemming-onderwijs")!;
    expect(drafted.reason).toContain("Er staat een concept met 1 van 3 KPI's.");

    // Re-running the moment a round closed changes nothing: no second case, no new events or messages.
    const first = closed.find((r) => !RESPONDERS.has(r.activityId))!;
    const before = { cases: await ctx.db.case.count(), events: await ctx.db.caseEvent.count(), messages: sent.length };
    await runJobManually(ctx.jobDeps, meetmomentenJob, first.closedAt!);
    expect({ cases: await ctx.db.case.count(), events: await ctx.db.caseEvent.count(), messages: sent.length }).toEqual(before);
  });

  it("keeps the history of corrections: every version stays, the export shows the latest", async () => {
    const rounds = await ctx.db.meetmomentRound.findMany({ where: { activityId: "ddd" }, include: { measurements: { orderBy: [{ kpiId: "asc" }, { version: "asc" }] } } });
    expect(rounds).toHaveLength(1);
    const [round] = rounds;
    const corrected = round!.measurements.filter((m) => m.version === 2);
    expect(corrected).toHaveLength(1);
    const history = round!.measurements.filter((m) => m.kpiId === corrected[0]!.kpiId).map((m) => [m.version, m.valueNumber, toIsoDate(m.recordedAt, ZONE)]);
    expect(history).toEqual([
      [1, 87.5, round!.openDay],
      [2, 91, shiftIsoDate(round!.openDay, 2)],
    ]);
    const rows = await buildMeetmomentExport(ctx.db, { schoolYear: "2026-2027", activityId: "ddd" });
    expect(rows.map((r) => r.value)).toEqual([100, 91, 87.5, 87.5, null]); // the vsv-figure comes from DUO, not the form
    expect((await buildMeetmomentExport(ctx.db, { schoolYear: "2026-2027", activityId: "ddd", history: true })).length).toBe(6);
  });

  it("ran on every day of the year", () => {
    expect(runDays).toHaveLength(365);
  });
});
