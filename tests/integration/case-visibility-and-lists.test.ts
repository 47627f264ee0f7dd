import { beforeEach, describe, expect, it } from "vitest";
import { runInTransaction } from "../../src/db/client.js";
import { openOrUpdateCase } from "../../src/services/cases/index.js";
import { ALEX, LYNNE, MEGAN, cardOf, createCaseChat, type ChatUser } from "../support/case-chat.js";
import { useTestAanjager } from "../support/test-app.js";

// Monday 1 March 2027, 10:00 in Amsterdam: a working day, office open.
let now = new Date("2027-03-01T09:00:00Z");

const bot = useTestAanjager({ clock: () => now, env: { LOG_LEVEL: process.env.TEST_LOG ?? "silent" }, autoDeliver: true });
const { say, press } = createCaseChat(() => bot);
beforeEach(() => {
  now = new Date("2027-03-01T09:00:00Z");
});

/** A decaan of another school than Megan's, made able to chat (the demo gives only the playground users an AAD id). */
async function otherDecaan(): Promise<ChatUser & { schoolNaam: string }> {
  const megan = await bot.app.db.person.findUniqueOrThrow({ where: { email: "meganb@example.com" }, include: { roles: true } });
  const meganSchools = megan.roles.map((r) => r.schoolId).filter((id): id is number => id !== null);
  const person = await bot.app.db.person.findFirstOrThrow({
    where: { roles: { some: { role: "decaan", schoolId: { notIn: meganSchools } } }, aadObjectId: null },
    include: { roles: { include: { school: true } } },
  });
  const aad = "00000000-0000-0000-0000-0000000000099";
  await bot.app.db.person.update({ where: { id: person.id }, data: { aadObjectId: aad } });
  return { teamsId: "29:other-decaan", aad, name: person.naam, conversation: "a:other-decaan", schoolNaam: person.roles.find((r) => r.role === "decaan")!.school!.naam };
}

describe("overstapzaak for a reference that is already a case of another school", () => {
  it("refuses the report without changing the case or revealing its number, school or reason", async () => {
    const [first] = await say(MEGAN, "overstapzaak OS-2027-0042 zomerlek Gesprek met mentor gepland");
    expect(first!.body.text).toContain("Overstapzaak 1 is geopend");
    const before = await bot.app.db.case.findFirstOrThrow({ where: { overstapRef: "OS-2027-0042" } });
    const eventsBefore = await bot.app.db.caseEvent.count({ where: { caseId: before.id } });
    const other = await otherDecaan();

    const replies = await say(other, "overstapzaak OS-2027-0042 geen vervolgkeuze Leerling twijfelt nog");
    expect(replies.every((r) => cardOf(r) === undefined)).toBe(true);
    const shown = replies.map((r) => r.body.text ?? "").join("\n");
    expect(shown).toContain("niet vastleggen");
    // Nothing of the other case: no number (the only digits are the reference the decaan typed), school, people or reason.
    expect(shown.replaceAll("OS-2027-0042", "")).not.toMatch(/\d/);
    for (const leaked of ["Maaskant College", "Megan Bowen", "Gesprek met mentor gepland", "zomerlek"]) expect(shown).not.toContain(leaked);

    // The case is exactly as it was: reason, risk, severity, version and history.
    const after = await bot.app.db.case.findUniqueOrThrow({ where: { id: before.id } });
    expect(after).toEqual(before);
    expect(await bot.app.db.caseEvent.count({ where: { caseId: before.id } })).toBe(eventsBefore);

    // A reference nobody reported opens a case of the decaan's own school, so the refusal is about this reference only.
    const [fresh] = await say(other, "overstapzaak OS-2027-0099 geen vervolgkeuze");
    expect(fresh!.body.text).toContain("is geopend");
    expect(JSON.stringify(cardOf(fresh!))).toContain(other.schoolNaam);

    // Megan, whose school it is, still gets the card when she reports it again.
    const again = await say(MEGAN, "overstapzaak OS-2027-0042 zomerlek");
    expect(JSON.stringify(cardOf(again[0]!))).toContain("Maaskant College");
  });
});

describe("overstapzaak reported again with another risk", () => {
  it("updates both the reason and the risk in the card's title, so the card does not contradict itself", async () => {
    await say(MEGAN, "overstapzaak OS-2027-0043 zomerlek Gesprek met mentor gepland");
    const [again] = await say(MEGAN, "overstapzaak OS-2027-0043 geen vervolgkeuze");
    const card = JSON.stringify(cardOf(again!));
    expect(card).toContain("geen vervolgkeuze");
    expect(card).not.toContain("risico op zomerlek");
    const stored = await bot.app.db.case.findFirstOrThrow({ where: { overstapRef: "OS-2027-0043" } });
    expect(stored).toMatchObject({ overstapReason: "geen-vervolgkeuze", reason: "geen vervolgkeuze" });
    // The earlier reason stays in the history.
    expect(card).toContain("Gesprek met mentor gepland");
  });
});

describe("raising a case a decaan had picked up to the projectteam (L1)", () => {
  it("assigns it to a projectteam member, not to the decaan, and makes that member the owner", async () => {
    const school = await bot.app.db.school.findFirstOrThrow({ where: { roles: { some: { role: "decaan", person: { email: "meganb@example.com" } } } } });
    await say(ALEX, `escaleer ${school.brin}: geen reactie`);
    const opened = await bot.app.db.case.findFirstOrThrow({ where: { schoolId: school.id } });
    expect(opened.level).toBe(0); // opened in chat: L0, the decaan, at once
    expect((await say(MEGAN, `pak op ${opened.id}`))[0]!.body.text).not.toContain("niet");
    const megan = await bot.app.db.person.findUniqueOrThrow({ where: { email: "meganb@example.com" } });
    expect((await bot.app.db.case.findUniqueOrThrow({ where: { id: opened.id } })).ownerId).toBe(megan.id);
    const [raised] = await say(ALEX, `escaleer ${opened.id} decaan komt er niet uit`);
    expect(raised!.body.text).toContain("geëscaleerd");
    expect((await bot.app.db.case.findUniqueOrThrow({ where: { id: opened.id } })).level).toBe(1);
    const owner = await bot.app.db.person.findUniqueOrThrow({ where: { id: (await bot.app.db.case.findUniqueOrThrow({ where: { id: opened.id } })).ownerId! }, include: { roles: true } });
    expect(owner.id).not.toBe(megan.id);
    expect(owner.roles.map((r) => r.role)).toContain("projectteam");
  });
});

describe("an overstap case reported by a decaan of several schools", () => {
  it("has no school, and the reporter can still see it, find it in zaken and pick it up; another decaan cannot", async () => {
    const megan = await bot.app.db.person.findUniqueOrThrow({ where: { email: "meganb@example.com" }, include: { roles: true } });
    const own = megan.roles.find((r) => r.role === "decaan")!.schoolId!;
    const second = await bot.app.db.school.findFirstOrThrow({ where: { id: { not: own }, soort: "vmbo" } });
    await bot.app.db.roleAssignment.create({ data: { personId: megan.id, role: "decaan", schoolId: second.id, scopeKey: `school:${second.id}` } });
    const [opened] = await say(MEGAN, "overstapzaak OS-2027-0077 zomerlek");
    expect(opened!.body.text).toContain("is geopend");
    const stored = await bot.app.db.case.findFirstOrThrow({ where: { overstapRef: "OS-2027-0077" } });
    expect(stored.schoolId).toBeNull();
    expect(JSON.stringify(cardOf((await say(MEGAN, `zaak ${stored.id}`))[0]!))).toContain("OS-2027-0077");
    expect(JSON.stringify(cardOf((await say(MEGAN, "zaken"))[0]!))).toContain(`Zaak ${stored.id}`);
    expect(JSON.stringify(cardOf((await say(MEGAN, "mijn zaken"))[0]!))).not.toContain(`Zaak ${stored.id}`);
    const picked = await press(MEGAN, "zaak-pak-op", { caseId: stored.id, version: stored.version });
    expect(JSON.stringify(picked.value)).toContain("Megan Bowen");
    // "mijn zaken" is what people type for "zaken mijn": the cases they took on, and only those.
    const mine = JSON.stringify(cardOf((await say(MEGAN, "mijn zaken"))[0]!));
    expect(mine).toContain(`Zaak ${stored.id}`);
    expect(mine).toContain("alleen jouw zaken");
    const other = await otherDecaan();
    expect((await say(other, `zaak ${stored.id}`))[0]!.body.text).toContain("niet over jouw school");
    expect(JSON.stringify(cardOf((await say(other, "zaken"))[0]!))).not.toContain(`Zaak ${stored.id}`);
  });
});

describe("a card pressed after someone else changed the case", () => {
  it("names who changed it, not who merely commented since", async () => {
    const school = await bot.app.db.school.findFirstOrThrow({ where: { naam: "Maaskant College vmbo Stein" } });
    const { case: c } = await runInTransaction(bot.app.db, (tx) => openOrUpdateCase(tx, { type: "geen-reactie", subject: { kind: "school", schoolId: school.id }, reason: "r", source: "job" }, now));
    await press(ALEX, "zaak-pak-op", { caseId: c.id, version: c.version });
    await press(MEGAN, "zaak-opmerking", { caseId: c.id, version: c.version, opmerking: "Ik bel morgen" });
    const late = await press(LYNNE, "zaak-pauzeer", { caseId: c.id, version: c.version, tot: "2027-03-15" });
    expect(JSON.stringify(late.value)).toContain("Deze zaak is net gewijzigd door Alex Wilber, dit is de nieuwe stand");
  });
});

describe("zaken with more open cases than fit on one card", () => {
  it("says how many there are in all instead of presenting the first 50 as everything", async () => {
    const schools = await bot.app.db.school.findMany({ orderBy: { id: "asc" }, take: 55 });
    expect(schools).toHaveLength(55);
    await runInTransaction(bot.app.db, async (tx) => {
      for (const s of schools) await openOrUpdateCase(tx, { type: "geen-reactie", subject: { kind: "school", schoolId: s.id }, reason: "geen reactie", source: "job" }, now);
    });
    const card = JSON.stringify(cardOf((await say(ALEX, "zaken"))[0]!));
    expect(card).toContain("Openstaande zaken (50 van 55)");
    expect(card).toContain("Hier staan de eerste 50; maak de lijst korter met een filter.");
    // A filter that fits shows its plain count.
    expect(JSON.stringify(cardOf((await say(ALEX, "zaken parkstad"))[0]!))).toMatch(/Openstaande zaken \(\d+\)/);
  });
});
