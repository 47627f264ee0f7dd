import { describe, expect, it } from "vitest";
import { contactCheckJob } from "../../src/jobs/contact-check.js";
import type { EnqueueMessage, OutboundMessage } from "../../src/services/ports.js";
import { PLAYGROUND_USERS } from "../../src/demo/demo-region.js";
import { renderContactCheckView } from "../../src/cards/contact-check-card.js";
import { listContactChecks, NOT_YOUR_SCHOOL } from "../../src/services/contacts.js";
import { loadActivity } from "../support/fixtures.js";
import { useTestAanjager } from "../support/test-app.js";

// A Monday in October 2026, office hours, school year 2026-2027.
const NOW = new Date("2026-10-05T08:00:00Z");
const YEAR = "2026-2027";

const bot = useTestAanjager({ clock: () => NOW });

const users = {
  alex: { id: "29:alex", aadObjectId: PLAYGROUND_USERS.alex.aadObjectId, name: "Alex Wilber" },
  megan: { id: "29:megan", aadObjectId: PLAYGROUND_USERS.megan.aadObjectId, name: "Megan Bowen" },
  adele: { id: "29:adele", aadObjectId: PLAYGROUND_USERS.adele.aadObjectId, name: "Adele Vance" },
};

function cardOf(call: { body: any }) {
  const attachment = call.body.attachments?.[0];
  expect(attachment?.contentType).toBe("application/vnd.microsoft.card.adaptive");
  return attachment.content;
}

async function say(from: (typeof users)[keyof typeof users], text: string) {
  const before = bot.connector.sent().length;
  await bot.post(loadActivity("personal-message-help", bot.connector.url, { from, conversation: { id: `a:${from.id}` }, text }));
  const sent = await bot.connector.waitForSent(before + 1);
  return sent[sent.length - 1]!;
}

async function invoke(from: (typeof users)[keyof typeof users], verb: string, data: Record<string, unknown>) {
  const res = await bot.post(loadActivity("card-action-invoke", bot.connector.url, { from, conversation: { id: `a:${from.id}` }, value: { action: { type: "Action.Execute", verb, data } } }));
  expect(res.status).toBe(200);
  return (await res.json()) as { statusCode: number; type: string; value: any };
}

async function schoolOf(email: string) {
  const person = await bot.app.db.person.findUniqueOrThrow({ where: { email }, include: { roles: { where: { role: "decaan" }, include: { school: true } } } });
  return { person, school: person.roles[0]!.school! };
}

/** The card Megan gets from the contact check, and the data of its actions. */
async function meganCard() {
  const { person, school } = await schoolOf(PLAYGROUND_USERS.megan.email);
  const message = (await listContactChecks(bot.app.db, YEAR)).find((m) => m.personId === person.id && m.schoolId === school.id)!;
  const card = renderContactCheckView(message.view) as any;
  const confirm = card.actions.find((a: any) => a.verb === "contacten-bevestigen");
  const correct = card.actions.find((a: any) => a.type === "Action.ShowCard").card.actions[0];
  return { card, confirm, correct, person, school };
}

describe("contacten (chat command)", () => {
  it("lists the overstap schools without a valid decaan, each with the reason", async () => {
    const db = bot.app.db;
    // Megan's school becomes valid: she is linked (playground AAD id) and confirmed this year.
    const megan = await schoolOf(PLAYGROUND_USERS.megan.email);
    await db.contactConfirmation.create({ data: { personId: megan.person.id, schoolId: megan.school.id, schoolYear: YEAR, confirmedAt: NOW, confirmedById: megan.person.id } });
    // A pro school loses its decaan, a vso decaan blocked the bot.
    const pro = await db.school.findFirstOrThrow({ where: { soort: "pro" }, orderBy: { brin: "asc" } });
    await db.roleAssignment.deleteMany({ where: { schoolId: pro.id, role: "decaan" } });
    const vso = await db.school.findFirstOrThrow({ where: { soort: "vso" }, orderBy: { brin: "asc" }, include: { roles: { where: { role: "decaan" }, include: { person: true } } } });
    const vsoDecaan = vso.roles[0]!.person;
    await db.person.update({ where: { id: vsoDecaan.id }, data: { aadObjectId: "aad-vso-decaan", teamsUserId: "29:vso-decaan" } });
    await db.contactConfirmation.create({ data: { personId: vsoDecaan.id, schoolId: vso.id, schoolYear: YEAR, confirmedAt: NOW } });
    await db.conversationRef.create({ data: { conversationId: "a:vso", kind: "personal", serviceUrl: bot.connector.url, botId: "28:bot", personId: vsoDecaan.id, reference: "{}", status: "blocked" } });
    // Another vso decaan never opened a chat, and Teams refused the one the dispatcher tried to start (403).
    const vso2 = await db.school.findFirstOrThrow({ where: { soort: "vso", id: { not: vso.id } }, orderBy: { brin: "asc" }, include: { roles: { where: { role: "decaan" }, include: { person: true } } } });
    const refusedDecaan = vso2.roles[0]!.person;
    await db.person.update({ where: { id: refusedDecaan.id }, data: { aadObjectId: "aad-vso2-decaan", unreachableSince: NOW, unreachableReason: "403 BotDisabledByAdmin" } });
    await db.contactConfirmation.create({ data: { personId: refusedDecaan.id, schoolId: vso2.id, schoolYear: YEAR, confirmedAt: NOW } });

    const card = cardOf(await say(users.alex, "contacten"));
    const text = JSON.stringify(card);
    const overstap = await db.school.count({ where: { soort: { in: ["vmbo", "vso", "pro"] } } });
    expect(overstap).toBe(39);
    expect(card.body[0].text).toBe("Contactpersonen: scholen zonder geldige decaan");
    expect(card.body[1].text).toBe(`38 van de 39 overstapscholen (vmbo, vso, pro) hebben geen geldige decaan voor schooljaar ${YEAR}:`);
    const entry = (naam: string) => card.body.find((b: any) => b.type === "Container" && b.items?.[0]?.text.includes(`**${naam}**`));
    expect(entry(megan.school.naam)).toBeUndefined();
    const alex = await schoolOf(PLAYGROUND_USERS.alex.email);
    // Alex shares his school with a demo decaan who is not in Teams yet.
    const other = (await db.roleAssignment.findFirstOrThrow({ where: { schoolId: alex.school.id, role: "decaan", personId: { not: alex.person.id } }, include: { person: true } })).person;
    expect(entry(alex.school.naam).items[1].text).toBe(
      `geen geldige decaan. Alex Wilber: niet bevestigd voor schooljaar ${YEAR} | ${other.naam}: onbekend in Teams (nog niet gekoppeld); niet bevestigd voor schooljaar ${YEAR}`,
    );
    expect(entry(pro.naam).items[1].text).toBe("geen decaan geregistreerd");
    expect(entry(vso.naam).items[1].text).toBe(`geen geldige decaan. ${vsoDecaan.naam}: heeft Aanjager geblokkeerd in Teams`);
    expect(entry(vso2.naam).items[1].text).toBe(`geen geldige decaan. ${refusedDecaan.naam}: heeft Aanjager geblokkeerd in Teams`);
    const unlinked = await db.school.findFirstOrThrow({ where: { soort: "vmbo", id: { notIn: [alex.school.id, megan.school.id] } }, include: { roles: { where: { role: "decaan" }, include: { person: true } } } });
    expect(entry(unlinked.naam).items[1].text).toBe(`geen geldige decaan. ${unlinked.roles[0]!.person.naam}: onbekend in Teams (nog niet gekoppeld); niet bevestigd voor schooljaar ${YEAR}`);
    expect(text).not.toContain("havo-vwo");
  });

  it("is only for the projectteam and the beheerder", async () => {
    const reply = await say(users.megan, "contacten");
    expect(reply.body.text).toContain("**contacten** is niet beschikbaar voor jouw rol");
    expect(await bot.app.db.contactConfirmation.count()).toBe(0);
  });
});

describe("klopt dit nog? (card actions over /api/messages)", () => {
  it("builds a card per decaan of every overstap school, listing the school's decanen and mentors", async () => {
    const messages = await listContactChecks(bot.app.db, YEAR);
    const decanen = await bot.app.db.roleAssignment.count({ where: { role: "decaan", school: { soort: { in: ["vmbo", "vso", "pro"] } } } });
    expect(messages).toHaveLength(decanen);
    expect(new Set(messages.map((m) => m.key)).size).toBe(messages.length);
    const { card, confirm, school } = await meganCard();
    expect(card.body[0].text).toBe(`Klopt dit nog? Contactpersonen van ${school.naam}`);
    const contacts = await bot.app.db.roleAssignment.findMany({ where: { schoolId: school.id }, include: { person: true } });
    for (const c of contacts) expect(JSON.stringify(card)).toContain(c.person.email);
    expect(confirm.data).toEqual({ schoolId: school.id, schoolYear: YEAR, contactIds: expect.arrayContaining(contacts.map((c) => c.personId)) });
  });

  it("confirms the school's contacts for the school year and answers with the refreshed card", async () => {
    const { confirm, school, person } = await meganCard();
    const response = await invoke(users.megan, confirm.verb, confirm.data);
    expect(response).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
    const text = JSON.stringify(response.value);
    expect(text).toContain("Bevestigd door Megan Bowen op 5 oktober 2026. Dank je wel!");
    expect(text).toContain("bevestigd op 5 oktober 2026");
    expect(text).not.toContain("nog niet bevestigd");
    const confirmations = await bot.app.db.contactConfirmation.findMany({ where: { schoolId: school.id } });
    expect(confirmations.map((c) => c.personId).sort()).toEqual([...confirm.data.contactIds].sort());
    expect(confirmations.every((c) => c.schoolYear === YEAR && c.confirmedById === person.id && c.confirmedAt.getTime() === NOW.getTime())).toBe(true);
    // Megan is linked (AAD id) and now confirmed: her school no longer lacks a valid decaan.
    expect(JSON.stringify(cardOf(await say(users.alex, "contacten")))).not.toContain(school.naam);
  });

  it("shows validation errors in Dutch on the card and changes nothing", async () => {
    const { correct, school } = await meganCard();
    const mentors = await bot.app.db.roleAssignment.findMany({ where: { schoolId: school.id, role: "mentor" }, include: { person: true }, orderBy: { mentorGroup: "asc" } });
    const [m1, m2] = mentors.map((m) => m.person);
    // Megan's Teams id is already known, so the turn itself changes nothing either.
    await bot.app.db.person.update({ where: { email: PLAYGROUND_USERS.megan.email }, data: { teamsUserId: users.megan.id } });
    const before = JSON.stringify(await bot.app.db.person.findMany({ orderBy: { id: "asc" } }));
    const rolesBefore = await bot.app.db.roleAssignment.count({ where: { schoolId: school.id } });
    const response = await invoke(users.megan, correct.verb, {
      ...correct.data,
      [`naam_${m1!.id}`]: "   ",
      [`email_${m1!.id}`]: "geen-adres",
      [`weg_${m1!.id}`]: "false",
      [`naam_${m2!.id}`]: m2!.naam,
      [`email_${m2!.id}`]: PLAYGROUND_USERS.alex.email,
      [`weg_${m2!.id}`]: "false",
    });
    expect(response.type).toBe("application/vnd.microsoft.card.adaptive");
    const card = response.value;
    const errors = card.body.find((b: any) => b.style === "attention");
    expect(errors.items.map((i: any) => i.text)).toEqual([
      "Er is niets opgeslagen. Verbeter dit via 'Iets klopt niet' en sla opnieuw op:",
      `- ${m1!.naam}, naam: de naam mag niet leeg zijn`,
      `- ${m1!.naam}, e-mailadres: dit is geen geldig e-mailadres`,
      `- ${m2!.naam}, e-mailadres: dit e-mailadres hoort in Aanjager al bij iemand anders`,
    ]);
    // The inputs keep what was typed, with the error under the field.
    const form = JSON.stringify(card.actions.find((a: any) => a.type === "Action.ShowCard").card);
    expect(form).toContain('"value":"geen-adres"');
    expect(form).toContain("dit is geen geldig e-mailadres");
    expect(JSON.stringify(await bot.app.db.person.findMany({ orderBy: { id: "asc" } }))).toBe(before);
    expect(await bot.app.db.roleAssignment.count({ where: { schoolId: school.id } })).toBe(rolesBefore);
  });

  it("applies a correction: a new name, a new e-mail address (dropping the old Teams link), someone gone", async () => {
    const { correct, school } = await meganCard();
    const mentors = await bot.app.db.roleAssignment.findMany({ where: { schoolId: school.id, role: "mentor" }, include: { person: true }, orderBy: { mentorGroup: "asc" } });
    expect(mentors.length).toBeGreaterThanOrEqual(2);
    const [m1, m2, m3] = mentors.map((m) => m.person);
    await bot.app.db.person.update({ where: { id: m2!.id }, data: { aadObjectId: "aad-old", teamsUserId: "29:old" } });
    const data: Record<string, unknown> = { ...correct.data, [`naam_${m1!.id}`]: `${m1!.naam}-Smeets`, [`email_${m2!.id}`]: "Nieuw.Adres@School.Example", [`weg_${m2!.id}`]: "false" };
    if (m3) data[`weg_${m3.id}`] = "true";
    const response = await invoke(users.megan, correct.verb, data);
    const text = JSON.stringify(response.value);
    expect(text).toContain(m3 ? "Opgeslagen: 1 naam aangepast, 1 e-mailadres aangepast, 1 persoon afgemeld voor deze school." : "Opgeslagen: 1 naam aangepast, 1 e-mailadres aangepast.");
    expect(text).toContain(`${m1!.naam}-Smeets`);
    expect(text).toContain("nieuw.adres@school.example");
    expect(await bot.app.db.person.findUniqueOrThrow({ where: { id: m1!.id } })).toMatchObject({ naam: `${m1!.naam}-Smeets` });
    expect(await bot.app.db.person.findUniqueOrThrow({ where: { id: m2!.id } })).toMatchObject({ email: "nieuw.adres@school.example", aadObjectId: null, teamsUserId: null });
    if (m3) {
      expect(await bot.app.db.roleAssignment.count({ where: { personId: m3.id, schoolId: school.id } })).toBe(0);
      expect(text).not.toContain(m3.email);
    }
  });

  it("does not let a decaan change the name or e-mail address of someone who also works elsewhere (another school's decaan)", async () => {
    const { correct, school } = await meganCard();
    const alexSchool = (await schoolOf(PLAYGROUND_USERS.alex.email)).school;
    const mentor = (await bot.app.db.roleAssignment.findFirstOrThrow({ where: { schoolId: school.id, role: "mentor" }, include: { person: true } })).person;
    await bot.app.db.roleAssignment.create({ data: { personId: mentor.id, role: "decaan", schoolId: alexSchool.id, scopeKey: `school:${alexSchool.brin}` } });
    await bot.app.db.person.update({ where: { id: mentor.id }, data: { aadObjectId: "aad-mentor", teamsUserId: "29:mentor" } });
    const before = JSON.stringify(await bot.app.db.person.findUniqueOrThrow({ where: { id: mentor.id } }));

    const response = await invoke(users.megan, correct.verb, { ...correct.data, [`naam_${mentor.id}`]: "Iemand Anders", [`email_${mentor.id}`]: "megan.tweede@example.com" });
    const text = JSON.stringify(response.value);
    expect(text).toContain("werkt ook buiten deze school");
    expect(text).not.toContain("Opgeslagen");
    expect(JSON.stringify(await bot.app.db.person.findUniqueOrThrow({ where: { id: mentor.id } }))).toBe(before);
    // Signing them off for this school only stays possible.
    expect(JSON.stringify((await invoke(users.megan, correct.verb, { ...correct.data, [`weg_${mentor.id}`]: "true" })).value)).toContain("1 persoon afgemeld voor deze school");
    expect(await bot.app.db.roleAssignment.count({ where: { personId: mentor.id, schoolId: alexSchool.id, role: "decaan" } })).toBe(1);
  });

  it("refuses a decaan of another school, and a mentor, without changing anything", async () => {
    const { confirm, correct } = await meganCard();
    expect(await invoke(users.alex, confirm.verb, confirm.data)).toMatchObject({ type: "application/vnd.microsoft.activity.message", value: NOT_YOUR_SCHOOL });
    const someone = confirm.data.contactIds[1];
    expect(await invoke(users.alex, correct.verb, { ...correct.data, [`weg_${someone}`]: "true" })).toMatchObject({ value: NOT_YOUR_SCHOOL });
    expect((await invoke(users.adele, confirm.verb, confirm.data)).value).toContain("niet beschikbaar voor jouw rol");
    expect(await bot.app.db.contactConfirmation.count()).toBe(0);
    expect(await bot.app.db.roleAssignment.count({ where: { personId: someone } })).toBeGreaterThan(0);
  });

  it("answers a card from last school year or with broken data without changing anything", async () => {
    const { confirm } = await meganCard();
    expect((await invoke(users.megan, confirm.verb, { ...confirm.data, schoolYear: "2025-2026" })).value).toContain("Deze kaart hoort bij schooljaar 2025-2026");
    expect((await invoke(users.megan, confirm.verb, { schoolId: "x" })).value).toBe("Deze kaart bevat ongeldige gegevens en is niet verwerkt. Er is niets veranderd.");
    expect(await bot.app.db.contactConfirmation.count()).toBe(0);
  });
});

describe("contact-check job", () => {
  it("hands the card for decanen of schools not yet confirmed to the outbox, once per key, and only from September to April", async () => {
    const sent: OutboundMessage[] = [];
    const enqueueMessage: EnqueueMessage = async (_tx, message) => {
      const fresh = !sent.some((m) => m.key === message.key);
      if (fresh) sent.push(message);
      return { enqueued: fresh };
    };
    const deps = { ...bot.app.jobDeps, enqueue: enqueueMessage };
    const first = await contactCheckJob.run(deps, NOW);
    expect(first).toMatchObject({ schoolYear: YEAR, inPeriod: true });
    expect(sent).toHaveLength(first.messages as number);
    expect(first.enqueued).toBe(first.messages);
    expect(sent.every((m) => m.key.startsWith(`contact-check:${YEAR}:`) && m.purpose === "contacten-controle" && "personId" in m.recipient && m.card.type === "AdaptiveCard")).toBe(true);
    // Monday 5 October 2026, 10:00 in Amsterdam: inside office hours, so not deferred.
    expect(sent[0]!.notBefore).toEqual(NOW);
    // The next day the same keys are offered again and the outbox takes none of them.
    expect(await contactCheckJob.run(deps, new Date("2026-10-06T08:00:00Z"))).toMatchObject({ enqueued: 0 });

    const { confirm, school } = await meganCard();
    await invoke(users.megan, confirm.verb, confirm.data);
    const decanen = await bot.app.db.roleAssignment.count({ where: { schoolId: school.id, role: "decaan" } });
    expect(decanen).toBe(2); // Megan and a demo decaan: neither is asked again
    // Through the real outbox: the decanen who confirmed are not asked again.
    const real = await contactCheckJob.run(bot.app.jobDeps, NOW);
    expect(real).toMatchObject({ messages: (first.messages as number) - decanen });
    expect(JSON.stringify(await bot.app.db.outboxMessage.findMany({ select: { key: true } }))).not.toContain(`:${confirm.data.schoolId}:`);

    expect(await contactCheckJob.run(deps, new Date("2026-08-20T08:00:00Z"))).toEqual({ schoolYear: YEAR, inPeriod: false, messages: 0, enqueued: 0 });
  });
});
