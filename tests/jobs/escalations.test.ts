import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCliContext } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { upsertChannelLink } from "../../src/db/channel-links.js";
import { runInTransaction } from "../../src/db/client.js";
import { escalationsJob } from "../../src/jobs/escalations.js";
import { runJobManually } from "../../src/jobs/job-runner.js";
import { createLogger } from "../../src/logger.js";
import { createRecordingOutbox } from "../support/recording-ports.js";
import { listStuurgroepCases, openOrUpdateCase, performCaseAction, type CaseActor } from "../../src/services/cases/index.js";
import { runAanjagerCli } from "../support/cli.js";
import { createTestDatabase, databaseEnv, checkpointDb } from "../support/test-db.js";
import type { DatabaseTarget } from "../../src/db/client.js";

let ctx: Awaited<ReturnType<typeof createCliContext>>;
let outbox: ReturnType<typeof createRecordingOutbox>;
let database: DatabaseTarget;

function at(localIso: string): Date {
  return DateTime.fromISO(localIso, { zone: "Europe/Amsterdam" }).toJSDate();
}

beforeEach(async () => {
  database = createTestDatabase({ seeded: true });
  outbox = createRecordingOutbox();
  ctx = await createCliContext({ config: loadConfig({ ...databaseEnv(database), LOG_LEVEL: "silent" }), logger: createLogger("silent"), ports: { enqueue: outbox.enqueue } });
});
afterEach(async () => {
  await ctx.close();
});

async function school(naam: string) {
  return ctx.db.school.findFirstOrThrow({ where: { naam } });
}
async function actorFor(email: string): Promise<CaseActor> {
  const person = await ctx.db.person.findUniqueOrThrow({ where: { email }, include: { roles: true } });
  return { personId: person.id, naam: person.naam, roles: person.roles.map((r) => ({ role: r.role, schoolId: r.schoolId })) };
}
async function runAt(localIso: string) {
  const outcome = await runJobManually(ctx.jobDeps, escalationsJob, at(localIso));
  expect(outcome.status).toBe("succeeded");
  return (outcome as { result: Record<string, unknown> }).result;
}
async function caseRow(id: number) {
  return ctx.db.case.findUniqueOrThrow({ where: { id } });
}
async function trail(id: number) {
  return (await ctx.db.caseEvent.findMany({ where: { caseId: id }, orderBy: { id: "asc" } })).map((e) => `${e.kind}${e.level !== null && e.kind === "escalated" ? `:L${e.level}` : ""}/${e.via}`);
}

describe("openOrUpdateCase", () => {
  it("opens one case per subject and type; a repeat updates it instead of opening another", async () => {
    const s = await school("Graaf Huyn Vmbo Geleen");
    const input = { type: "ddd-achterstand" as const, subject: { kind: "school" as const, schoolId: s.id }, reason: "12 van 40 DDD's klaar", source: "job" as const };
    const first = await runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, input, at("2026-12-16T10:00")));
    const same = await runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, input, at("2026-12-16T11:00")));
    const updated = await runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, { ...input, reason: "14 van 40 DDD's klaar", severity: "hoog" }, at("2026-12-16T12:00")));
    expect(first.created).toBe(true);
    expect(same).toMatchObject({ created: false, case: { id: first.case.id } });
    expect(updated).toMatchObject({ created: false, case: { id: first.case.id, reason: "14 van 40 DDD's klaar", severity: "hoog" } });
    expect(first.case).toMatchObject({ subjectLabel: expect.stringContaining("Graaf Huyn Vmbo Geleen ("), policyVersion: "2027-1", state: "open", level: -1, openKey: `ddd-achterstand|school:${s.id}` });
    expect(await trail(first.case.id)).toEqual(["opened/job", "updated/job"]);
    // Another type about the same school is another case.
    const other = await runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, { ...input, type: "geen-reactie" }, at("2026-12-16T12:00")));
    expect(other.created).toBe(true);
  });

  it("is enforced by the database: a second unresolved case with the same key cannot be stored", async () => {
    const s = await school("Graaf Huyn Vmbo Geleen");
    const { case: c } = await runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, { type: "geen-reactie", subject: { kind: "school", schoolId: s.id }, reason: "r", source: "job" }, at("2026-12-16T10:00")));
    const { id: _id, updatedAt: _u, ...copy } = await caseRow(c.id);
    await expect(ctx.db.case.create({ data: { ...copy } })).rejects.toMatchObject({ code: "P2002" });
  });

  it("refuses a BSN in the reason and a name as overstap reference", async () => {
    await expect(runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, { type: "overstap", subject: { kind: "overstap", reference: "OS-2027-0042", reason: "zomerlek" }, reason: "bsn 123456782", source: "chat" }, at("2026-12-16T10:00")))).rejects.toMatchObject({ code: "VALIDATION", userMessage: expect.stringContaining("burgerservicenummer") });
    await expect(runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, { type: "overstap", subject: { kind: "overstap", reference: "Jan Jansen", reason: "zomerlek" }, reason: "x", source: "chat" }, at("2026-12-16T10:00")))).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await ctx.db.case.count()).toBe(0);
  });
});

describe("a case through every level and every state, across the kerstvakantie", () => {
  it("escalates on working days only, pauses, resumes, is acknowledged, resolved and reopened, with a full audit trail", async () => {
    const s = await school("Graaf Huyn Vmbo Geleen");
    const pt = await actorFor("alexw@example.com");
    const decaan = await ctx.db.person.findFirstOrThrow({ where: { roles: { some: { role: "decaan", schoolId: s.id } }, email: { not: "alexw@example.com" } }, include: { roles: true } });
    const decaanActor: CaseActor = { personId: decaan.id, naam: decaan.naam, roles: decaan.roles.map((r) => ({ role: r.role, schoolId: r.schoolId })) };
    await upsertChannelLink(ctx.db, { purpose: "projectteam", conversationId: "19:projectteam@thread.tacv2", teamId: "19:team", channelId: "19:projectteam@thread.tacv2", linkedById: pt.personId }, at("2026-12-01T09:00"));

    // Wednesday 16 December 2026: the DDD campaign opens a case.
    const { case: opened } = await runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, { type: "ddd-achterstand", subject: { kind: "school", schoolId: s.id }, reason: "DDD-norm niet gehaald", source: "job" }, at("2026-12-16T10:00")));
    const id = opened.id;

    // Thursday 17 Dec 08:05: L0, the school's decanen are reminded.
    expect(await runAt("2026-12-17T08:05")).toMatchObject({ workingDay: true, escalated: 1, byLevel: { L0: 1 } });
    const l0 = outbox.messages.filter((m) => m.key.includes("niveau-0"));
    const decanen = await ctx.db.person.findMany({ where: { roles: { some: { role: "decaan", schoolId: s.id } } } });
    expect(l0.map((m) => m.recipient).sort()).toEqual(decanen.map((d) => ({ personId: d.id })).sort());
    expect(l0[0]!.key).toBe(`zaak-${id}-ronde-1-niveau-0-p${decanen[0]!.id}`);
    expect(JSON.stringify(l0[0]!.card)).toContain("Herinnering");

    // Running the same slot again changes nothing and sends nothing.
    const count = outbox.messages.length;
    expect(await runAt("2026-12-17T08:05")).toMatchObject({ escalated: 0 });
    expect(outbox.messages).toHaveLength(count);

    // Friday 18 Dec: waiting. The whole kerstvakantie: nothing fires.
    expect(await runAt("2026-12-18T08:05")).toMatchObject({ escalated: 0 });
    for (const day of ["2026-12-21", "2026-12-23", "2026-12-28", "2026-12-31"]) expect(await runAt(`${day}T08:05`)).toMatchObject({ workingDay: false, escalated: 0 });
    // Monday 4 Jan: 2 working days since L0 (18 Dec, 4 Jan): still waiting.
    expect(await runAt("2027-01-04T08:05")).toMatchObject({ escalated: 0 });
    expect((await caseRow(id)).level).toBe(0);

    // Tuesday 5 Jan: 3 working days, L1 goes to the projectteam channel with an assignee.
    expect(await runAt("2027-01-05T08:05")).toMatchObject({ escalated: 1, byLevel: { L1: 1 } });
    const l1 = outbox.messages.filter((m) => m.key.includes("niveau-1"));
    expect(l1.map((m) => m.recipient)).toEqual([{ conversationId: "19:projectteam@thread.tacv2" }]);
    const afterL1 = await caseRow(id);
    expect(afterL1.ownerId).not.toBeNull();
    expect(JSON.stringify(l1[0]!.card)).toContain("Toegewezen aan <at>");

    // Tuesday 12 Jan (5 working days later): L2, programmaleider and the schoolleiding; the directory
    // names none, so the beheerder is told (policy 2027-1: no fallback to the decanen).
    expect(await runAt("2027-01-11T08:05")).toMatchObject({ escalated: 0 });
    const lynne = await ctx.db.person.update({ where: { email: "lynner@example.com" }, data: { teamsUserId: "29:lynne" } });
    expect(await runAt("2027-01-12T08:05")).toMatchObject({ escalated: 1, byLevel: { L2: 1 } });
    const l2 = outbox.messages.filter((m) => m.key.includes("niveau-2")).map((m) => m.recipient);
    expect(l2).toContainEqual({ personId: lynne.id });
    // Her card refreshes for her when the case changes, as it does for the projectteam.
    const refreshIds = (card: unknown) => ((card as { refresh?: { userIds?: string[] } }).refresh?.userIds ?? []);
    const l2Card = outbox.messages.find((m) => m.key.includes("niveau-2") && "personId" in m.recipient && m.recipient.personId === lynne.id)!.card;
    expect(refreshIds(l2Card)).toContain("29:lynne");
    expect(refreshIds(l1[0]!.card)).not.toContain("29:lynne");
    expect(l2).not.toContainEqual({ personId: decanen[0]!.id });
    expect(outbox.messages.filter((m) => m.purpose === "keten-gat").length).toBeGreaterThan(0);

    // The projectteam pauses it until Tuesday 19 Jan; nothing happens until then.
    const paused = await performCaseAction(ctx.db, ctx.jobDeps, { caseId: id, action: { kind: "pause", until: at("2027-01-19T00:00") }, actor: pt, via: "chat" }, at("2027-01-12T10:00"));
    expect(paused).toMatchObject({ kind: "done", case: { state: "gepauzeerd" } });
    expect(await runAt("2027-01-18T08:05")).toMatchObject({ escalated: 0, resumed: 0 });
    expect(await runAt("2027-01-19T08:05")).toMatchObject({ resumed: 1, escalated: 0 });
    expect((await caseRow(id)).state).toBe("open");

    // L3 five working days after the resume: Tuesday 26 Jan. No message; the stuurgroep summary lists it.
    expect(await runAt("2027-01-25T08:05")).toMatchObject({ escalated: 0 });
    expect(await runAt("2027-01-26T08:05")).toMatchObject({ escalated: 1, byLevel: { L3: 1 } });
    expect(outbox.messages.filter((m) => m.key.includes("niveau-3"))).toHaveLength(0);
    expect((await listStuurgroepCases(ctx.db)).map((c) => c.id)).toEqual([id]);
    expect(await runAt("2027-01-27T08:05")).toMatchObject({ escalated: 0 });

    // The decaan of the school picks it up, the projectteam closes it with a note.
    expect(await performCaseAction(ctx.db, ctx.jobDeps, { caseId: id, action: { kind: "acknowledge" }, actor: decaanActor, via: "card" }, at("2027-01-27T09:00"))).toMatchObject({ kind: "done", case: { state: "erkend", ownerId: decaan.id } });
    expect(await performCaseAction(ctx.db, ctx.jobDeps, { caseId: id, action: { kind: "comment", note: "Gesprek gepland" }, actor: decaanActor, via: "chat" }, at("2027-01-27T09:30"))).toMatchObject({ kind: "done" });
    expect(await performCaseAction(ctx.db, ctx.jobDeps, { caseId: id, action: { kind: "resolve", note: "" }, actor: pt, via: "chat" }, at("2027-01-28T09:00"))).toMatchObject({ kind: "refused" });
    expect(await performCaseAction(ctx.db, ctx.jobDeps, { caseId: id, action: { kind: "resolve", note: "Alle DDD's binnen" }, actor: pt, via: "chat" }, at("2027-01-28T09:00"))).toMatchObject({ kind: "done", case: { state: "opgelost", openKey: null } });

    // Reopened: a new round from L0, with new notification keys.
    expect(await performCaseAction(ctx.db, ctx.jobDeps, { caseId: id, action: { kind: "reopen" }, actor: pt, via: "card" }, at("2027-02-01T09:00"))).toMatchObject({ kind: "done", case: { state: "open", level: -1, round: 2 } });
    expect(await runAt("2027-02-02T08:05")).toMatchObject({ escalated: 1, byLevel: { L0: 1 } });
    expect(outbox.messages.some((m) => m.key.startsWith(`zaak-${id}-ronde-2-niveau-0-`))).toBe(true);

    expect(await trail(id)).toEqual([
      "opened/job",
      "escalated:L0/job",
      "escalated:L1/job",
      "escalated:L2/job",
      "paused/chat",
      "resumed/job",
      "escalated:L3/job",
      "acknowledged/card",
      "commented/chat",
      "resolved/chat",
      "reopened/card",
      "escalated:L0/job",
    ]);
    const events = await ctx.db.caseEvent.findMany({ where: { caseId: id }, orderBy: { id: "asc" } });
    expect(events.find((e) => e.kind === "acknowledged")).toMatchObject({ actorPersonId: decaan.id, actorName: decaan.naam, via: "card" });
    expect(events.find((e) => e.kind === "resolved")).toMatchObject({ note: "Alle DDD's binnen", actorPersonId: pt.personId });
  });

  it("keeps the audit trail append-only, whatever asks", async () => {
    const s = await school("Graaf Huyn Vmbo Geleen");
    const { case: c } = await runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, { type: "geen-reactie", subject: { kind: "school", schoolId: s.id }, reason: "r", source: "job" }, at("2026-12-16T10:00")));
    await expect(ctx.db.caseEvent.updateMany({ where: { caseId: c.id }, data: { note: "anders" } })).rejects.toThrow(/append-only/);
    await expect(ctx.db.caseEvent.deleteMany({ where: { caseId: c.id } })).rejects.toThrow(/append-only/);
    expect(await ctx.db.caseEvent.count({ where: { caseId: c.id, note: "r" } })).toBe(1);
  });

  it("refuses to reopen a case while another open case has the same subject", async () => {
    const s = await school("Graaf Huyn Vmbo Geleen");
    const pt = await actorFor("alexw@example.com");
    const input = { type: "geen-reactie" as const, subject: { kind: "school" as const, schoolId: s.id }, reason: "r", source: "job" as const };
    const { case: first } = await runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, input, at("2027-03-01T10:00")));
    await performCaseAction(ctx.db, ctx.jobDeps, { caseId: first.id, action: { kind: "resolve", note: "ok" }, actor: pt, via: "chat" }, at("2027-03-02T10:00"));
    const { case: second, created } = await runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, input, at("2027-03-03T10:00")));
    expect(created).toBe(true);
    expect(second.id).not.toBe(first.id);
    expect(await performCaseAction(ctx.db, ctx.jobDeps, { caseId: first.id, action: { kind: "reopen" }, actor: pt, via: "chat" }, at("2027-03-04T10:00"))).toMatchObject({ kind: "refused", message: expect.stringContaining(`zaak ${second.id}`) });
  });
});

describe("the job, case by case", () => {
  it("records when a level reached nobody, and a broken case does not stop the others", async () => {
    const mbo = await school("Westmaas mbo-college Sittard"); // mbo: no decaan in the directory
    const { case: unreachable } = await runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, { type: "geen-geldig-contact", subject: { kind: "school", schoolId: mbo.id }, reason: "geen decaan", source: "job" }, at("2027-03-01T10:00")));
    const { case: broken } = await runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, { type: "geen-reactie", subject: { kind: "school", schoolId: mbo.id }, reason: "r", source: "job" }, at("2027-03-01T10:00")));
    await ctx.db.case.update({ where: { id: broken.id }, data: { policyVersion: "bestaat-niet" } });
    expect(await runAt("2027-03-02T08:05")).toMatchObject({ due: 2, escalated: 1, failed: 1 });
    const event = await ctx.db.caseEvent.findFirstOrThrow({ where: { caseId: unreachable.id, kind: "escalated" } });
    expect(event.note).toContain("niemand bereikbaar");
    expect((await caseRow(broken.id)).level).toBe(-1);
  });
});

describe("concurrent actions on the same case", () => {
  it("two acknowledgements from the same card version: exactly one wins, the other sees who changed it", async () => {
    const s = await school("Graaf Huyn Vmbo Geleen");
    const alex = await actorFor("alexw@example.com");
    const lynne = await actorFor("lynner@example.com");
    const { case: c } = await runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, { type: "geen-reactie", subject: { kind: "school", schoolId: s.id }, reason: "r", source: "job" }, at("2027-03-01T10:00")));
    const now = at("2027-03-01T11:00");
    const results = await Promise.all([
      performCaseAction(ctx.db, ctx.jobDeps, { caseId: c.id, action: { kind: "acknowledge" }, actor: alex, via: "card", expectedVersion: c.version }, now),
      performCaseAction(ctx.db, ctx.jobDeps, { caseId: c.id, action: { kind: "acknowledge" }, actor: lynne, via: "card", expectedVersion: c.version }, now),
    ]);
    expect(results.map((r) => r.kind).sort()).toEqual(["conflict", "done"]);
    const winner = results.find((r) => r.kind === "done")!;
    const loser = results.find((r) => r.kind === "conflict")!;
    const row = await caseRow(c.id);
    expect(row.ownerId).toBe(winner.case!.ownerId);
    expect(row.version).toBe(c.version + 1);
    expect(await ctx.db.caseEvent.count({ where: { caseId: c.id, kind: "acknowledged" } })).toBe(1);
    const winnerName = winner.case!.ownerId === alex.personId ? alex.naam : lynne.naam;
    expect(loser.kind === "conflict" && loser.changedBy).toBe(winnerName);
    expect(JSON.stringify(loser.kind === "conflict" && loser.view.notice)).toContain(`Deze zaak is net gewijzigd door ${winnerName}, dit is de nieuwe stand`);
  });
});

describe("npx aanjager run escalations --at", () => {
  it("prints one JSON summary line and is idempotent", async () => {
    const s = await school("Graaf Huyn Vmbo Geleen");
    await runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, { type: "geen-reactie", subject: { kind: "school", schoolId: s.id }, reason: "r", source: "job" }, at("2027-03-01T10:00")));
    await checkpointDb(ctx.db);
    const cli = async () => {
      const { code, stdout, stderr } = await runAanjagerCli(["--json", "run", "escalations", "--at", "2027-03-02T08:05:00+01:00"], { ...databaseEnv(database), LOG_LEVEL: "silent" });
      expect(code, stderr).toBe(0);
      return stdout.trim().split("\n");
    };
    const first = await cli();
    const second = await cli();
    expect(first).toHaveLength(1);
    expect(JSON.parse(first[0]!)).toMatchObject({ job: "escalations", at: "2027-03-02T07:05:00.000Z", status: "succeeded", workingDay: true, due: 1, escalated: 1, byLevel: { L0: 1 } });
    expect(JSON.parse(second[0]!)).toMatchObject({ job: "escalations", status: "succeeded", escalated: 0, byLevel: {} });
    expect(await ctx.db.caseEvent.count({ where: { kind: "escalated" } })).toBe(1);
  });
});
