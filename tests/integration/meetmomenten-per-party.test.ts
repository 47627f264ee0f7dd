import { describe, expect, it } from "vitest";
import { buildScopeKey } from "../../src/domain/roles.js";
import { useTestAanjager } from "../support/test-app.js";
import { actionsOf, amsterdam, cardText, createTestClock, inputsOf, press, runJobAt, say, type User } from "../support/meetmomenten.js";

/**
 * A per-party round through the real entry points: the consulent kwetsbare jongeren reports per
 * RMC-subregio ("De managers van de RMC-subregio's" are responsible), so the 1 January round asks
 * each subregio for its own figures. Three owners, one per subregio, get their own form from the
 * job, submit it as an adaptiveCard/action invoke, and the summary card shows the region total and
 * who has not reported; the reminder goes only to the subregio that has not.
 */
const ACTIVITY = "consulent-kwetsbare-jongeren";
const OPENS = amsterdam("2027-01-04T08:10"); // 1 January 2027 is in the kerstvakantie: the round opens on Monday 4 January
const consulent = (n: number, naam: string): User => ({ teamsId: `29:consulent-${n}`, aad: `00000000-0000-0000-0000-0000000009${String(n).padStart(2, "0")}`, name: naam, conversation: `a:consulent-${n}` });
const OWNERS = [consulent(1, "Consulent Westelijke Mijnstreek"), consulent(2, "Consulent Maastricht-Heuvelland"), consulent(3, "Consulent Parkstad")];
const personOf = (m: { recipient: object }): number | null => ("personId" in m.recipient ? (m.recipient.personId as number) : null);
const SUBREGIOS = ["westelijke-mijnstreek", "maastricht-heuvelland", "parkstad"];

const clock = createTestClock(amsterdam("2027-01-04T10:00"));
let forms: { user: User; card: any }[] = [];
let reminders: string[] = [];
const bot = useTestAanjager({
  clock: clock.now,
  async prepare(started) {
    const db = started.app.db;
    // The demo region's single owner of the activity is replaced by one consulent per subregio.
    await db.roleAssignment.deleteMany({ where: { role: "eigenaar", activityId: ACTIVITY } });
    for (const [i, user] of OWNERS.entries()) {
      const school = await db.school.findFirstOrThrow({ where: { subregioId: SUBREGIOS[i] }, orderBy: { brin: "asc" } });
      const person = await db.person.create({ data: { email: `consulent${i + 1}@example.com`, naam: user.name, aadObjectId: user.aad } });
      await db.roleAssignment.create({ data: { personId: person.id, role: "eigenaar", activityId: ACTIVITY, schoolId: school.id, scopeKey: buildScopeKey({ schoolBrin: school.brin, activityId: ACTIVITY }) } });
    }
    const { outbox } = await runJobAt(started, OPENS);
    const people = await db.person.findMany({ where: { aadObjectId: { in: OWNERS.map((o) => o.aad) } } });
    forms = outbox.messages
      .filter((m) => m.purpose === "meetmoment-formulier" && people.some((p) => p.id === personOf(m)))
      .map((m) => ({ user: OWNERS.find((o) => o.aad === people.find((p) => p.id === personOf(m))!.aadObjectId)!, card: m.card }));
  },
});

const VALUES = [
  { benaderd: "40", traject: "30", pct: "90" },
  { benaderd: "25", traject: "20", pct: "80" },
  { benaderd: "10", traject: "8", pct: "70" },
];

function fillForm(card: any, values: { benaderd: string; traject: string; pct: string }): Record<string, unknown> {
  const inputs = Object.keys(inputsOf(card));
  const byLabel = (part: string) => inputs.find((id) => id.includes(part))!;
  return {
    [byLabel("benaderd")]: values.benaderd,
    [byLabel("in-traject")]: values.traject,
    [byLabel("pct-kwetsbare")]: values.pct,
    [byLabel("resultaat")]: "lopende trajecten",
    [byLabel("ontwikkelplan")]: "per jongere vastgelegd",
  };
}

async function submit(user: User, card: any, values: (typeof VALUES)[number]) {
  const data = actionsOf(card).find((a) => a.verb === "meetmoment-indienen")!.data;
  return press(bot, user, "meetmoment-indienen", { ...data, ...fillForm(card, values) });
}

describe("a round with figures per party (subregio)", () => {
  it("sends each subregio its own form, collects three submissions, shows the region total and who is missing, and reminds only the missing party", async () => {
    expect(forms.map((f) => f.user.name).sort()).toEqual(OWNERS.map((o) => o.name).sort());
    for (const { user, card } of forms) {
      const text = JSON.stringify(card);
      expect(text).toContain("Cijfers van");
      expect(text).toContain(`"value":"${user.name.replace("Consulent ", "")}"`);
      expect(text).toContain("(schooljaar 2026-2027)");
      expect(actionsOf(card).find((a) => a.verb === "meetmoment-indienen")!.data.party).toMatch(/^subregio:/);
    }
    const formOf = (user: User) => forms.find((f) => f.user === user)!.card;

    // Another subregio's card cannot be used by someone who does not report for it.
    const foreign = actionsOf(formOf(OWNERS[0]!)).find((a) => a.verb === "meetmoment-indienen")!.data;
    const refused = await press(bot, OWNERS[1]!, "meetmoment-indienen", { ...foreign, ...fillForm(formOf(OWNERS[0]!), VALUES[0]!) });
    expect(cardText(refused.body)).toContain("Alleen");
    expect(await bot.app.db.measurement.count()).toBe(0);

    // In chat, `cijfers <activiteit>` gives an owner their own party's form.
    const [chat] = await say(bot, OWNERS[2]!, "cijfers consulent-kwetsbare-jongeren");
    const chatCard = JSON.stringify(chat!.body.attachments[0].content);
    expect(chatCard).toContain('"value":"Parkstad"');
    expect(chatCard).toContain('"party":"subregio:parkstad"');

    const first = await submit(OWNERS[0]!, formOf(OWNERS[0]!), VALUES[0]!);
    expect(cardText(first.body)).toContain("Dank je wel! De cijfers zijn ingediend.");
    expect(cardText(first.body)).toContain("1 van 3 partijen");
    const second = await submit(OWNERS[1]!, formOf(OWNERS[1]!), VALUES[1]!);
    const secondText = cardText(second.body);
    expect(secondText).toContain("2 van 3 partijen (nog niet: Parkstad)");
    expect(secondText).toContain("Regio: welke jongeren benaderd zijn");
    expect(secondText).toContain("65 (totaal)"); // 40 + 25
    expect(secondText).toContain("85 % (gemiddelde van de partijen)"); // (90 + 80) / 2
    expect(secondText).toContain("nog niet: Parkstad");
    const round = await bot.app.db.meetmomentRound.findFirstOrThrow({ where: { activityId: ACTIVITY, meetmomentDate: "2027-01-01" } });
    expect(round.submittedAt).toBeNull(); // not complete while a party is missing

    // The midpoint reminder goes to the Parkstad consulent only.
    const { outbox } = await runJobAt(bot, amsterdam("2027-01-11T08:10"));
    const parkstad = await bot.app.db.person.findFirstOrThrow({ where: { aadObjectId: OWNERS[2]!.aad } });
    const consulenten = (await bot.app.db.person.findMany({ where: { aadObjectId: { in: OWNERS.map((o) => o.aad) } } })).map((p) => p.id);
    const reminded = outbox.messages.filter((m) => m.purpose === "meetmoment-herinnering" && consulenten.includes(personOf(m)!));
    expect(reminded.map(personOf)).toEqual([parkstad.id]);
    reminders = reminded.map((m) => JSON.stringify(m.card));
    expect(reminders[0]).toContain("Herinnering: de cijfers van Parkstad");

    clock.set(amsterdam("2027-01-11T11:00"));
    const third = await submit(OWNERS[2]!, formOf(OWNERS[2]!), VALUES[2]!);
    const thirdText = cardText(third.body);
    expect(thirdText).toContain("3 van 3 partijen");
    expect(thirdText).toContain("75 (totaal)"); // 40 + 25 + 10
    expect(thirdText).toContain("80 % (gemiddelde van de partijen)");
    expect(thirdText).toContain("alle partijen hebben gemeld");
    expect((await bot.app.db.meetmomentRound.findUniqueOrThrow({ where: { id: round.id } })).submittedAt).not.toBeNull();
    const stored = await bot.app.db.measurement.findMany({ where: { roundId: round.id, status: "ingediend" }, distinct: ["party"], select: { party: true, partyLabel: true } });
    expect(stored.map((s) => s.partyLabel).sort()).toEqual(["Maastricht-Heuvelland", "Parkstad", "Westelijke Mijnstreek"]);
  });
});
