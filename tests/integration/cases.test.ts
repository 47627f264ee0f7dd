import { afterEach, describe, expect, it } from "vitest";
import { listCardButtons } from "../support/card-buttons.js";
import { runInTransaction } from "../../src/db/client.js";
import { upsertDirectory } from "../../src/db/directory.js";
import { GENERIC_USER_ERROR } from "../../src/errors.js";
import { openOrUpdateCase } from "../../src/services/cases/index.js";
import { ADELE, ALEX, LYNNE, MEGAN, cardOf, createCaseChat } from "../support/case-chat.js";
import { loadActivity } from "../support/fixtures.js";
import { startTestAanjager, useTestAanjager, type TestAanjager } from "../support/test-app.js";

// Monday 1 March 2027, 10:00 in Amsterdam: a working day, office open.
const NOW = new Date("2027-03-01T09:00:00Z");

const shared = useTestAanjager({ clock: () => NOW, env: { LOG_LEVEL: process.env.TEST_LOG ?? "silent" }, autoDeliver: true });
/** The file's Aanjager, or one a test starts for itself (with its own log). */
let bot: TestAanjager = shared;
const { say, press } = createCaseChat(() => bot);
afterEach(async () => {
  if (bot === shared) return;
  await bot.close();
  bot = shared;
});

function textOf(call: { body: any }): string {
  return `${call.body.text ?? ""} ${JSON.stringify(cardOf(call) ?? "")}`;
}

async function schoolByName(naam: string) {
  return bot.app.db.school.findFirstOrThrow({ where: { naam } });
}

describe("escaleer", () => {
  it("opens a case about a school typed by name, answers with the case card and reminds the decanen (L0)", async () => {
    await say(ALEX, "help"); // Alex (also decaan of this school) has a personal chat with the bot
    const [reply] = await say(ALEX, "Escaleer graaf huyn vmbo: DDD's blijven achter");
    const card = cardOf(reply!);
    expect(reply!.body.text).toContain("Zaak 1 is geopend over Graaf Huyn Vmbo Geleen");
    expect(card.version).toBe("1.5");
    expect(JSON.stringify(card)).toContain("Zaak 1 · werkafspraak niet nagekomen");
    expect(JSON.stringify(card)).toContain("DDD's blijven achter");
    expect(JSON.stringify(card)).toContain("L0 · verantwoordelijke herinnerd");
    // Mentions of the people concerned, with their Teams ids where known.
    expect(card.msteams.entities).toContainEqual({ type: "mention", text: "<at>Alex Wilber</at>", mentioned: { id: ALEX.teamsId, name: "Alex Wilber" } });
    expect(JSON.stringify(card.body)).toContain("<at>Alex Wilber</at>");
    expect(card.refresh).toMatchObject({ action: { verb: "zaak-vernieuw", data: { caseId: 1 } }, userIds: expect.arrayContaining([ALEX.teamsId]) });
    expect(listCardButtons(card).map((a: any) => a.title)).toEqual(["Pak op", "Pauzeer", "Sluit", "Opmerking"]);
    // The L0 reminder reaches Alex's personal chat proactively (a new message, not a reply).
    await expect.poll(() => bot.connector.sent().filter((c) => c.conversationId === ALEX.conversation && c.path.endsWith("/activities")).length).toBe(1);
    const reminder = bot.connector.sent().find((c) => c.conversationId === ALEX.conversation && c.path.endsWith("/activities"))!;
    expect(textOf(reminder)).toContain("Herinnering");
    const events = await bot.app.db.caseEvent.findMany({ where: { caseId: 1 }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.kind, e.via, e.actorName])).toEqual([
      ["opened", "chat", "Alex Wilber"],
      ["escalated", "job", null],
    ]);
  });

  it("asks 'bedoel je ...?' when the school is ambiguous, and escalates the school chosen on the card", async () => {
    const [reply] = await say(ALEX, "escaleer GRAAF HUYN reageert niet");
    const card = cardOf(reply!);
    expect(card.body[0].text).toBe("Bedoel je ...?");
    const choices = listCardButtons(card).map((a: any) => a.title).sort();
    expect(choices).toEqual([expect.stringMatching(/^Graaf Huyn Lyceum Geleen \(/), expect.stringMatching(/^Graaf Huyn Vmbo Geleen \(/)]);
    const lyceum = listCardButtons(card).find((a: any) => a.title.startsWith("Graaf Huyn Lyceum"));
    expect(lyceum).toMatchObject({ type: "Action.Execute", verb: "escaleer-school", data: { reason: "reageert niet" } });
    const answer = await press(ALEX, "escaleer-school", lyceum.data);
    expect(answer.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(JSON.stringify(answer.value)).toContain("Graaf Huyn Lyceum Geleen");
    // The "bedoel je" message is replaced by the case card for everyone (right after the turn).
    await bot.connector.waitFor((calls) => calls.some((c) => c.method === "PUT" && c.path.endsWith("/activities/1:card-message-id")));
    expect(await bot.app.db.case.count()).toBe(1);
  });

  it("finds a school by BRIN, raises an existing case by number, and says when nothing matches", async () => {
    const school = await schoolByName("Carbon Vakcollege Heerlen");
    await say(ALEX, `escaleer ${school.brin.toLowerCase()}`);
    const [raised] = await say(ALEX, "escaleer 1 nog steeds niets gehoord");
    expect(JSON.stringify(cardOf(raised!))).toContain("L1 · projectteam");
    const [none] = await say(ALEX, "escaleer de kat krabt");
    expect(none!.body.text).toContain('Ik vind geen school die lijkt op "de kat krabt"');
  });
});

describe("working a case in chat", () => {
  async function openCase(schoolNaam = "Graaf Huyn Vmbo Geleen", type: "ddd-achterstand" | "geen-reactie" = "ddd-achterstand") {
    const school = await schoolByName(schoolNaam);
    const { case: c } = await runInTransaction(bot.app.db, (tx) => openOrUpdateCase(tx, { type, subject: { kind: "school", schoolId: school.id }, reason: "DDD-norm niet gehaald", source: "job" }, NOW));
    return c;
  }

  it("zaken lists open cases, filtered by subregio or type", async () => {
    await openCase("Graaf Huyn Vmbo Geleen");
    await openCase("Carbon Vakcollege Heerlen", "geen-reactie");
    const all = JSON.stringify(cardOf((await say(ALEX, "zaken"))[0]!));
    expect(all).toContain("Openstaande zaken (2)");
    const parkstad = JSON.stringify(cardOf((await say(ALEX, "Zaken Parkstad"))[0]!));
    expect(parkstad).toContain("Openstaande zaken (1)");
    expect(parkstad).toContain("Carbon Vakcollege Heerlen");
    const ddd = JSON.stringify(cardOf((await say(ALEX, "zaken ddd"))[0]!));
    expect(ddd).toContain("Openstaande zaken (1)");
    expect(ddd).toContain("Graaf Huyn Vmbo Geleen");
    expect(ddd).toContain("zaak-bekijk");
  });

  it("a decaan sees and picks up only cases of their own school", async () => {
    const own = await openCase("Maaskant College vmbo Stein"); // Megan's school (the second vmbo)
    const other = await openCase("Carbon Vakcollege Heerlen");
    const list = JSON.stringify(cardOf((await say(MEGAN, "zaken"))[0]!));
    expect(list).toContain("Openstaande zaken (1)");
    expect(list).toContain("Zaken van je eigen school");
    expect((await say(MEGAN, `zaak ${other.id}`))[0]!.body.text).toContain("Deze zaak gaat niet over jouw school");
    expect((await say(MEGAN, `pak op ${other.id}`))[0]!.body.text).toContain("Deze zaak gaat niet over jouw school");
    const [picked] = await say(MEGAN, `pak op ${own.id}`);
    expect(picked!.body.text).toContain(`Je hebt zaak ${own.id} opgepakt`);
    expect(JSON.stringify(cardOf(picked!))).toContain("Megan Bowen");
    expect((await say(MEGAN, `opmerking ${own.id} Gesprek met de mentor gepland`))[0]!.body.text).toContain("Je opmerking staat bij zaak");
    // Pausing is for the projectteam: the command table refuses it for a decaan.
    expect((await say(MEGAN, `pauzeer ${own.id} tot 12-3-2027`))[0]!.body.text).toContain("**pauzeer** is niet beschikbaar voor jouw rol");
  });

  it("pauzeer, sluit (with a required note), heropen and zaak with its history", async () => {
    const c = await openCase();
    expect((await say(ALEX, `pauzeer ${c.id} tot 12-3-2027`))[0]!.body.text).toContain(`Zaak ${c.id} is gepauzeerd tot 12-03-2027`);
    expect((await say(ALEX, `pauzeer ${c.id} tot volgende week maandag`))[0]!.body.text).toContain("gepauzeerd tot 08-03-2027");
    expect((await say(ALEX, `pauzeer ${c.id} tot gisteren`))[0]!.body.text).toContain("'gisteren' herken ik niet als datum");
    // A BSN typed where the date goes is not repeated in the answer.
    const bsn = (await say(ALEX, `pauzeer ${c.id} tot 123456782`))[0]!.body.text;
    expect(bsn).toContain("Die datum herken ik niet.");
    expect(bsn).not.toContain("123456782");
    expect((await say(ALEX, `pauzeer ${c.id} tot 1-2-2027`))[0]!.body.text).toContain("ligt niet in de toekomst");
    expect((await say(ALEX, `sluit ${c.id}`))[0]!.body.text).toContain("Schrijf bij het sluiten een toelichting");
    const [closed] = await say(ALEX, `Sluit ${c.id} Alle DDD's zijn binnen`);
    expect(closed!.body.text).toContain(`Zaak ${c.id} is gesloten`);
    expect(JSON.stringify(cardOf(closed!))).toContain("Alle DDD's zijn binnen"); // stored as typed, not lowercased
    expect((await say(ALEX, `heropen ${c.id}`))[0]!.body.text).toContain("is heropend");
    const history = JSON.stringify(cardOf((await say(ALEX, `zaak ${c.id}`))[0]!));
    for (const word of ["geopend door Aanjager", "gepauzeerd tot 12-03-2027 door Alex Wilber (chat)", "gesloten door Alex Wilber (chat): Alle DDD's zijn binnen", "heropend door Alex Wilber (chat)"]) expect(history).toContain(word);
    expect((await say(ALEX, "zaak 999"))[0]!.body.text).toContain("Zaak 999 bestaat niet");
  });
});

describe("user errors", () => {
  it("are answered in Dutch by the routers for commands and buttons alike, and never logged as a failed turn", async () => {
    const lines: string[] = [];
    bot = await startTestAanjager({ clock: () => NOW, logLines: lines });
    expect((await say(ALEX, "escaleer graaf huyn vmbo: DDD's blijven achter"))[0]!.body.text).toContain("Zaak 1 is geopend");
    const refusals = ["opmerking 1 mail naar piet.pupil@gmail.com", "sluit 1 gemaild met piet.pupil@gmail.com", "overstapzaak OS-2027-0042 zomerlek piet.pupil@gmail.com"];
    for (const text of refusals) {
      const [reply] = await say(ALEX, text);
      expect(reply!.body.text, text).toContain("e-mailadres van iemand die Aanjager niet kent");
      expect(reply!.body.text, text).not.toContain("piet.pupil");
      expect(reply!.body.text, text).not.toBe(GENERIC_USER_ERROR);
    }
    const pressed = await press(ALEX, "escaleer-school", { schoolId: 999, reason: "x" });
    expect(pressed.value).toBe("Die school ken ik niet.");
    const all = lines.join("\n");
    expect(all.match(/"msg":"command refused"/g)).toHaveLength(refusals.length);
    expect(all).toContain('"msg":"card action refused"');
    expect(all).not.toContain('"msg":"turn failed"');
    expect(all).not.toContain("piet.pupil"); // logs carry codes, never the text
  });
});

describe("case card buttons", () => {
  async function openCase() {
    const school = await schoolByName("Graaf Huyn Vmbo Geleen");
    const { case: c } = await runInTransaction(bot.app.db, (tx) => openOrUpdateCase(tx, { type: "geen-reactie", subject: { kind: "school", schoolId: school.id }, reason: "r", source: "job" }, NOW));
    return c;
  }

  it("'pak op' refreshes the card in place for everyone", async () => {
    const c = await openCase();
    const answer = await press(ALEX, "zaak-pak-op", { caseId: c.id, version: c.version });
    expect(answer.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(JSON.stringify(answer.value)).toContain('"value":"opgepakt"');
    expect(listCardButtons(answer.value).map((a: any) => a.title)).not.toContain("Pak op");
    await bot.connector.waitFor((calls) => calls.some((call) => call.method === "PUT"));
    const put = bot.connector.calls.find((call) => call.method === "PUT")!;
    expect(put.path).toContain("/activities/1:card-message-id");
    expect(listCardButtons(put.body.attachments[0].content).map((a: any) => a.verb ?? a.title)).toEqual(["Pauzeer", "Sluit", "Opmerking"]);
  });

  it("two people pressing 'pak op' on the same card at once: one wins, the other gets the new state", async () => {
    const c = await openCase();
    const [a, b] = await Promise.all([press(ALEX, "zaak-pak-op", { caseId: c.id, version: c.version }), press(LYNNE, "zaak-pak-op", { caseId: c.id, version: c.version })]);
    const row = await bot.app.db.case.findUniqueOrThrow({ where: { id: c.id }, include: { owner: true } });
    expect(row.state).toBe("erkend");
    expect(row.version).toBe(c.version + 1);
    expect(await bot.app.db.caseEvent.count({ where: { caseId: c.id, kind: "acknowledged" } })).toBe(1);
    const notices = [a, b].filter((r) => JSON.stringify(r.value).includes("Deze zaak is net gewijzigd door"));
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(notices[0]!.value)).toContain(`Deze zaak is net gewijzigd door ${row.owner!.naam}, dit is de nieuwe stand`);
    // Only the winner replaced the card for everyone; the loser's answer went to the loser alone.
    await bot.connector.waitFor((calls) => calls.some((call) => call.method === "PUT"));
    expect(bot.connector.calls.filter((call) => call.method === "PUT")).toHaveLength(1);
  });

  it("pauzeer with the date input, sluit with the note input, heropen and opmerking", async () => {
    const c = await openCase();
    const paused = await press(ALEX, "zaak-pauzeer", { caseId: c.id, version: 1, tot: "2027-03-15" });
    expect(JSON.stringify(paused.value)).toContain("gepauzeerd tot 15-03-2027");
    const missingNote = await press(ALEX, "zaak-sluit", { caseId: c.id, version: 2, toelichting: "" });
    expect(missingNote.value).toContain("Schrijf bij het sluiten een toelichting");
    const closed = await press(ALEX, "zaak-sluit", { caseId: c.id, version: 2, toelichting: "Opgelost na gesprek" });
    expect(listCardButtons(closed.value).map((a: any) => a.title)).toEqual(["Heropen", "Opmerking"]);
    const reopened = await press(ALEX, "zaak-heropen", { caseId: c.id, version: 3 });
    expect(JSON.stringify(reopened.value)).toContain("heropend door Alex Wilber (kaart)");
    // A comment from an older card still lands: it cannot overwrite anything.
    const commented = await press(ALEX, "zaak-opmerking", { caseId: c.id, version: 1, opmerking: "Nagebeld" });
    expect(JSON.stringify(commented.value)).toContain("opmerking door Alex Wilber (kaart): Nagebeld");
    const bsn = await press(ALEX, "zaak-opmerking", { caseId: c.id, version: 5, opmerking: "leerling 123456782" });
    expect(bsn.value).toContain("burgerservicenummer");
  });

  it("refuses an e-mail address of anyone outside the directory in case text, and stores nothing; staff addresses are fine", async () => {
    const c = await openCase();
    const events = () => bot.app.db.caseEvent.count({ where: { caseId: c.id } });
    const before = await events();
    const parent = await press(ALEX, "zaak-opmerking", { caseId: c.id, version: 1, opmerking: "Moeder mailde vanaf Ouder.Jansen@Gmail.com" });
    expect(parent.value).toBe(
      "Dit bericht bevat een e-mailadres van iemand die Aanjager niet kent als medewerker in het VSV-programma. Er is niets opgeslagen of verstuurd. Aanjager bewaart geen namen, BSN's of e-mailadressen van leerlingen of ouders. Verwijs naar een leerling alleen met een pseudoniem kenmerk: het kenmerk uit het overstapsysteem (zoals OS-2027-0042) of de leerlingcode van je eigen school; geen naam, geen BSN. Een adres van een collega in het programma mag wel.",
    );
    const closing = (await say(ALEX, `sluit ${c.id} doorgestuurd naar leerling@student.example.nl`))[0]!.body.text;
    expect(closing).toContain("e-mailadres van iemand die Aanjager niet kent");
    expect(closing).not.toContain("leerling@student.example.nl");
    expect((await say(ALEX, `opmerking ${c.id} zie jan@hotmail.com`))[0]!.body.text).toContain("e-mailadres van iemand die Aanjager niet kent");
    expect(await events()).toBe(before);
    expect((await bot.app.db.case.findUniqueOrThrow({ where: { id: c.id } })).state).toBe("open");

    const staff = await press(ALEX, "zaak-opmerking", { caseId: c.id, version: 1, opmerking: "Afgestemd met MeganB@example.com" });
    expect(JSON.stringify(staff.value)).toContain("Afgestemd met MeganB@example.com");
    expect(await events()).toBe(before + 1);
  });

  it("refuses a mentor at the router, and a decaan of another school in the service", async () => {
    const c = await openCase();
    expect((await press(ADELE, "zaak-pak-op", { caseId: c.id, version: 1 })).value).toContain("niet beschikbaar voor jouw rol");
    expect((await press(MEGAN, "zaak-pak-op", { caseId: c.id, version: 1 })).value).toContain("Deze zaak gaat niet over jouw school");
    expect((await press(MEGAN, "zaak-sluit", { caseId: c.id, version: 1, toelichting: "x" })).value).toContain("niet beschikbaar voor jouw rol");
  });

  it("the automatic refresh shows the current state to the viewer without replacing the message", async () => {
    const c = await openCase();
    await say(ALEX, `pak op ${c.id}`);
    const refreshed = await press(LYNNE, "zaak-vernieuw", { caseId: c.id });
    expect(JSON.stringify(refreshed.value)).toContain("Alex Wilber");
    expect(bot.connector.calls.filter((call) => call.method === "PUT")).toHaveLength(0);
  });
});

describe("overstapzaak", () => {
  it("refuses a BSN, with or without spaces and dots, and stores nothing", async () => {
    for (const text of ["overstapzaak 123456782 zomerlek", "overstapzaak OS-1 zomerlek bsn 1234.56.782", "overstapzaak OS-1 zomerlek 123 456 782"]) {
      expect((await say(MEGAN, text))[0]!.body.text).toContain("burgerservicenummer");
    }
    expect(await bot.app.db.case.count()).toBe(0);
  });

  it("opens an overstap case with only the pseudonymous reference, for the decaan's own school", async () => {
    const [reply] = await say(MEGAN, "overstapzaak OS-2027-0042 geen vervolgkeuze Nog geen opleiding gekozen");
    expect(reply!.body.text).toContain("Overstapzaak 1 is geopend");
    const row = await bot.app.db.case.findUniqueOrThrow({ where: { id: 1 }, include: { school: true } });
    expect(row).toMatchObject({ type: "overstap", overstapRef: "OS-2027-0042", overstapReason: "geen-vervolgkeuze", reason: "Nog geen opleiding gekozen", subjectKind: "overstap" });
    expect(row.school?.naam).toBe("Maaskant College vmbo Stein");
    expect(JSON.stringify(cardOf(reply!))).toContain("overstapzaak: geen vervolgkeuze");
    expect((await say(MEGAN, "overstapzaak Jan zomerlek"))[0]!.body.text).toContain("pseudonieme nummer");
    expect((await say(MEGAN, "overstapzaak OS-9 iets"))[0]!.body.text).toContain("Typ **overstapzaak ‹kenmerk› ‹reden› [toelichting]**");
  });
});

describe("koppel projectteam / stuurgroep", () => {
  it("links the channel it is typed in and sends L1 case cards there", async () => {
    const res = await bot.post(loadActivity("channel-message-mention-help", bot.connector.url, { text: "<at>Aanjager</at> koppel projectteam\n" }));
    expect(res.status).toBe(200);
    const [confirm] = await bot.connector.waitForSent(1);
    expect(confirm!.body.text).toContain("projectteamkanaal");
    const link = await bot.app.db.channelLink.findUniqueOrThrow({ where: { purpose: "projectteam" } });
    expect(link.conversationId).toBe("19:stuurgroep-general-channel@thread.tacv2");
    const ref = await bot.app.db.conversationRef.findUniqueOrThrow({ where: { conversationId: link.conversationId } });
    expect(JSON.parse(ref.reference).conversation.id).toBe(link.conversationId);

    // A case raised to L1 now posts its card in that channel, as a new thread.
    const school = await schoolByName("Graaf Huyn Vmbo Geleen");
    await say(ALEX, `escaleer ${school.brin}`);
    await say(ALEX, "escaleer 1");
    await expect.poll(() => bot.connector.sent().filter((c) => c.conversationId === link.conversationId && c.path.endsWith("/activities")).length).toBe(1);
    const posted = bot.connector.sent().find((c) => c.conversationId === link.conversationId && c.path.endsWith("/activities"))!;
    expect(textOf(posted)).toContain("Geëscaleerd naar het projectteam");
    expect(textOf(posted)).toContain("Toegewezen aan <at>");
  });

  it("stuurgroep too; refuses outside a channel and for other roles", async () => {
    await bot.post(loadActivity("channel-message-mention-help", bot.connector.url, { text: "<at>Aanjager</at> Koppel Stuurgroep" }));
    expect((await bot.connector.waitForSent(1))[0]!.body.text).toContain("stuurgroepkanaal");
    expect(await bot.app.db.channelLink.findUnique({ where: { purpose: "stuurgroep" } })).not.toBeNull();
    expect((await say(ALEX, "koppel projectteam"))[0]!.body.text).toContain("Dit werkt alleen in een teamkanaal");
    expect((await say(MEGAN, "koppel projectteam"))[0]!.body.text).toContain("niet beschikbaar voor jouw rol");
  });
});

describe("evaluation invitation", () => {
  it("invites every overstap participant, takes one changeable answer per person, and counts live", async () => {
    await say(MEGAN, "help"); // Megan (decaan of a vmbo) can be reached personally
    const [reply] = await say(ALEX, "nodig uit evaluatie 18-11-2027 14:00 Stadhuis Heerlen, zaal 2");
    const invited = await bot.app.db.person.count({
      where: { roles: { some: { OR: [{ role: { in: ["decaan", "mentor"] }, school: { soort: { in: ["vmbo", "vso", "pro"] } } }, { role: "projectteam" }] } } },
    });
    expect(reply!.body.text).toContain(`Uitnodiging verstuurd naar ${invited} deelnemers`);
    expect(JSON.stringify(cardOf(reply!))).toContain(`"value":"${invited}"`);
    // Through the outbox at Teams' rate (about 170 invitations at 30 per second).
    await expect.poll(() => bot.connector.sent().filter((c) => c.conversationId === MEGAN.conversation && c.path.endsWith("/activities")).length, { timeout: 30_000 }).toBe(1);
    const invitation = bot.connector.sent().find((c) => c.conversationId === MEGAN.conversation && c.path.endsWith("/activities"))!;
    const card = cardOf(invitation);
    expect(JSON.stringify(card)).toContain("18-11-2027");
    const yes = listCardButtons(card).find((a: any) => a.title === "Ja");
    const answered = await press(MEGAN, yes.verb, yes.data);
    expect(JSON.stringify(answered.value)).toContain("Je antwoord: ja");
    const changed = await press(MEGAN, "evaluatie-antwoord", { ...yes.data, answer: "misschien" });
    expect(JSON.stringify(changed.value)).toContain("Je antwoord: misschien");
    expect(await bot.app.db.evaluationRsvp.count()).toBe(1);
    expect((await press(LYNNE, "evaluatie-antwoord", yes.data)).value).toContain("niet aan jou gericht");

    const status = JSON.stringify(cardOf((await say(ALEX, "evaluatie"))[0]!));
    expect(status).toContain('{"title":"Misschien","value":"1"}');
    expect(status).toContain(`{"title":"Nog geen antwoord","value":"${invited - 1}"}`);
    const pressed = await press(ALEX, "evaluatie-stand", { evaluationId: yes.data.evaluationId });
    expect(JSON.stringify(pressed.value)).toContain('{"title":"Misschien","value":"1"}');
    expect((await say(ALEX, "nodig uit evaluatie morgen Heerlen"))[0]!.body.text).toContain("Ik mis de tijd");
  });

  it("invites the receiving end too: the mbo intakes and the RMC consulenten, not leerplicht, board or schoolleiding", async () => {
    const mbo = await bot.app.db.school.findFirstOrThrow({ where: { soort: "mbo" } });
    const vo = await bot.app.db.school.findFirstOrThrow({ where: { soort: "vmbo" } });
    const chain = { intake: "intake@mbo.example", rmc: "rmc@gemeente.example", lpa: "lpa@gemeente.example", bestuur: "bestuur@stichting.example", leiding: "rector@vo.example" };
    await upsertDirectory(bot.app.db, {
      subregios: [],
      schools: [mbo, vo],
      people: Object.values(chain).map((email) => ({ email, naam: email.split("@")[0]! })),
      roles: [
        { email: chain.intake, role: "mbo-intake", schoolBrin: mbo.brin },
        { email: chain.rmc, role: "rmc" },
        { email: chain.lpa, role: "leerplicht" },
        { email: chain.bestuur, role: "bestuur" },
        { email: chain.leiding, role: "schoolleiding", schoolBrin: vo.brin },
      ],
    });
    await say(ALEX, "nodig uit evaluatie 18-11-2027 14:00 Stadhuis Heerlen");
    const invited = await bot.app.db.outboxMessage.findMany({ where: { purpose: "evaluatie-uitnodiging" }, select: { recipientPersonId: true } });
    const emails = (await bot.app.db.person.findMany({ where: { id: { in: invited.map((m) => m.recipientPersonId!) } }, select: { email: true } })).map((p) => p.email);
    expect(emails).toEqual(expect.arrayContaining([chain.intake, chain.rmc]));
    for (const other of [chain.lpa, chain.bestuur, chain.leiding]) expect(emails).not.toContain(other);
  });

  it("refuses a place with pupil data before anything is stored or sent", async () => {
    const [reply] = await say(ALEX, "nodig uit evaluatie 18-11-2027 14:00 bij piet.pupil@gmail.com thuis");
    expect(reply!.body.text).toContain("e-mailadres");
    expect(await bot.app.db.evaluation.count()).toBe(0);
    expect(await bot.app.db.outboxMessage.count({ where: { purpose: "evaluatie-uitnodiging" } })).toBe(0);
  });
});
