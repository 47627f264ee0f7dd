import { renderDddCard } from "../../src/cards/ddd-cards.js";
import { beforeEach, describe, expect, it } from "vitest";
import { runDddReminders } from "../../src/services/ddd/reminders.js";
import { amsterdam, asUser, cardText, importRows, useDddTestAanjager, type PlaygroundUser } from "../support/ddd.js";
import { loadActivity } from "../support/fixtures.js";
import { createRecordingPorts } from "../support/recording-ports.js";

/**
 * The buttons on the DDD cards, through /api/messages as Teams sends them (adaptiveCard/action
 * invokes). Bad input must come back as a Dutch error on the card and change nothing.
 */
const ports = createRecordingPorts();
let now = amsterdam("2027-03-04T10:00");
const { bot, schools } = useDddTestAanjager({
  clock: () => now,
  ports,
  imports: ({ alexSchool: a, meganSchool: m }) => [{ at: amsterdam("2027-03-01T07:00"), rows: [`${a.brin};;50;45;40;30;48`, `${a.brin};4A;25;22;20;15;24`, `${m.brin};;40;30;20;10;38`] }],
});
let alexSchool: { id: number; brin: string; naam: string };

beforeEach(() => {
  now = amsterdam("2027-03-04T10:00");
  ({ alexSchool } = schools);
});

async function invoke(user: PlaygroundUser, verb: string, data: Record<string, unknown>) {
  const res = await bot.post(loadActivity("card-action-invoke", bot.connector.url, { ...asUser(user), value: { action: { verb, data } } }));
  expect(res.status).toBe(200);
  return (await res.json()) as { statusCode: number; type: string; value: any };
}

const snapshotCount = () => bot.app.db.dddSnapshot.count();
const figures = (values: Partial<Record<"overstappers" | "gestart" | "deelB" | "afgerond" | "inBeeld", string>>) => ({
  overstappers: "50",
  gestart: "46",
  deelB: "42",
  afgerond: "40",
  inBeeld: "49",
  ...values,
});

/** The value a card input shows, by id (the form's inputs are text inputs: what was typed comes back as typed). */
function inputValue(card: unknown, id: string): unknown {
  let found: unknown;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const object = node as Record<string, unknown>;
    if (object.type === "Input.Text" && object.id === id) found = object.value ?? "";
    Object.values(object).forEach(walk);
  };
  walk(card);
  return found;
}

describe("Cijfers bijwerken (ddd.cijfers)", () => {
  it.each([
    ["a negative number", { afgerond: "-3" }, "afgerond en aangeleverd: mag niet negatief zijn (-3)"],
    ["text instead of a number", { gestart: "veel" }, "gestart (deel A): 'veel' is geen getal"],
    ["completed above the overstappers", { afgerond: "60", deelB: "60", gestart: "60" }, "afgerond en aangeleverd (60) is groter dan het aantal overstappers (50)"],
    ["completed above part B", { afgerond: "45" }, "afgerond (45) is groter dan deel B klaar (42): een afgerond dossier heeft deel B altijd al"],
    ["an empty field", { inBeeld: "" }, "in beeld: vul een aantal in"],
    ["a thousands dot", { overstappers: "1.000" }, "overstappers: typ 1.000 zonder punt, dus 1000 als je 1000 bedoelt"],
  ])("answers %s with a Dutch error on the card and changes nothing", async (_what, values, message) => {
    const before = await snapshotCount();
    const body = await invoke("alex", "ddd.cijfers", { schoolId: alexSchool.id, version: 1, stepId: "w4", ...figures(values) });
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    const text = cardText(body.value);
    expect(text).toContain("Niet opgeslagen: er is niets veranderd.");
    expect(text).toContain(message);
    // The card still shows the stored figures, and the form keeps what was typed.
    expect(text).toContain("30 van 50 dossiers afgerond en aangeleverd (60 %)");
    const form = JSON.stringify(body.value);
    expect(form).toContain('"isVisible":true');
    const [field, typed] = Object.entries(values)[0]!;
    expect(inputValue(body.value, field)).toBe(typed);
    expect(await snapshotCount()).toBe(before);
  });

  it("refuses a decaan who updates another school, in Dutch, and changes nothing", async () => {
    const before = await snapshotCount();
    const body = await invoke("megan", "ddd.cijfers", { schoolId: alexSchool.id, version: 1, ...figures({}) });
    expect(body).toEqual({ statusCode: 200, type: "application/vnd.microsoft.activity.message", value: "Je kunt alleen de DDD-cijfers van je eigen school bijwerken. Er is niets veranderd." });
    expect(await snapshotCount()).toBe(before);
  });

  it("refuses someone who is no decaan at all (the router's role check)", async () => {
    const body = await invoke("adele", "ddd.cijfers", { schoolId: alexSchool.id, version: 1, ...figures({}) });
    expect(body.value).toContain("Deze actie is niet beschikbaar voor jouw rol.");
  });

  it("saves valid figures as a new audited snapshot and refreshes the card in place", async () => {
    const body = await invoke("alex", "ddd.cijfers", { schoolId: alexSchool.id, version: 1, stepId: "w4", ...figures({}) });
    const text = cardText(body.value);
    expect(text).toContain("Opgeslagen: 40 van 50 afgerond (80 %). Dank je!");
    expect(text).toContain("40 van 50 dossiers afgerond en aangeleverd (80 %)");
    expect(text).toContain("bijgewerkt door Alex Wilber in Teams op donderdag 4 maart");
    const latest = await bot.app.db.dddSnapshot.findFirstOrThrow({ where: { schoolId: alexSchool.id, mentorGroup: "" }, orderBy: { version: "desc" } });
    const alex = await bot.app.db.person.findUniqueOrThrow({ where: { email: "alexw@example.com" } });
    expect(latest).toMatchObject({ version: 2, source: "kaart", actorPersonId: alex.id, afgerond: 40, recordedAt: now });
    // The refreshed card carries the new version, so the next save from it is accepted.
    expect(JSON.stringify(body.value)).toContain(`"version":2`);
  });

  it("refreshes a stale card to the latest figures instead of overwriting them", async () => {
    await invoke("alex", "ddd.cijfers", { schoolId: alexSchool.id, version: 1, ...figures({}) });
    // A new import arrives, then Alex saves from the card he had open before it.
    await importRows(bot.app.db, [`${alexSchool.brin};;50;47;44;42;49`], amsterdam("2027-03-04T10:30"));
    now = amsterdam("2027-03-04T11:00");
    const before = await snapshotCount();
    const body = await invoke("alex", "ddd.cijfers", { schoolId: alexSchool.id, version: 2, ...figures({ afgerond: "41" }) });
    const text = cardText(body.value);
    expect(text).toContain("Er zijn intussen nieuwere cijfers binnengekomen dan op jouw kaart stonden. Je wijziging is daarom niet opgeslagen");
    expect(text).toContain("42 van 50 dossiers afgerond en aangeleverd (84 %)");
    expect(await snapshotCount()).toBe(before);
  });

  it("lets only one of two decanen win when both save from the same card", async () => {
    const [a, b] = await Promise.all([
      invoke("alex", "ddd.cijfers", { schoolId: alexSchool.id, version: 1, ...figures({ afgerond: "35" }) }),
      invoke("alex", "ddd.cijfers", { schoolId: alexSchool.id, version: 1, ...figures({ afgerond: "36" }) }),
    ]);
    const texts = [cardText(a.value), cardText(b.value)];
    expect(texts.filter((t) => t.includes("Opgeslagen:"))).toHaveLength(1);
    expect(texts.filter((t) => t.includes("nieuwere cijfers"))).toHaveLength(1);
    expect(await bot.app.db.dddSnapshot.count({ where: { schoolId: alexSchool.id, mentorGroup: "" } })).toBe(2);
  });

  it("says thank you when the school reaches 100 %, and the job does not thank again", async () => {
    const body = await invoke("alex", "ddd.cijfers", { schoolId: alexSchool.id, version: 1, overstappers: "50", gestart: "50", deelB: "50", afgerond: "50", inBeeld: "50" });
    expect(cardText(body.value)).toContain("Opgeslagen: alle 50 dossiers zijn afgerond en aangeleverd. Dank je wel!");
    now = amsterdam("2027-03-05T08:15");
    await runDddReminders({ ...bot.app.jobDeps, render: renderDddCard }, now);
    const alex = await bot.app.db.person.findUniqueOrThrow({ where: { email: "alexw@example.com" } });
    expect(ports.messages.filter((m) => "personId" in m.recipient && m.recipient.personId === alex.id && m.purpose === "ddd-dank")).toEqual([]);
  });

  it("thanks the mentors with figures that agree with 'klaar' when the decaan completes the school total and the group figures are older", async () => {
    await invoke("alex", "ddd.cijfers", { schoolId: alexSchool.id, version: 1, overstappers: "50", gestart: "50", deelB: "50", afgerond: "50", inBeeld: "50" });
    now = amsterdam("2027-03-05T08:15");
    await runDddReminders({ ...bot.app.jobDeps, render: renderDddCard }, now);
    const thanks = ports.messages.filter((m) => m.purpose === "ddd-dank" && m.key.includes(`school-${alexSchool.id}:groep-`));
    // 4A's last import said 15 of 25, 4B has no figures of its own: both get the school's 50 of 50.
    expect(thanks.length).toBeGreaterThan(0);
    for (const m of thanks) {
      const text = cardText(m.card);
      expect(text).toContain(`Klaar: alle DDD's van ${alexSchool.naam} zijn binnen`);
      expect(text).toContain("alle 50 dossiers zijn gevuld en aangeleverd aan het mbo, op tijd voor de deadline van 1 april.");
      expect(text).toContain("Afgerond en aangeleverd: 50 van 50 (100 %)");
    }
  });

  it("also counts the card's thank-you when the decaan completes from the reminder the job sent that morning", async () => {
    // The usual course: the 08:15 reminder arrives, the decaan fills in the final figures from it.
    await runDddReminders({ ...bot.app.jobDeps, render: renderDddCard }, amsterdam("2027-03-04T08:15"));
    const body = await invoke("alex", "ddd.cijfers", { schoolId: alexSchool.id, version: 1, stepId: "w4", overstappers: "50", gestart: "50", deelB: "50", afgerond: "50", inBeeld: "50" });
    expect(cardText(body.value)).toContain("Opgeslagen: alle 50 dossiers zijn afgerond en aangeleverd. Dank je wel!");
    ports.reset();
    now = amsterdam("2027-03-05T08:15");
    await runDddReminders({ ...bot.app.jobDeps, render: renderDddCard }, now);
    const alex = await bot.app.db.person.findUniqueOrThrow({ where: { email: "alexw@example.com" } });
    expect(ports.messages.filter((m) => "personId" in m.recipient && m.recipient.personId === alex.id && m.purpose === "ddd-dank")).toEqual([]);
  });
});

describe("Later herinneren (ddd.later)", () => {
  it("snoozes to the next working day, at most twice per step", async () => {
    await runDddReminders({ ...bot.app.jobDeps, render: renderDddCard }, amsterdam("2027-03-04T08:15"));
    const first = await invoke("alex", "ddd.later", { schoolId: alexSchool.id, stepId: "w4" });
    expect(cardText(first.value)).toContain("Goed, ik herinner je op vrijdag 5 maart opnieuw.");
    const again = await invoke("alex", "ddd.later", { schoolId: alexSchool.id, stepId: "w4" });
    expect(cardText(again.value)).toContain("Je krijgt deze herinnering al opnieuw op vrijdag 5 maart.");

    now = amsterdam("2027-03-05T08:15");
    ports.reset();
    await runDddReminders({ ...bot.app.jobDeps, render: renderDddCard }, now);
    const alex = await bot.app.db.person.findUniqueOrThrow({ where: { email: "alexw@example.com" } });
    const later = ports.messages.filter((m) => m.purpose === "ddd-herinnering-later");
    expect(later.map((m) => m.key)).toEqual([`ddd:2026-2027:w4:school-${alexSchool.id}:later-2027-03-05:person-${alex.id}`]);
    expect(cardText(later[0]!.card)).toContain("Uitgestelde herinnering: nog 4 weken tot de DDD-deadline");
    expect(cardText(later[0]!.card)).toContain("[Later herinneren (laatste keer)]");

    now = amsterdam("2027-03-05T09:00");
    const second = await invoke("alex", "ddd.later", { schoolId: alexSchool.id, stepId: "w4" });
    // Friday: the next working day is Monday.
    expect(cardText(second.value)).toContain("Goed, ik herinner je op maandag 8 maart opnieuw. Dat was de laatste keer uitstellen voor deze herinnering.");
    expect(cardText(second.value)).not.toContain("[Later herinneren");
    const third = await invoke("alex", "ddd.later", { schoolId: alexSchool.id, stepId: "w4" });
    expect(cardText(third.value)).toContain("Je krijgt deze herinnering al opnieuw op maandag 8 maart.");
    now = amsterdam("2027-03-08T08:15");
    await runDddReminders({ ...bot.app.jobDeps, render: renderDddCard }, now);
    now = amsterdam("2027-03-08T09:00");
    const fourth = await invoke("alex", "ddd.later", { schoolId: alexSchool.id, stepId: "w4" });
    expect(cardText(fourth.value)).toContain("Je hebt deze herinnering al 2 keer uitgesteld.");
    expect(await bot.app.db.dddSnooze.count()).toBe(2);
  });

  it("refuses another school's reminder", async () => {
    const body = await invoke("megan", "ddd.later", { schoolId: alexSchool.id, stepId: "w4" });
    expect(body.value).toBe("Je kunt alleen de DDD-cijfers van je eigen school bijwerken. Er is niets veranderd.");
    expect(await bot.app.db.dddSnooze.count()).toBe(0);
  });
});

describe("Hulp vragen (ddd.hulp) and Gedaan (ddd.gedaan)", () => {
  it("opens one hulp-gevraagd case per school through the OpenCase port", async () => {
    const first = await invoke("alex", "ddd.hulp", { schoolId: alexSchool.id, mentorGroup: "" });
    expect(cardText(first.value)).toContain("Je hulpvraag staat bij het projectteam (zaak 101). Je hoort zo snel mogelijk van ons.");
    const alex = await bot.app.db.person.findUniqueOrThrow({ where: { email: "alexw@example.com" } });
    expect(ports.cases).toEqual([
      expect.objectContaining({ type: "hulp-gevraagd", subject: { kind: "school", schoolId: alexSchool.id }, source: "card", actorPersonId: alex.id, reason: "Decaan vraagt hulp bij het DDD (30 van 50 afgerond (60 %)).", at: now }),
    ]);
    const mentor = await invoke("adele", "ddd.hulp", { schoolId: alexSchool.id, mentorGroup: "4A" });
    expect(cardText(mentor.value)).toContain(`Er loopt al een hulpvraag voor ${alexSchool.naam} (zaak 101)`);
    expect(cardText(mentor.value)).toContain("DDD-voortgang groep 4A");
    expect(ports.cases[1]!.reason).toBe("Mentor van groep 4A vraagt hulp bij het DDD (15 van 25 afgerond (60 %)).");
  });

  it("answers Hulp vragen on the registration card (November, before any figures) with a case and the school's card", async () => {
    now = amsterdam("2026-11-10T10:00");
    const body = await invoke("alex", "ddd.hulp", { schoolId: alexSchool.id, mentorGroup: "", stepId: "registratie" });
    expect(cardText(body.value)).toContain("Je hulpvraag staat bij het projectteam (zaak 101).");
    expect(cardText(body.value)).toContain("Er zijn nog geen DDD-cijfers van deze school.");
    expect(ports.cases).toEqual([expect.objectContaining({ type: "hulp-gevraagd", subject: { kind: "school", schoolId: alexSchool.id }, reason: "Decaan vraagt hulp bij het DDD (nog geen cijfers)." })]);
  });

  it("refuses a mentor asking for help for a group that is not theirs", async () => {
    const body = await invoke("adele", "ddd.hulp", { schoolId: alexSchool.id, mentorGroup: "4B" });
    expect(body.value).toBe("Deze kaart hoort bij een mentorgroep die niet van jou is. Er is niets veranderd.");
    expect(ports.cases).toEqual([]);
  });

  it("records a mentor's 'Gedaan' and stops that group's reminders until newer figures arrive", async () => {
    const body = await invoke("adele", "ddd.gedaan", { schoolId: alexSchool.id, mentorGroup: "4A", version: 1, stepId: "w4" });
    expect(cardText(body.value)).toContain("Dank je! Genoteerd dat jouw deel voor groep 4A klaar is.");
    expect(cardText(body.value)).not.toContain("[Gedaan]");
    expect(await bot.app.db.dddAcknowledgement.count()).toBe(1);
    now = amsterdam("2027-03-18T08:15");
    await runDddReminders({ ...bot.app.jobDeps, render: renderDddCard }, now);
    expect(ports.messages.filter((m) => m.key.includes(`school-${alexSchool.id}:groep-4A`))).toEqual([]);
    // New figures for the group: the next step reminds the mentor again.
    await importRows(bot.app.db, [`${alexSchool.brin};;50;45;40;32;48`, `${alexSchool.brin};4A;25;22;20;16;24`], amsterdam("2027-03-22T07:00"));
    now = amsterdam("2027-03-25T08:15");
    await runDddReminders({ ...bot.app.jobDeps, render: renderDddCard }, now);
    // Both mentors of 4A (Adele and the demo's own mentor) are reminded again. Goede Vrijdag is off
    // in Zuid-Limburg, so 25 March is also three working days before 1 April: that step wins.
    expect(ports.messages.filter((m) => m.key.includes(`school-${alexSchool.id}:groep-4A`)).map((m) => m.key.split(":")[2])).toEqual(["wd3", "wd3"]);
  });
});
