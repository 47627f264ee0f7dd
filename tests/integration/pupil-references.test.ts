import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runJobManually } from "../../src/jobs/job-runner.js";
import { retentionJob } from "../../src/jobs/retention.js";
import { ALEX, MEGAN, createCaseChat } from "../support/case-chat.js";
import { runAanjagerCli } from "../support/cli.js";
import { amsterdam } from "../support/meetmomenten.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";
import { databaseEnv } from "../support/test-db.js";

/**
 * Issue 15: an overstap case is pupil data. It goes when its purpose ends (1 November of the
 * school year in which the pupil was to start), open or not, after a notice to its owner; and an
 * AVG request about one pupil reference finds and erases everything about it.
 */
let bot: TestAanjager;
const { say } = createCaseChat(() => bot);
beforeAll(async () => {
  bot = await startTestAanjager({ clock: () => amsterdam("2027-03-01T10:00") });
});
afterAll(async () => {
  await bot.close();
});

const runRetention = async (local: string) => {
  const outcome = await runJobManually(bot.app.jobDeps, retentionJob, amsterdam(local));
  expect(outcome.status).toBe("succeeded");
  return (outcome as { result: Record<string, unknown> }).result;
};
const storedText = async () => JSON.stringify([await bot.app.db.case.findMany(), await bot.app.db.caseEvent.findMany(), await bot.app.db.outboxMessage.findMany()]);

describe("purpose-bound retention of overstap cases", () => {
  it("tells the owner a week before, then deletes the cases, open ones too, with history and messages, and scrubs the reference elsewhere", async () => {
    await say(MEGAN, "overstapzaak OS-2027-0042 geen vervolgkeuze nog geen opleiding gekozen");
    await say(MEGAN, "overstapzaak OS-2027-0043 warme overdracht naar Westmaas");
    await say(ALEX, "escaleer Carbon Vakcollege: afstemmen over OS-2027-0042");
    await say(ALEX, "opmerking 3 besproken met de decaan, os-2027-0042 loopt nog");
    const megan = await bot.app.db.person.findFirstOrThrow({ where: { naam: "Megan Bowen" } });
    expect(await bot.app.db.case.count({ where: { type: "overstap", state: { not: "opgelost" } } })).toBe(2);

    expect(await runRetention("2027-10-20T03:30")).toMatchObject({ deletionNotices: 0, overstapCasesDeleted: 0 });
    expect(await runRetention("2027-10-26T03:30")).toMatchObject({ deletionNotices: 2, overstapCasesDeleted: 0 });
    expect(await runRetention("2027-10-27T03:30")).toMatchObject({ deletionNotices: 0 }); // told once
    const notices = await bot.app.db.outboxMessage.findMany({ where: { purpose: "overstap-verwijdering" }, orderBy: { id: "asc" } });
    expect(notices.map((n) => n.recipientPersonId)).toEqual([megan.id, megan.id]);
    expect(notices[0]!.payload).toContain("Overstapzaak 1 wordt op 01-11-2027 verwijderd");
    expect(notices[0]!.payload).toContain("kenmerk OS-2027-0042");

    const deleted = await runRetention("2027-11-01T03:30");
    expect(deleted).toMatchObject({ overstapCasesDeleted: 2, referenceMentionsScrubbed: expect.any(Number) });
    expect(deleted.overstapEventsDeleted).toBeGreaterThanOrEqual(2);
    expect(deleted.overstapMessagesDeleted).toBeGreaterThanOrEqual(2); // the notices at least
    expect((await bot.app.db.case.findMany()).map((c) => c.id)).toEqual([3]);
    expect(await bot.app.db.caseEvent.count({ where: { caseId: { in: [1, 2] } } })).toBe(0);
    const left = await storedText();
    expect(left).not.toMatch(/OS-2027-004[23]/i);
    expect((await bot.app.db.case.findUniqueOrThrow({ where: { id: 3 } })).reason).toBe("afstemmen over [kenmerk verwijderd]");
    expect(await bot.app.db.caseEvent.findMany({ where: { caseId: 3, kind: "commented" }, select: { note: true } })).toEqual([{ note: "besproken met de decaan, [kenmerk verwijderd] loopt nog" }]);
  });
});

describe("aanjager privacy kenmerk-export / kenmerk-delete", () => {
  it("finds everything about one pupil reference and erases it", async () => {
    await say(MEGAN, "overstapzaak OS-2027-0077 zomerlek heeft nog geen plek");
    const [opened] = await bot.app.db.case.findMany({ where: { overstapRef: "OS-2027-0077" } });
    await say(ALEX, `opmerking 3 zie ook os-2027-0077`);
    const env = { ...databaseEnv(bot.config.database), LOG_LEVEL: "silent" };
    const cli = async (args: string[]) => {
      const { code, stdout, stderr } = await runAanjagerCli(["--json", ...args], env);
      expect(code, stderr).toBe(0);
      return JSON.parse(stdout);
    };

    const exported = await cli(["privacy", "kenmerk-export", "os-2027-0077"]);
    expect(exported.kenmerk).toBe("OS-2027-0077");
    expect(exported.zaken).toEqual([expect.objectContaining({ id: opened!.id, overstapRef: "OS-2027-0077", reason: "heeft nog geen plek" })]);
    expect(exported.zaakgeschiedenis.length).toBeGreaterThan(0);
    expect(exported.vermeldingen).toContainEqual(expect.objectContaining({ tabel: "CaseEvent.note", tekst: "zie ook os-2027-0077" }));

    const erased = await cli(["privacy", "kenmerk-delete", "OS-2027-0077"]);
    expect(erased).toMatchObject({ ok: true, kenmerk: "OS-2027-0077", changed: { zaken: 1, vermeldingen: expect.any(Number) } });
    expect(await storedText()).not.toMatch(/OS-2027-0077/i);
    const again = await cli(["privacy", "kenmerk-export", "OS-2027-0077"]);
    expect(again).toMatchObject({ zaken: [], zaakgeschiedenis: [], berichten: [], vermeldingen: [] });
    expect((await runAanjagerCli(["privacy", "kenmerk-export", "Jan Jansen"], env)).stderr).toContain("Ongeldig kenmerk");
  });
});
