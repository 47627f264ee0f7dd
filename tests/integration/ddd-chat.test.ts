import { renderDddCard } from "../../src/cards/ddd-cards.js";
import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { listCardButtons } from "../support/card-buttons.js";
import { importCatalogueText } from "../../src/services/catalogue.js";
import { runDddReminders } from "../../src/services/ddd/reminders.js";
import { amsterdam, asUser, cardText, useDddTestAanjager, type PlaygroundUser } from "../support/ddd.js";
import { loadActivity } from "../support/fixtures.js";
import { createRecordingPorts } from "../support/recording-ports.js";

/** `voortgang` and `voorbeeld herinneringen` in chat, through /api/messages. */
const ports = createRecordingPorts();
let now = amsterdam("2027-03-16T10:00");
const { bot, schools } = useDddTestAanjager({
  clock: () => now,
  ports,
  imports: ({ alexSchool: a, meganSchool: m }) => [
    { at: amsterdam("2027-03-01T07:00"), rows: [`${a.brin};;50;45;40;20;48`, `${a.brin};4A;25;22;20;10;24`, `${m.brin};;40;40;40;40;40`] },
    { at: amsterdam("2027-03-15T07:00"), rows: [`${a.brin};;50;47;44;40;48`, `${a.brin};4A;25;23;22;20;24`, `${m.brin};;40;40;40;40;40`] },
  ],
});
let alexSchool: { id: number; brin: string; naam: string };
let meganSchool: { id: number; brin: string; naam: string };

beforeEach(() => {
  now = amsterdam("2027-03-16T10:00");
  ({ alexSchool, meganSchool } = schools);
});

async function say(user: PlaygroundUser, text: string, expected: number) {
  bot.connector.reset();
  await bot.post(loadActivity("personal-message-help", bot.connector.url, { ...asUser(user), text, id: `m-${Math.random()}` }));
  const sent = await bot.connector.waitForSent(expected);
  await new Promise((r) => setTimeout(r, 50));
  expect(bot.connector.sent()).toHaveLength(expected);
  for (const s of sent) if (s.body.attachments) expect(Buffer.byteLength(JSON.stringify(s.body.attachments[0].content))).toBeLessThan(28 * 1024);
  return sent.map((s) => (s.body.attachments?.[0]?.content ? cardText(s.body.attachments[0].content) : (s.body.text as string)));
}

describe("voortgang", () => {
  it("gives a decaan who is also projectteam the school card with forecast, then the region overview", async () => {
    const [school, region] = await say("alex", "voortgang", 2);
    expect(school).toContain(`DDD-voortgang ${alexSchool.naam}`);
    expect(school).toContain("Stand op dinsdag 16 maart · schooljaar 2026-2027");
    expect(school).toContain("40 van 50 dossiers afgerond en aangeleverd (80 %)");
    expect(school).toContain("Norm 2026-2027: 97 % · nog 10 dossiers open · 11 werkdagen tot en met 1 april"); // Goede Vrijdag is off in Zuid-Limburg
    // 20 more in the 10 working days from 1 to 15 March: 2 a day, 12 more working days after the 15th.
    expect(school).toContain("In het tempo van de afgelopen twee weken (2 per werkdag sinds 1 maart) komt jullie school op 1 april op 100 %.");
    expect(school).toContain("Voor 100 % op 1 april zijn nog 0,9 dossiers per werkdag nodig (10 open dossiers, 11 werkdagen).");
    expect(school).toContain("Groep 4A: 20 van 25 (80 %)");
    expect(school).toContain("[Cijfers bijwerken]");
    expect(school).not.toContain("[Later herinneren]");
    expect(region).toContain("DDD-voortgang regio · 2026-2027");
    expect(region).toContain("80 van 90 dossiers afgerond en aangeleverd (88,8 %)");
    expect(region).toContain("Nog geen cijfers");
  });

  it("holds schools to the norm in the catalogue: a newer target imported by the beheerder shows on the next card", async () => {
    const bundled = readFileSync(new URL("../../src/data/activities.yaml", import.meta.url), "utf8");
    const ddd = bundled.indexOf("- id: ddd");
    const targets = '{"2016-2017": "90%", "2017-2018": "95%", "2018-2019": "96%", "2019-2020": "97%"}';
    const at = bundled.indexOf(targets, ddd);
    const edited = `${bundled.slice(0, at)}{"2019-2020": "97%", "2026-2027": "99%"}${bundled.slice(at + targets.length)}`;
    expect(await importCatalogueText(bot.app.db, edited, { now })).toMatchObject({ ok: true });
    const [school] = await say("alex", "voortgang", 2);
    expect(school).toContain("Norm 2026-2027: 99 % · nog 10 dossiers open");
  });

  it("gives a mentor the card of their group, with counts only", async () => {
    const [card] = await say("adele", "voortgang", 1);
    expect(card).toContain("DDD-voortgang groep 4A");
    expect(card).toContain("20 van 25 dossiers van groep 4A afgerond (80 %)");
    expect(card).toContain("Nog niet aan deel A begonnen: 2");
    expect(card).toContain("Deel A bezig, deel B nog te doen: 1");
    expect(card).toContain("Wacht op akkoord of aanlevering: 2");
    expect(card).toContain("[Gedaan]");
  });

  it("lets the projectteam look up one school by BRIN or name, read-only", async () => {
    const [byBrin] = await say("alex", `voortgang ${meganSchool.brin}`, 1);
    expect(byBrin).toContain(`DDD-voortgang ${meganSchool.naam}`);
    expect(byBrin).toContain("40 van 40 dossiers afgerond en aangeleverd (100 %)");
    expect(byBrin).not.toContain("[Cijfers bijwerken]");
    expect(byBrin).not.toContain("[Hulp vragen]");
    const [byName] = await say("alex", `voortgang ${meganSchool.naam.split(" ").slice(0, 2).join(" ")}`, 1);
    expect(byName).toContain(`DDD-voortgang ${meganSchool.naam}`);
    // A typo is forgiven, as in `escaleer`.
    const typo = meganSchool.naam.split(" ").slice(0, 2).join(" ").replace(/a/, "aa");
    expect(typo).not.toBe(meganSchool.naam.split(" ").slice(0, 2).join(" "));
    const [byTypo] = await say("alex", `voortgang ${typo}`, 1);
    expect(byTypo).toContain(`DDD-voortgang ${meganSchool.naam}`);
    const [none] = await say("alex", "voortgang Hogwarts", 1);
    expect(none).toBe("Ik vind geen school bij 'hogwarts'. Typ de naam (of een deel ervan) of de BRIN-code, bijvoorbeeld **voortgang 10AB**.");
    // Several schools fit: a card with a button per school, and the pressed one becomes that school's card.
    const [many] = await say("alex", "voortgang vmbo", 1);
    expect(many).toContain("Bedoel je ...?");
    expect(many).toContain('Meerdere scholen passen bij "vmbo". Kies de school die je bedoelt:');
    const choice = bot.connector.sent()[0]!.body.attachments[0].content;
    const buttons = listCardButtons(choice) as { verb: string; title: string; data: { schoolId: number } }[];
    expect(buttons.length).toBeGreaterThan(1);
    expect(buttons.every((b) => b.verb === "voortgang-school")).toBe(true);
    const pressed = await bot.post(loadActivity("card-action-invoke", bot.connector.url, { ...asUser("alex"), id: "press-choice", value: { action: { type: "Action.Execute", verb: "voortgang-school", data: buttons[0]!.data } } }));
    const answer = (await pressed.json()) as { value: unknown };
    const chosen = await bot.app.db.school.findUniqueOrThrow({ where: { id: buttons[0]!.data.schoolId } });
    expect(buttons[0]!.title).toBe(`${chosen.naam} (${chosen.brin})`);
    expect(cardText(answer.value)).toContain(`DDD-voortgang ${chosen.naam}`);
  });

  it("does not show a decaan another school, and refuses roles outside the campaign", async () => {
    const [other] = await say("megan", `voortgang ${alexSchool.brin}`, 1);
    expect(other).toContain("Alleen het projectteam kan de voortgang van een andere school opvragen.");
    const [stuurgroep] = await say("patti", "voortgang", 1);
    expect(stuurgroep).toContain("**voortgang** is niet beschikbaar voor jouw rol.");
  });
});

describe("voorbeeld herinneringen", () => {
  it("shows who would get which reminder on a step day, sending nothing", async () => {
    const [card] = await say("alex", "voorbeeld herinneringen 18 maart", 1);
    expect(card).toContain("Voorbeeld DDD-herinneringen op donderdag 18 maart 08:15");
    expect(card).toContain("Dit is een voorbeeld: er wordt niets verstuurd.");
    expect(card).toContain('Stap van deze dag: "Nog 2 weken tot de DDD-deadline".');
    // Nothing was sent before, so the earlier steps merge into this one.
    expect(card).toContain(`${alexSchool.naam}: decanen: herinnering "Nog 2 weken tot de DDD-deadline", 5 stappen samengevoegd (2 ontvangers)`); // start, w10, w6, w4, w2 (issue 18: the campaign starts in January)
    expect(card).toContain(`${meganSchool.naam}: decanen: klaar, dank je (2 ontvangers)`);
    expect(card).toContain("Laatste oproep: vandaag is de DDD-deadline: donderdag 1 april");
    expect(ports.calls).toEqual([]);
    expect(await bot.app.db.dddReminderLog.count()).toBe(0);
  });

  it("explains a carnaval day and shows the next working moment instead", async () => {
    const [card] = await say("alex", "voorbeeld herinneringen 10-02-2027", 1);
    expect(card).toContain("woensdag 10 februari is geen werkdag (voorjaarsvakantie (carnaval)): op dat moment gaat er niets uit. De eerstvolgende verzending is maandag 15 februari 08:00");
  });

  it("takes the real sending history into account", async () => {
    await runDddReminders({ ...bot.app.jobDeps, render: renderDddCard }, amsterdam("2027-03-16T08:15"));
    const [card] = await say("alex", "voorbeeld herinneringen 16 maart 14:00", 1);
    expect(card).toContain("Al gehad die dag:");
    expect(card).toContain("Herinneringen: 0");
  });

  it("answers a date it cannot read in Dutch, and is only for the projectteam", async () => {
    // The chat's date grammar is shared with pauzeer: "volgende week" is Monday next week.
    const [nextWeek] = await say("alex", "voorbeeld herinneringen volgende week", 1);
    expect(nextWeek).toContain("Voorbeeld DDD-herinneringen op maandag 22 maart");
    const [bad] = await say("alex", "voorbeeld herinneringen binnenkort", 1);
    expect(bad).toBe("'binnenkort' herken ik niet als datum. Gebruik bijvoorbeeld 18-03-2027, 2027-03-18 of 18 maart. Typ bijvoorbeeld **voorbeeld herinneringen 18 maart**.");
    const [refused] = await say("megan", "voorbeeld herinneringen", 1);
    expect(refused).toContain("**voorbeeld herinneringen** is niet beschikbaar voor jouw rol.");
  });
});
