import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PERSON_COLUMNS_COVERED } from "../../src/db/personal-data.js";
import { runJobManually } from "../../src/jobs/job-runner.js";
import { retentionJob } from "../../src/jobs/retention.js";
import { contactCheckJob } from "../../src/jobs/contact-check.js";
import { runInTransaction } from "../../src/db/client.js";
import { findRetentionCutoff } from "../../src/domain/retention.js";
import { erasePersonalData, exportPersonalData } from "../../src/services/privacy.js";
import { loadActivity } from "../support/fixtures.js";
import { useTestAanjager } from "../support/test-app.js";
import { listTables } from "../support/test-db.js";

const bot = useTestAanjager({ clock: () => new Date("2026-11-25T10:00:00+01:00") });

async function say(text: string, id: string) {
  const before = bot.connector.sent().length;
  await bot.post(loadActivity("personal-message-help", bot.connector.url, { id, text }));
  await bot.connector.waitForSent(before + 1);
}

describe("privacy export and erasure (AVG)", () => {
  it("covers every column that points at a person", () => {
    const schema = fs.readFileSync(path.resolve(import.meta.dirname, "../../prisma/models/models.prisma"), "utf8");
    const found: string[] = [];
    let model = "";
    for (const line of schema.split("\n")) {
      const m = /^model (\w+) \{/.exec(line);
      if (m) model = m[1]!;
      const field = /^\s+(\w+)\s+Int\??/.exec(line);
      if (model && field && /^(personId|\w*(Person|By|owner)Id|ownerId)$/.test(field[1]!)) found.push(`${model}.${field[1]}`);
    }
    expect(found.length).toBeGreaterThan(5);
    for (const column of found) expect(PERSON_COLUMNS_COVERED, column).toContain(column);
  });

  it("exports everything about a staff member and erases it, keeping the audit trail under a pseudonym", async () => {
    await say("escaleer Carbon Vakcollege: reageert niet", "e1");
    await say("pak op 1", "e2");
    await say("opmerking 1 nagebeld", "e3");

    const exported = await exportPersonalData(bot.app.db, "AlexW@example.com", new Date("2026-11-25T10:00:00Z"));
    expect(exported.persoon).toMatchObject({ naam: "Alex Wilber", email: "alexw@example.com" });
    expect((exported.rollen as unknown[]).length).toBe(3);
    expect(exported.gesprekken).toEqual([expect.objectContaining({ conversationId: "a:1personal-alex-conversation", kind: "personal" })]);
    expect(exported.zaken).toEqual([expect.objectContaining({ id: 1, subjectLabel: expect.stringContaining("Carbon Vakcollege") })]);
    expect((exported.zaakgeschiedenis as { kind: string }[]).map((e) => e.kind)).toEqual(["opened", "acknowledged", "commented"]);

    const result = await erasePersonalData(bot.app.db, "alexw@example.com", new Date("2026-11-25T11:00:00Z"));
    expect(result.pseudonym).toMatch(/^verwijderde medewerker [0-9a-f]{8}$/);
    expect(await bot.app.db.person.findUnique({ where: { email: "alexw@example.com" } })).toBeNull();
    expect(await bot.app.db.roleAssignment.count({ where: { person: { email: "alexw@example.com" } } })).toBe(0);
    expect(await bot.app.db.conversationRef.count({ where: { conversationId: "a:1personal-alex-conversation" } })).toBe(0);
    const events = await bot.app.db.caseEvent.findMany({ where: { caseId: 1 }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.kind, e.actorPersonId, e.actorName])).toEqual([
      ["opened", null, result.pseudonym],
      ["escalated", null, null], // by the job, not by a person
      ["acknowledged", null, result.pseudonym],
      ["commented", null, result.pseudonym],
    ]);
    expect((await bot.app.db.case.findUniqueOrThrow({ where: { id: 1 } })).ownerId).toBeNull();
    // Outside the erasure the audit trail is append-only again.
    await expect(bot.app.db.caseEvent.updateMany({ where: { caseId: 1 }, data: { note: "gewijzigd" } })).rejects.toThrow(/append-only/);
    expect(await bot.app.db.maintenanceWindow.count()).toBe(0);
  });

  it("leaves the erased person's name and e-mail address nowhere: not in cards sent to others, a channel's stored conversation, a case about them or a stored summary", async () => {
    const db = bot.app.db;
    // Alex mentions the bot in a channel: the channel's conversation reference names the sender.
    const before = bot.connector.sent().length;
    await bot.post(loadActivity("channel-message-mention-help", bot.connector.url, { id: "ch1" }));
    await bot.connector.waitForSent(before + 1);
    // The "klopt dit nog?" card to the decanen lists the school's mentors, Adele among them.
    const now = new Date("2026-11-25T10:00:00+01:00");
    expect(await runJobManually(bot.app.jobDeps, contactCheckJob, now)).toMatchObject({ status: "succeeded", result: { enqueued: expect.any(Number) } });
    const adele = await db.person.findUniqueOrThrow({ where: { email: "adelev@example.com" } });
    // A case about Adele as a contact person, opened through the OpenCase port.
    await runInTransaction(db, (tx) => bot.app.jobDeps.openCase(tx, { type: "geen-geldig-contact", subject: { kind: "contact", personId: adele.id }, reason: "niet bereikbaar in Teams", source: "job" }, now));
    // A stored weekly summary names the owner of a stuurgroep case.
    await db.weeklySummary.create({ data: { schoolYear: "2026-2027", week: 48, weekStart: "2026-11-23", generatedAt: now, data: JSON.stringify([{ id: "escalaties", data: { stuurgroep: [{ caseId: 9, owner: "Alex Wilber" }] } }]) } });

    // A case card to the projectteam channel mentions Alex (the entity carries his Teams id).
    const alexBefore = await db.person.findUniqueOrThrow({ where: { email: "alexw@example.com" } });
    const alexId = alexBefore.teamsUserId ?? alexBefore.aadObjectId!;
    const mentionCard = { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "Toegewezen aan <at>Alex Wilber</at>." }], msteams: { entities: [{ type: "mention", text: "<at>Alex Wilber</at>", mentioned: { id: alexId, name: "Alex Wilber" } }] } };
    await runInTransaction(db, (tx) => bot.app.jobDeps.enqueue(tx, { key: "zaak-met-vermelding", purpose: "zaak-escalatie", recipient: { conversationId: "19:projectteam@thread.tacv2" }, card: mentionCard as never }, now));

    const dump = async () => {
      const text: string[] = [];
      for (const name of await listTables(db)) text.push(`${name}: ${JSON.stringify(await db.$queryRawUnsafe(`SELECT * FROM "${name}"`), (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v))}`);
      return text.join("\n");
    };
    const beforeErasure = await dump();
    for (const trace of ["Adele Vance", "adelev@example.com", "Alex Wilber", "alexw@example.com"]) expect(beforeErasure).toContain(trace);

    await erasePersonalData(db, "adelev@example.com", new Date("2026-11-25T11:00:00Z"));
    await erasePersonalData(db, "alexw@example.com", new Date("2026-11-25T11:00:00Z"));
    const afterErasure = await dump();
    const left = afterErasure.split("\n").filter((line) => /Adele Vance|adelev@example\.com|Alex Wilber|alexw@example\.com|0000000000020"|0000000000022"/.test(line));
    expect(left.map((line) => line.slice(0, line.indexOf(":")))).toEqual([]);
    // The mention became plain text: no entity with his id, no <at> tags around the pseudonym.
    const scrubbed = (await db.outboxMessage.findUniqueOrThrow({ where: { key: "zaak-met-vermelding" } })).payload;
    expect(scrubbed).not.toContain(alexId);
    expect(scrubbed).not.toContain("<at>");
    expect(scrubbed).toMatch(/Toegewezen aan verwijderde medewerker [0-9a-f]{8}/);
    // The channel can still be posted to without the sender it was captured from.
    const channel = "19:stuurgroep-general-channel@thread.tacv2;messageid=1795600910000";
    await runInTransaction(db, (tx) => bot.app.jobDeps.enqueue(tx, { key: "na-verwijdering", purpose: "test", recipient: { conversationId: channel }, card: { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "na de verwijdering" }] } }, now));
    bot.app.startDelivery();
    await expect.poll(() => bot.connector.sent().filter((c) => c.conversationId === "19:stuurgroep-general-channel@thread.tacv2" && JSON.stringify(c.body).includes("na de verwijdering")).length, { timeout: 10_000 }).toBe(1);
    // The case about Adele stays, under her pseudonym.
    expect((await db.case.findFirstOrThrow({ where: { type: "geen-geldig-contact" } })).subjectLabel).toMatch(/^contactpersoon verwijderde medewerker [0-9a-f]{8}/);
  });

  it("exports what is stored about reaching them and the imports they are named as operator of", async () => {
    const db = bot.app.db;
    await say("help", "x1");
    const alex = await db.person.findUniqueOrThrow({ where: { email: "alexw@example.com" } });
    const at = new Date("2026-11-20T09:00:00Z");
    await db.person.update({ where: { id: alex.id }, data: { unreachableSince: at, unreachableReason: "blocked" } });
    await db.conversationRef.updateMany({ where: { personId: alex.id }, data: { status: "blocked", blockedAt: at, blockedReason: "Forbidden" } });
    await db.dddImport.create({ data: { schoolYear: "2026-2027", fileName: "ddd.csv", sha256: "x", rows: 1, operator: "Alex Wilber", source: "csv", importedAt: at } });

    const exported = await exportPersonalData(db, "alexw@example.com", new Date("2026-11-25T10:00:00Z"));
    expect(exported.persoon).toMatchObject({ unreachableSince: at, unreachableReason: "blocked" });
    expect(exported.gesprekken).toEqual([expect.objectContaining({ status: "blocked", blockedAt: at, blockedReason: "Forbidden" })]);
    expect(exported.ddd).toEqual(expect.arrayContaining([expect.objectContaining({ fileName: "ddd.csv", operator: "Alex Wilber" })]));
  });

  it("answers an unknown address with a clear error", async () => {
    await expect(exportPersonalData(bot.app.db, "niemand@example.com", new Date())).rejects.toThrow(/Geen medewerker met e-mailadres/);
  });
});

describe("retention", () => {
  it("keeps two school years: prunes cases closed before 1 August of last school year, keeps open and recent ones", async () => {
    const now = new Date("2026-11-25T03:30:00+01:00");
    expect(findRetentionCutoff(now, 2).toISOString()).toBe("2025-07-31T22:00:00.000Z");
    await say("escaleer Carbon Vakcollege: oud en gesloten", "r1");
    await say("sluit 1 opgelost in 2024", "r2");
    await say("escaleer Mosa Vakcollege: recent gesloten", "r3");
    await say("sluit 2 opgelost", "r4");
    await say("escaleer Brunssum Vakcollege: nog open", "r5");
    await bot.app.db.case.update({ where: { id: 1 }, data: { resolvedAt: new Date("2025-06-30T10:00:00Z"), openedAt: new Date("2025-06-01T10:00:00Z") } });
    await bot.app.db.case.update({ where: { id: 3 }, data: { openedAt: new Date("2024-09-01T10:00:00Z") } });

    const outcome = await runJobManually(bot.app.jobDeps, retentionJob, now);
    expect(outcome).toMatchObject({ status: "succeeded", result: { prunedCases: 1, prunedCaseEvents: 3, prunedOutboxMessages: 0 } });
    expect((await bot.app.db.case.findMany({ orderBy: { id: "asc" } })).map((c) => c.id)).toEqual([2, 3]);
    expect(await bot.app.db.caseEvent.count({ where: { caseId: 1 } })).toBe(0);
    expect(await bot.app.db.caseEvent.count({ where: { caseId: 3 } })).toBeGreaterThan(0);
    const kept = await bot.app.db.caseEvent.count({ where: { caseId: 2 } });
    await expect(bot.app.db.caseEvent.deleteMany({ where: { caseId: 2 } })).rejects.toThrow();
    expect(await bot.app.db.caseEvent.count({ where: { caseId: 2 } })).toBe(kept);
  });

  it("prunes sent messages (their cards name staff) last touched before the cutoff, keeping waiting ones and the targets of waiting updates", async () => {
    const now = new Date("2026-11-25T03:30:00+01:00");
    const old = new Date("2025-05-01T10:00:00Z");
    const recent = new Date("2025-09-01T10:00:00Z");
    const row = (key: string, state: string, updatedAt: Date, extra: { kind?: string; targetId?: number } = {}) =>
      bot.app.db.outboxMessage.create({ data: { key, purpose: "test", payload: JSON.stringify({ activity: { text: "Hallo Alex Wilber" } }), state, nextAttemptAt: updatedAt, createdAt: updatedAt, updatedAt, recipientConversationId: "c", ...extra } });
    const sentOld = await row("sent-old", "sent", old);
    const failedOld = await row("failed-old", "failed", old);
    const blockedOld = await row("blocked-old", "blocked", old);
    const pendingOld = await row("pending-old", "pending", old);
    const sentRecent = await row("sent-recent", "sent", recent);
    const targetOld = await row("target-old", "sent", old);
    const waitingUpdate = await row("target-old:update:2", "pending", old, { kind: "update", targetId: targetOld.id });
    const before = await bot.app.db.outboxMessage.count();

    const outcome = await runJobManually(bot.app.jobDeps, retentionJob, now);
    expect(outcome).toMatchObject({ status: "succeeded", result: { prunedOutboxMessages: 3 } });
    const left = new Set((await bot.app.db.outboxMessage.findMany({ select: { id: true } })).map((r) => r.id));
    for (const gone of [sentOld, failedOld, blockedOld]) expect(left.has(gone.id), gone.key).toBe(false);
    for (const kept of [pendingOld, sentRecent, targetOld, waitingUpdate]) expect(left.has(kept.id), kept.key).toBe(true);
    expect(await bot.app.db.outboxMessage.count()).toBe(before - 3);
  });
});
