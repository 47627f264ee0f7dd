import { beforeEach, describe, expect, it } from "vitest";
import { runJobManually } from "../../src/jobs/job-runner.js";
import { findJob } from "../../src/jobs/registry.js";
import { fetchDownload, findDownloadLink } from "../support/downloads.js";
import { useTestAanjager } from "../support/test-app.js";
import { actionsOf, ADELE, ALEX, amsterdam, cardText, createTestClock, inputsOf, ISAIAH, press, runJobAt, say } from "../support/meetmomenten.js";

/**
 * The meetmoment form through the real entry points: `cijfers` in chat, the buttons on the
 * cards as adaptiveCard/action invokes on /api/messages, the database behind it.
 */
const OPENED = amsterdam("2026-11-02T08:10"); // Monday: the DDD round of November 2026 opens
const clock = createTestClock(amsterdam("2026-11-03T10:00"));
const bot = useTestAanjager({
  clock: clock.now,
  async prepare(started) {
    await runJobAt(started, OPENED);
  },
});
beforeEach(() => {
  clock.set(amsterdam("2026-11-03T10:00"));
});

async function dddRound() {
  return bot.app.db.meetmomentRound.findFirstOrThrow({ where: { activityId: "ddd" }, include: { measurements: { orderBy: { id: "asc" } } } });
}
async function measurementSnapshot() {
  return bot.app.db.measurement.findMany({ orderBy: { id: "asc" } });
}
async function dddForm() {
  const [reply] = await say(bot, ISAIAH, "cijfers ddd");
  return reply!.body.attachments[0].content;
}
function fill(card: any, values: (string | undefined)[]): Record<string, unknown> {
  const ids = Object.keys(inputsOf(card));
  return Object.fromEntries(ids.flatMap((id, i) => (values[i] === undefined ? [] : [[id, values[i]]])));
}
const envelope = (card: any) => actionsOf(card)[0]!.data;

describe("cijfers in chat", () => {
  it("lists the owner's open rounds and sends the form of one activity, generated from its KPIs", async () => {
    const [list] = await say(bot, ISAIAH, "cijfers");
    const listText = JSON.stringify(list!.body.attachments[0].content);
    expect(listText).toContain("Jouw openstaande meetmomenten");
    expect(listText).toContain("Digitaal Doorstroomdossier (DDD): november 2026");
    expect(listText).not.toContain("Coach4you"); // another owner's activity
    expect(listText).toContain('"verb":"meetmoment-bekijken"');

    const form = await dddForm();
    const inputs = Object.values(inputsOf(form));
    const kpis = await bot.app.db.kpi.findMany({ where: { activityId: "ddd", archivedAt: null, duoVsv: null }, orderBy: { position: "asc" } });
    expect(inputs.map((i) => i.label)).toEqual(kpis.map((k) => k.name));
    expect(inputs.map((i) => i.label)).not.toContain("VSV-cijfer vmbo bovenbouw"); // DUO publishes it: nobody types it
    expect(inputs[0]).toMatchObject({ type: "Input.Text", regex: expect.any(String) });
    expect(inputs[1]).toMatchObject({ type: "Input.Text", regex: expect.any(String) });
    expect(inputs.every((i) => typeof i.errorMessage === "string" && !i.isRequired)).toBe(true);
    const text = JSON.stringify(form);
    expect(text).toContain("Meetmoment november 2026 (schooljaar 2025-2026): Digitaal Doorstroomdossier (DDD)");
    expect(text).toContain("Norm: 98 % (streefwaarde 2019-2020)");
    expect(text).toContain("Vorige meting: nog geen");
    expect(actionsOf(form).map((a) => a.title)).toEqual(["Indienen", "Concept opslaan"]);
    expect(envelope(form)).toEqual({ roundId: (await dddRound()).id, activityId: "ddd", schoolYear: "2026-2027", party: "" });
  });

  it("finds an activity by a typo or part of its name, refuses another owner's activity and roles without figures", async () => {
    expect(JSON.stringify((await say(bot, ISAIAH, "cijfers doorstroom dossier"))[0]!.body)).toContain("Meetmoment november 2026 (schooljaar 2025-2026): Digitaal Doorstroomdossier");
    expect((await say(bot, ISAIAH, "cijfers coach4you"))[0]!.body.text).toContain("Je bent geen eigenaar van Coach4you");
    expect((await say(bot, ISAIAH, "cijfers xyzzy"))[0]!.body.text).toContain('Ik ken geen activiteit "xyzzy"');
    expect((await say(bot, ISAIAH, "cijfers verzuimconvenant"))[0]!.body.text).toContain("Je bent geen eigenaar");
    expect((await say(bot, ADELE, "cijfers"))[0]!.body.text).toContain("niet beschikbaar voor jouw rol");
    // The projectteam sees every open round and may open any form; a closed-for-now activity says when it opens next.
    expect(JSON.stringify((await say(bot, ALEX, "cijfers"))[0]!.body)).toContain("Openstaande meetmomenten");
    const verzuim = (await say(bot, ALEX, "cijfers verzuimconvenant"))[0]!.body.text;
    expect(verzuim).toContain("Voor Verzuimconvenant (mbo) (t.b.v. jongeren van 18 tot 23 jaar) staat nu geen meetmoment open");
    expect(verzuim).toContain("1 februari 2027");
  });
});

describe("the form: draft, submit, correct", () => {
  it("saves a draft without closing the task, submits, corrects with history, and refuses a draft after submitting", async () => {
    const form = await dddForm();
    const data = envelope(form);

    // Concept opslaan with one figure: stored as a draft, the form comes back with it filled in.
    const draft = await press(bot, ISAIAH, "meetmoment-concept", { ...data, ...fill(form, ["3100"]) });
    expect(draft.status).toBe(200);
    expect(cardText(draft.body)).toContain("Concept opgeslagen");
    expect(Object.values(inputsOf(draft.body.value))[0].value).toBe("3100");
    let round = await dddRound();
    expect(round.submittedAt).toBeNull();
    expect(round.measurements.map((m) => [m.status, m.valueNumber, m.version, m.source, m.personName])).toEqual([["concept", 3100, 1, "card", "Isaiah Langer"]]);

    // Indienen with a field missing: nothing stored, the missing field is named, the typed values stay.
    const incomplete = await press(bot, ISAIAH, "meetmoment-indienen", { ...data, ...fill(form, ["3100", "97,5", "96"]) });
    expect(cardText(incomplete.body)).toContain("Er is niets opgeslagen");
    expect(cardText(incomplete.body)).toContain("Nog niet ingevuld: bij indienen is elke KPI verplicht.");
    // As typed, with the Dutch decimal comma (a number box dropped "97,5" altogether).
    expect(Object.values(inputsOf(incomplete.body.value))[1].value).toBe("97,5");
    expect((await dddRound()).measurements).toHaveLength(1);

    // Complete: every KPI stored as submitted, the card refreshes to the summary with Wijzigen.
    const submitted = await press(bot, ISAIAH, "meetmoment-indienen", { ...data, ...fill(form, ["3100", "97,5", "96", "88.5", "3,1"]) });
    expect(cardText(submitted.body)).toContain("Dank je wel! De cijfers zijn ingediend.");
    expect(cardText(submitted.body)).toContain("97,5 %");
    expect(actionsOf(submitted.body.value).map((a) => a.title)).toEqual(["Wijzigen"]);
    round = await dddRound();
    expect(round.submittedAt).toEqual(clock.now());
    expect(round.measurements.filter((m) => m.status === "ingediend")).toHaveLength(4);

    // Wijzigen: the form again, filled in, every field required, no drafts any more.
    const edit = await press(bot, ISAIAH, "meetmoment-wijzigen", data);
    const editInputs = Object.values(inputsOf(edit.body.value));
    expect(editInputs.every((i) => i.isRequired === true)).toBe(true);
    expect(editInputs.map((i) => i.value)).toEqual(["3100", "97,5", "96", "88,5"]);
    expect(actionsOf(edit.body.value).map((a) => a.title)).toEqual(["Correctie indienen", "Annuleren"]);
    expect((await press(bot, ISAIAH, "meetmoment-bekijken", data)).body.value).toMatchObject({ type: "AdaptiveCard" });

    // A correction of one value: one new version, the old ones kept.
    clock.set(amsterdam("2026-11-05T14:00"));
    const corrected = await press(bot, ISAIAH, "meetmoment-indienen", { ...data, ...fill(form, ["3100", "98", "96", "88.5", "3,1"]) });
    expect(cardText(corrected.body)).toContain("Correctie opgeslagen: 1 waarde gewijzigd");
    expect(cardText(corrected.body)).toContain("1× gecorrigeerd, laatst op 05-11-2026 14:00");
    expect(cardText(corrected.body).match(/gecorrigeerd/g)).toHaveLength(1); // the draft before the submission is no correction
    const kpi = await bot.app.db.kpi.findFirstOrThrow({ where: { activityId: "ddd", position: 1 } });
    const history = (await dddRound()).measurements.filter((m) => m.kpiId === kpi.id);
    expect(history.map((m) => [m.version, m.status, m.valueNumber])).toEqual([
      [1, "ingediend", 97.5],
      [2, "ingediend", 98],
    ]);
    const first = (await dddRound()).measurements.filter((m) => m.kpiId !== kpi.id && m.valueNumber === 3100);
    expect(first.map((m) => [m.version, m.status])).toEqual([[1, "concept"], [2, "ingediend"]]);

    // The same values again: nothing new. A draft on a submitted round: refused, nothing stored.
    const before = await measurementSnapshot();
    expect(cardText((await press(bot, ISAIAH, "meetmoment-indienen", { ...data, ...fill(form, ["3100", "98", "96", "88.5", "3,1"]) })).body)).toContain("Er is niets veranderd");
    expect(cardText((await press(bot, ISAIAH, "meetmoment-concept", { ...data, ...fill(form, ["1"]) })).body)).toContain("al ingediend");
    expect(await measurementSnapshot()).toEqual(before);
  });

  it("lets the projectteam submit on the owner's behalf, recorded under their name", async () => {
    const form = await dddForm();
    const answer = await press(bot, ALEX, "meetmoment-indienen", { ...envelope(form), ...fill(form, ["10", "10", "10", "10", "10"]) });
    expect(cardText(answer.body)).toContain("ingediend");
    expect(new Set((await dddRound()).measurements.map((m) => m.personName))).toEqual(new Set(["Alex Wilber"]));
  });
});

describe("two people saving the same round at the same moment", () => {
  it("keeps one consistent history: versions stay unique and gapless, each turn gets a card", async () => {
    const form = await dddForm();
    const data = envelope(form);
    await press(bot, ISAIAH, "meetmoment-indienen", { ...data, ...fill(form, ["1", "1", "1", "1", "1"]) });
    const answers = await Promise.all([
      press(bot, ISAIAH, "meetmoment-indienen", { ...data, ...fill(form, ["2", "2", "2", "2", "2"]) }),
      press(bot, ALEX, "meetmoment-indienen", { ...data, ...fill(form, ["3", "3", "3", "3", "3"]) }),
      press(bot, ISAIAH, "meetmoment-indienen", { ...data, ...fill(form, ["4", "4", "4", "4", "4"]) }),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body.type).toBe("application/vnd.microsoft.card.adaptive");
    }
    const measurements = (await dddRound()).measurements;
    for (const kpiId of new Set(measurements.map((m) => m.kpiId))) {
      const versions = measurements.filter((m) => m.kpiId === kpiId).map((m) => m.version).sort((a, b) => a - b);
      expect(versions).toEqual(versions.map((_, i) => i + 1));
    }
    // Whoever lost a race was told so and shown the new state.
    const lost = answers.filter((a) => cardText(a.body).includes("Iemand anders sloeg net ook cijfers op"));
    expect(measurements.length).toBe(4 * (1 + answers.length - lost.length)); // four KPIs asked per save
  });
});

describe("refusals: nothing stored, a Dutch answer", () => {
  it("refuses a closed round, another activity's round, a forged envelope and a card from last year", async () => {
    const form = await dddForm();
    const data = envelope(form);
    const values = fill(form, ["1", "2", "3", "4", "5"]);
    const other = await bot.app.db.meetmomentRound.findFirstOrThrow({ where: { activityId: "overstap-vo-mbo" } });
    // Last year's DDD round, opened by the job a year ago and never closed by it.
    await runJobAt(bot, amsterdam("2025-11-03T08:10"));
    const lastYear = await bot.app.db.meetmomentRound.findFirstOrThrow({ where: { activityId: "ddd", schoolYear: "2025-2026" } });
    const before = await measurementSnapshot();

    const notOwn = await press(bot, ISAIAH, "meetmoment-indienen", { roundId: other.id, activityId: "overstap-vo-mbo", schoolYear: "2026-2027", ...values });
    expect(notOwn.body.value).toContain("Alleen de eigenaar van Elke Jongere in Beeld - Overstap vo -mbo en het projectteam");
    const mixed = await press(bot, ISAIAH, "meetmoment-indienen", { ...data, roundId: other.id, ...values });
    expect(mixed.body.value).toContain("Deze kaart hoort niet bij een meetmoment dat ik ken");
    const forged = await press(bot, ISAIAH, "meetmoment-indienen", { ...data, roundId: "twaalf", ...values });
    expect(forged.body.value).toContain("Deze kaart bevat ongeldige gegevens");
    const old = await press(bot, ISAIAH, "meetmoment-indienen", { roundId: lastYear.id, activityId: "ddd", schoolYear: "2025-2026", ...values });
    expect(old.body.value).toContain("hoort bij meetmoment november 2025 van schooljaar 2025-2026");

    clock.set(amsterdam("2026-11-16T08:00")); // the close moment: 10 working days after opening
    const closed = await press(bot, ISAIAH, "meetmoment-indienen", { ...data, ...values });
    expect(closed.body.value).toContain("is gesloten; er kan niets meer worden ingevuld of gecorrigeerd");
    expect((await press(bot, ISAIAH, "meetmoment-wijzigen", data)).body.value).toContain("is gesloten");
    // Viewing a closed round is allowed: the read-only summary without Wijzigen.
    const view = await press(bot, ISAIAH, "meetmoment-bekijken", data);
    expect(actionsOf(view.body.value)).toEqual([]);
    expect(await measurementSnapshot()).toEqual(before);
  });
});

describe("export meetmomenten in chat", () => {
  it("gives the projectteam a download link to a CSV with every KPI, value, norm, who and when, or an Excel workbook; others may not", async () => {
    const form = await dddForm();
    await press(bot, ISAIAH, "meetmoment-indienen", { ...envelope(form), ...fill(form, ["3100", "97,5", "96", "88.5", "3,1"]) });
    const [reply] = await say(bot, ALEX, "export meetmomenten ddd");
    expect(reply!.body.attachments ?? []).toEqual([]);
    expect(reply!.body.text).toContain("5 regels");
    expect(reply!.body.text).toContain(`(werkt tot 03-11-2026 11:00; deel de link niet`);
    const file = await fetchDownload(bot, reply!.body.text);
    expect(file).toMatchObject({ name: "meetmomenten-ddd-2026-2027.csv", status: 200 });
    expect(file.url).toMatch(/^http:\/\/localhost:\d+\/downloads\//);
    expect(file.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(file.headers.get("content-disposition")).toBe("attachment; filename=meetmomenten-ddd-2026-2027.csv");
    expect(file.headers.get("cache-control")).toBe("no-store");
    const lines = file.text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Schooljaar;Activiteit;Activiteit-id;Meetmoment;Periode;Ronde;KPI;KPI-sleutel;Eenheid;Waarde;Streefwaarde;Norm (catalogus);Status;Versie;Ingevuld door;Ingevuld op;Bron;Cijfers over schooljaar;Partij");
    expect(lines).toHaveLength(6);
    expect(lines[2]).toContain(";97,5;98;");
    expect(lines[2]).toContain(";ingediend;1;Isaiah Langer;03-11-2026 10:00;kaart;2025-2026;");
    // Only the token's hash is stored, never the link itself.
    const [row] = await bot.app.db.download.findMany();
    expect(file.url).not.toContain(row!.tokenHash);

    const workbook = await fetchDownload(bot, (await say(bot, ALEX, "export meetmomenten ddd xlsx"))[0]!.body.text);
    expect(workbook).toMatchObject({ name: "meetmomenten-ddd-2026-2027.xlsx", status: 200 });
    expect(workbook.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(workbook.body.subarray(0, 2).toString("latin1")).toBe("PK"); // a zip: what Excel opens

    expect(findDownloadLink((await say(bot, ALEX, "export meetmomenten"))[0]!.body.text).name).toBe("meetmomenten-alle-2026-2027.csv");
    expect((await say(bot, ISAIAH, "export meetmomenten"))[0]!.body.text).toContain("niet beschikbaar voor jouw rol");
  });

  it("lets a link work for an hour only, and says so in Dutch after; a made-up link finds nothing", async () => {
    const form = await dddForm();
    await press(bot, ISAIAH, "meetmoment-indienen", { ...envelope(form), ...fill(form, ["3100", "97,5", "96", "88.5", "3,1"]) });
    const text = (await say(bot, ALEX, "export meetmomenten ddd"))[0]!.body.text;
    clock.set(amsterdam("2026-11-03T10:59"));
    expect((await fetchDownload(bot, text)).status).toBe(200);
    clock.set(amsterdam("2026-11-03T11:00"));
    const expired = await fetchDownload(bot, text);
    expect(expired.status).toBe(404);
    expect(expired.text).toContain("Deze link werkt niet meer");
    expect(expired.headers.get("content-disposition")).toBeNull();
    for (const path of ["/downloads/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "/downloads/kort", "/downloads/..%2F..%2Fetc%2Fpasswd"]) {
      const res = await fetch(`${bot.baseUrl}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain("Deze link werkt niet meer");
    }
    // The daily housekeeping removes what has expired.
    const outcome = await runJobManually(bot.app.jobDeps, findJob("housekeeping", bot.app.jobs), amsterdam("2026-11-04T03:15"));
    expect(outcome).toMatchObject({ status: "succeeded", result: { prunedDownloads: 1 } });
    expect(await bot.app.db.download.count()).toBe(0);
  });
});

describe("free text in a form", () => {
  it("refuses an e-mail address outside the directory in a text KPI, on the field, and stores nothing", async () => {
    const activity = await bot.app.db.activity.findUniqueOrThrow({ where: { id: "overstap-vo-mbo" }, include: { kpis: { where: { unit: "text", archivedAt: null }, orderBy: { position: "asc" } } } });
    // The job of the November opening planned this activity's round; open it now.
    const planned = await bot.app.db.meetmomentRound.findFirstOrThrow({ where: { activityId: activity.id }, orderBy: { meetmomentDate: "asc" } });
    const round = await bot.app.db.meetmomentRound.update({ where: { id: planned.id }, data: { status: "open", openedAt: OPENED, closesAt: amsterdam("2026-11-16T23:59") } });
    const envelope = { roundId: round.id, activityId: activity.id, schoolYear: "2026-2027" };
    const input = `kpi_${activity.kpis[0]!.key}`;
    const refused = await press(bot, ALEX, "meetmoment-concept", { ...envelope, [input]: "Afspraken gemaild naar deelnemer.piet@gmail.com" });
    const text = cardText(refused.body);
    expect(text).toContain("Dit veld bevat een e-mailadres van iemand die Aanjager niet kent als medewerker in het VSV-programma.");
    expect(text.match(/deelnemer\.piet@gmail\.com/g)).toHaveLength(1); // only in the field itself, not repeated in the refusal
    expect(text).toContain("Er is niets opgeslagen. Verbeter dit en probeer het opnieuw");
    expect(inputsOf(refused.body.value)[input].value).toBe("Afspraken gemaild naar deelnemer.piet@gmail.com"); // nothing typed is lost
    expect(await bot.app.db.measurement.count({ where: { roundId: round.id } })).toBe(0);

    const saved = await press(bot, ALEX, "meetmoment-concept", { ...envelope, [input]: "Afgestemd met pattif@example.com" });
    expect(cardText(saved.body)).not.toContain("e-mailadres");
    expect(await bot.app.db.measurement.findMany({ where: { roundId: round.id }, select: { valueText: true } })).toEqual([{ valueText: "Afgestemd met pattif@example.com" }]);
  });
});

describe("the stuurgroep's weekly summary", () => {
  const PATTI = { teamsId: "29:patti", aad: "00000000-0000-0000-0000-0000000000024", name: "Patti Fernandez", conversation: "a:patti" };

  it("shows the rounds: how many are open, the response in figures, and whose delivery is missed (also after the round closed)", async () => {
    const form = await dddForm();
    const submitted = await press(bot, ISAIAH, "meetmoment-indienen", { ...envelope(form), ...fill(form, ["3100", "97,5", "96", "88.5", "3,1"]) });
    expect(cardText(submitted.body)).toContain("Ingediend");
    const open = await bot.app.db.meetmomentRound.findMany({ where: { status: "open" }, include: { activity: true } });
    expect(open.length).toBeGreaterThan(1);

    // While the rounds are open: the response so far, nobody late yet.
    const [during] = await say(bot, PATTI, "samenvatting");
    const duringText = JSON.stringify(during!.body.attachments[0].content);
    expect(duringText).toContain("Meetmomenten");
    expect(duringText).toContain(`{"title":"Rondes open","value":"${open.length}"}`);
    expect(duringText).toMatch(/"title":"Respons","value":"[\d,]+% \(4 van \d+\)"/); // the DDD form asks 4 KPIs: DUO publishes the fifth
    expect(duringText).toContain('{"title":"Te laat","value":"0"}');

    // The rounds close; the DDD round was in, the others were not.
    clock.set(amsterdam("2026-11-24T10:00"));
    await runJobAt(bot, amsterdam("2026-11-24T08:10"));
    const missed = open.filter((r) => r.activityId !== "ddd");
    const [after] = await say(bot, PATTI, "samenvatting");
    const afterText = JSON.stringify(after!.body.attachments[0].content);
    expect(afterText).toContain(`{"title":"Te laat","value":"${Math.min(missed.length, 25)}"}`);
    expect(afterText).toContain(missed[0]!.activity.naam);
    expect(afterText).not.toContain("Digitaal Doorstroomdossier (DDD) (uiterlijk");
  });
});
