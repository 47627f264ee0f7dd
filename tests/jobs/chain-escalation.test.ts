import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { runInTransaction } from "../../src/db/client.js";
import { upsertDirectory } from "../../src/db/directory.js";
import { upsertChannelLink } from "../../src/db/channel-links.js";
import { escalationsJob } from "../../src/jobs/escalations.js";
import { weeklySummaryJob } from "../../src/jobs/weekly-summary.js";
import { runJobManually } from "../../src/jobs/job-runner.js";
import { openOrUpdateCase } from "../../src/services/cases/index.js";
import { importDirectoryData } from "../../src/services/directory-import.js";
import { addPersonalConversation } from "../support/delivery.js";
import { fetchDownload } from "../support/downloads.js";
import { ALEX, createCaseChat } from "../support/case-chat.js";
import { useTestAanjager } from "../support/test-app.js";

/**
 * Issue 19: the escalation policy 2027-1 reaches the whole chain. Cases run through every level
 * on an injected clock; what reaches whom is read from the mock Bot Connector's recorded sends.
 */
const at = (localIso: string) => DateTime.fromISO(localIso, { zone: "Europe/Amsterdam" }).toJSDate();

const CHAIN_HEADER = "email;naam;rol;school_brin;school_naam;school_soort;subregio;mentorgroep;activiteit;aad_object_id;organisatie;school_bestuur";
let schoolBrin = "";

const bot = useTestAanjager({
  connector: { throttle: false },
  async prepare(prepared) {
    const school = await prepared.app.db.school.findFirstOrThrow({ where: { naam: "Graaf Huyn Vmbo Geleen" } });
    schoolBrin = school.brin;
    const file = [
      CHAIN_HEADER,
      `rector@graafhuyn.example;Rian Rector;schoolleiding;${school.brin};;;;;;;;Stichting Graaf Huyn`,
      "bestuur@graafhuyn.example;Bert Bestuur;bestuur;;;;;;;;Stichting Graaf Huyn;",
      "rmc@sittard-geleen.example;Roos RMC;rmc;;;;Westelijke Mijnstreek;;;;Gemeente Sittard-Geleen;",
      "lpa@sittard-geleen.example;Lars Leerplicht;leerplicht;;;;Westelijke Mijnstreek;;;;Gemeente Sittard-Geleen;",
      "rmc@heerlen.example;Hanna Heerlen;rmc;;;;Parkstad;;;;Gemeente Heerlen;",
    ].join("\n");
    const result = await importDirectoryData(prepared.app.db, file);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
  },
});

/** Gives every person of these roles a personal chat on this test's connector; returns chat id by e-mail. */
async function giveChats(roles: string[]): Promise<Map<string, string>> {
  const people = await bot.app.db.person.findMany({ where: { roles: { some: { role: { in: roles } } } } });
  const chats = new Map<string, string>();
  for (const p of people) {
    const conversationId = `a:chat-${p.id}`;
    await addPersonalConversation(bot.app.db, { personId: p.id, conversationId, serviceUrl: bot.connector.url, at: at("2026-12-01T09:00") });
    chats.set(p.email, conversationId);
  }
  return chats;
}

async function runAt(localIso: string) {
  const outcome = await runJobManually(bot.app.jobDeps, escalationsJob, at(localIso));
  expect(outcome.status).toBe("succeeded");
  await bot.app.delivery.drain(at(localIso));
  return (outcome as { result: Record<string, unknown> }).result;
}

/** The card texts sent to each chat so far, by chat id. */
function sendsByChat(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const call of bot.connector.calls) {
    const match = /^\/v3\/conversations\/([^/]+)\/activities$/.exec(call.path);
    if (call.method !== "POST" || !match) continue;
    map.set(match[1]!, [...(map.get(match[1]!) ?? []), JSON.stringify(call.body)]);
  }
  return map;
}

function chatsReached(chats: Map<string, string>): string[] {
  const sent = sendsByChat();
  return [...chats].filter(([, chat]) => sent.has(chat)).map(([email]) => email).sort();
}

async function emailsWithRole(role: string, where: Record<string, unknown> = {}) {
  return (await bot.app.db.person.findMany({ where: { roles: { some: { role, ...where } } }, orderBy: { email: "asc" } })).map((p) => p.email);
}

describe("escalation policy 2027-1: the whole chain", () => {
  it("takes a school's work agreement from decaan to projectteam, to programmaleider and schoolleiding, then to the school board; the stuurgroep gets no message", async () => {
    const chats = await giveChats(["decaan", "projectteam", "programmaleider", "schoolleiding", "bestuur", "stuurgroep", "rmc", "leerplicht", "beheerder"]);
    const school = await bot.app.db.school.findUniqueOrThrow({ where: { brin: schoolBrin } });
    const decanen = await emailsWithRole("decaan", { schoolId: school.id });
    const projectteam = await emailsWithRole("projectteam");
    const programmaleider = await emailsWithRole("programmaleider");

    const { case: opened } = await runInTransaction(bot.app.db, (tx) => openOrUpdateCase(tx, { type: "ddd-achterstand", subject: { kind: "school", schoolId: school.id }, reason: "DDD-norm niet gehaald", source: "job" }, at("2027-01-13T10:00")));
    expect(opened.policyVersion).toBe("2027-1");

    // Thursday 14 January 2027: L0 to the decanen.
    expect(await runAt("2027-01-14T08:05")).toMatchObject({ escalated: 1, byLevel: { L0: 1 } });
    expect(chatsReached(chats)).toEqual(decanen);

    // Three working days later (Tuesday 19 Jan): L1, the projectteam (no channel linked: every member).
    expect(await runAt("2027-01-18T08:05")).toMatchObject({ escalated: 0 });
    expect(await runAt("2027-01-19T08:05")).toMatchObject({ escalated: 1, byLevel: { L1: 1 } });
    expect(chatsReached(chats)).toEqual([...new Set([...decanen, ...projectteam])].sort());

    // Five working days later (Tuesday 26 Jan): L2, programmaleider and the school's schoolleiding.
    expect(await runAt("2027-01-26T08:05")).toMatchObject({ escalated: 1, byLevel: { L2: 1 } });
    expect(chatsReached(chats)).toEqual([...new Set([...decanen, ...projectteam, ...programmaleider, "rector@graafhuyn.example"])].sort());

    // Five more (Tuesday 2 Feb): L3, the board of the school. RMC, leerplicht and the stuurgroep hear nothing.
    expect(await runAt("2027-02-02T08:05")).toMatchObject({ escalated: 1, byLevel: { L3: 1 } });
    expect(chatsReached(chats)).toEqual([...new Set([...decanen, ...projectteam, ...programmaleider, "rector@graafhuyn.example", "bestuur@graafhuyn.example"])].sort());
    const boardCard = sendsByChat().get(chats.get("bestuur@graafhuyn.example")!)!;
    expect(boardCard).toHaveLength(1);
    expect(boardCard[0]).toContain("L3 · schoolbestuur");
    // Nothing went to the beheerder: every level had someone.
    expect(await bot.app.db.chainGap.count()).toBe(0);
    expect(await runAt("2027-02-09T08:05")).toMatchObject({ escalated: 0 });
  });

  it("takes a pupil-level case from the reporter to the projectteam and then to RMC and leerplicht of the pupil's subregio, never higher", async () => {
    const chats = await giveChats(["decaan", "projectteam", "programmaleider", "schoolleiding", "bestuur", "stuurgroep", "rmc", "leerplicht", "beheerder"]);
    const school = await bot.app.db.school.findUniqueOrThrow({ where: { brin: schoolBrin } });
    const reporter = await bot.app.db.person.findFirstOrThrow({ where: { roles: { some: { role: "decaan", schoolId: school.id } } }, orderBy: { id: "asc" } });
    const projectteam = await emailsWithRole("projectteam");

    const { case: opened } = await runInTransaction(bot.app.db, (tx) =>
      openOrUpdateCase(tx, { type: "overstap", subject: { kind: "overstap", reference: "OS-2027-0042", reason: "zomerlek", schoolId: school.id }, reason: "nog geen plek", source: "chat", actorPersonId: reporter.id }, at("2027-01-13T10:00")),
    );
    expect(await runAt("2027-01-14T08:05")).toMatchObject({ byLevel: { L0: 1 } });
    expect(chatsReached(chats)).toEqual([reporter.email]);
    expect(await runAt("2027-01-19T08:05")).toMatchObject({ byLevel: { L1: 1 } });
    expect(await runAt("2027-01-26T08:05")).toMatchObject({ byLevel: { L2: 1 } });
    // Westelijke Mijnstreek's RMC and leerplicht; not Parkstad's RMC, not the programmaleider or the school's leadership.
    expect(chatsReached(chats)).toEqual([...new Set([reporter.email, ...projectteam, "lpa@sittard-geleen.example", "rmc@sittard-geleen.example"])].sort());
    expect(sendsByChat().get(chats.get("rmc@sittard-geleen.example")!)![0]).toContain("L2 · RMC en leerplicht");
    // L2 is the top of the pupil ladder: nothing more, ever.
    expect(await runAt("2027-02-02T08:05")).toMatchObject({ escalated: 0 });
    expect(await runAt("2027-03-02T08:05")).toMatchObject({ escalated: 0 });
    expect((await bot.app.db.case.findUniqueOrThrow({ where: { id: opened.id } })).level).toBe(2);
  });

  it("tells the beheerder once when a level reaches nobody, instead of sending the case to someone else, and lists the gap in contacten", async () => {
    const chats = await giveChats(["decaan", "projectteam", "programmaleider", "schoolleiding", "bestuur", "beheerder"]);
    // A school without schoolleiding or board in the directory.
    const other = await bot.app.db.school.findFirstOrThrow({ where: { naam: "Carbon Vakcollege Heerlen" } });
    const decanen = await emailsWithRole("decaan", { schoolId: other.id });
    const beheerders = await emailsWithRole("beheerder");
    const open = (type: "ddd-achterstand" | "geen-reactie") =>
      runInTransaction(bot.app.db, (tx) => openOrUpdateCase(tx, { type, subject: { kind: "school", schoolId: other.id }, reason: "achter", source: "job" }, at("2027-01-13T10:00")));
    await open("ddd-achterstand");
    await open("geen-reactie");
    for (const day of ["2027-01-14", "2027-01-19", "2027-01-26"]) await runAt(`${day}T08:05`);

    // L2 reached the programmaleider but not the decanen (the 2026-1 fallback is gone)...
    const sent = sendsByChat();
    for (const email of decanen) expect(sent.get(chats.get(email)!)?.filter((c) => c.includes("L2 ·")) ?? []).toEqual([]);
    // ...and every beheerder got one notice for the school, though two cases ran into it.
    for (const email of beheerders) {
      const notices = (sent.get(chats.get(email)!) ?? []).filter((c) => c.includes("niet bereikbaar"));
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain("de schoolleiding van Carbon Vakcollege Heerlen");
    }
    expect(await bot.app.db.chainGap.findMany({ select: { key: true } })).toEqual([{ key: `schoolleiding|school:${other.id}` }]);

    await runAt("2027-02-02T08:05");
    const gaps = (await bot.app.db.chainGap.findMany({ select: { key: true }, orderBy: { id: "asc" } })).map((g) => g.key);
    expect(gaps).toEqual([`schoolleiding|school:${other.id}`, `school-board|school:${other.id}`]);
    const boardNotices = (sendsByChat().get(chats.get(beheerders[0]!)!) ?? []).filter((c) => c.includes("niet bereikbaar"));
    expect(boardNotices).toHaveLength(2);
    expect(boardNotices[1]).toContain("het schoolbestuur");

    // `contacten` lists both gaps; once the directory names a schoolleiding, only the board is left.
    const chat = createCaseChat(() => bot);
    const listed = async () => (await chat.say(ALEX, "contacten")).map((r) => String(r.body.text ?? "")).join("\n");
    expect(await listed()).toMatch(/schoolleiding van Carbon Vakcollege Heerlen \(\w+\): niemand[\s\S]*schoolbestuur van Carbon Vakcollege Heerlen/);
    await upsertDirectory(bot.app.db, { subregios: [], schools: [other], people: [{ email: "nieuw@carbon.example", naam: "Nora Nieuw" }], roles: [{ email: "nieuw@carbon.example", role: "schoolleiding", schoolBrin: other.brin }] });
    const after = await listed();
    expect(after).not.toContain("schoolleiding van Carbon");
    expect(after).toContain("schoolbestuur van Carbon Vakcollege Heerlen");
  });

  it("keeps a case opened under policy 2026-1 on that version: L2 falls back to the decanen and L3 is the stuurgroep summary", async () => {
    const chats = await giveChats(["decaan", "programmaleider", "schoolleiding", "bestuur"]);
    const other = await bot.app.db.school.findFirstOrThrow({ where: { naam: "Carbon Vakcollege Heerlen" } });
    const decanen = await emailsWithRole("decaan", { schoolId: other.id });
    const { case: opened } = await runInTransaction(bot.app.db, (tx) => openOrUpdateCase(tx, { type: "ddd-achterstand", subject: { kind: "school", schoolId: other.id }, reason: "achter", source: "job" }, at("2027-01-13T10:00")));
    // As a case from before the migration: opened under the first policy.
    await bot.app.db.case.update({ where: { id: opened.id }, data: { policyVersion: "2026-1" } });
    for (const day of ["2027-01-14", "2027-01-19", "2027-01-26", "2027-02-02"]) await runAt(`${day}T08:05`);
    const row = await bot.app.db.case.findUniqueOrThrow({ where: { id: opened.id } });
    expect(row).toMatchObject({ policyVersion: "2026-1", level: 3 });
    const sent = sendsByChat();
    for (const email of decanen) expect(sent.get(chats.get(email)!)!.some((c) => c.includes("geen schoolleiding bekend: de decanen van de school"))).toBe(true);
    expect(await bot.app.db.chainGap.count()).toBe(0);
  });

  it("never lets a pupil reference reach a stuurgroep member or channel, under either policy, on any path that sends", async () => {
    const PATTI = { teamsId: "29:patti", aad: "00000000-0000-0000-0000-0000000000024", name: "Patti Fernandez", conversation: "a:patti" };
    const CHANNEL = "19:stuurgroep@thread.tacv2";
    await upsertChannelLink(bot.app.db, { purpose: "stuurgroep", conversationId: CHANNEL, teamId: "19:team", channelId: CHANNEL, linkedById: null }, at("2026-12-01T09:00"));
    await giveChats(["decaan", "projectteam", "programmaleider", "schoolleiding", "bestuur", "stuurgroep", "rmc", "leerplicht", "beheerder"]);
    const school = await bot.app.db.school.findUniqueOrThrow({ where: { brin: schoolBrin } });
    const alex = await bot.app.db.person.findUniqueOrThrow({ where: { email: "alexw@example.com" } });
    const open = (reference: string, schoolId: number | null) =>
      runInTransaction(bot.app.db, (tx) => openOrUpdateCase(tx, { type: "overstap", subject: { kind: "overstap", reference, reason: "niet-gestart", schoolId }, reason: "niet gestart", source: "chat", actorPersonId: alex.id }, at("2027-01-13T10:00")));
    // Under today's policy, with and without a school; and one from before the migration (2026-1 climbed to L3).
    await open("OS-2027-0501", school.id);
    await open("OS-2027-0502", null);
    const { case: old } = await open("OS-2027-0503", null);
    await bot.app.db.case.update({ where: { id: old.id }, data: { policyVersion: "2026-1" } });
    // A school case reaches the stuurgroep's list by name: the summary is not simply empty.
    await runInTransaction(bot.app.db, (tx) => openOrUpdateCase(tx, { type: "ddd-achterstand", subject: { kind: "school", schoolId: school.id }, reason: "achter", source: "job" }, at("2027-01-13T10:00")));
    for (const day of ["2027-01-14", "2027-01-19", "2027-01-26", "2027-02-02"]) await runAt(`${day}T08:05`);
    expect((await bot.app.db.case.findUniqueOrThrow({ where: { id: old.id } })).level).toBe(3);

    const summary = await runJobManually(bot.app.jobDeps, weeklySummaryJob, at("2027-02-15T08:30"));
    expect(summary.status).toBe("succeeded");
    await bot.app.delivery.drain(at("2027-02-15T09:00"));
    const chat = createCaseChat(() => bot);
    const asked = (await chat.say(PATTI, "samenvatting")).map((r) => JSON.stringify(r.body));
    const exported = await chat.say(PATTI, "export samenvatting");
    const file = await fetchDownload(bot, String(exported[0]!.body.text));

    // Everything any stuurgroep member or the stuurgroep channel got: the outbox, the chat answers, the file.
    const stuurgroepIds = (await bot.app.db.person.findMany({ where: { roles: { some: { role: "stuurgroep" } } }, select: { id: true } })).map((p) => p.id);
    const outbox = await bot.app.db.outboxMessage.findMany({ where: { OR: [{ recipientPersonId: { in: stuurgroepIds } }, { recipientConversationId: CHANNEL }] } });
    const channelCalls = bot.connector.calls.filter((c) => c.path.includes(encodeURIComponent(CHANNEL)) || c.path.includes(CHANNEL)).map((c) => JSON.stringify(c.body));
    const everything = [...outbox.map((m) => JSON.stringify(m)), ...channelCalls, ...asked, ...exported.map((r) => JSON.stringify(r.body)), file.text].join("\n");
    expect(outbox.some((m) => m.recipientConversationId === CHANNEL)).toBe(true);
    expect(everything).toContain("Graaf Huyn Vmbo Geleen");
    expect(everything).not.toMatch(/OS-2027-05/i);
  });
});
