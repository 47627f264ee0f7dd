import { describe, expect, it } from "vitest";
import { importDirectoryData } from "../../src/services/directory-import.js";
import { ALEX, MEGAN, cardOf, createCaseChat, type ChatUser } from "../support/case-chat.js";
import { addPersonalConversation } from "../support/delivery.js";
import { useTestAanjager } from "../support/test-app.js";

/**
 * Issue 19: a warme overdracht names the receiving mbo institution; its intake gets a card and
 * confirms "overdracht ontvangen", which closes the case. Through /api/messages and
 * adaptiveCard/action invokes, with the card read from the mock Bot Connector.
 */
const INTAKE: ChatUser = { teamsId: "29:intake", aad: "3f2504e0-4f89-11d3-9a0c-0305e82c3310", name: "Ingrid Intake", conversation: "a:intake" };
const OTHER_INTAKE: ChatUser = { teamsId: "29:intake-2", aad: "3f2504e0-4f89-11d3-9a0c-0305e82c3311", name: "Otto Intake", conversation: "a:intake-2" };
let mboBrin = "";

const bot = useTestAanjager({
  async prepare(prepared) {
    const [mbo, other] = await prepared.app.db.school.findMany({ where: { soort: "mbo" }, orderBy: { id: "asc" }, take: 2 });
    mboBrin = mbo!.brin;
    const result = await importDirectoryData(
      prepared.app.db,
      [
        "email;naam;rol;school_brin;aad_object_id",
        `intake@mbo.example;${INTAKE.name};mbo-intake;${mbo!.brin};${INTAKE.aad}`,
        `intake@ander-mbo.example;${OTHER_INTAKE.name};mbo-intake;${other!.brin};${OTHER_INTAKE.aad}`,
      ].join("\n"),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
  },
});
const chat = createCaseChat(() => bot);

async function openHandover(): Promise<number> {
  const intake = await bot.app.db.person.findUniqueOrThrow({ where: { email: "intake@mbo.example" } });
  await addPersonalConversation(bot.app.db, { personId: intake.id, conversationId: "a:intake-chat", serviceUrl: bot.connector.url, userTeamsId: INTAKE.teamsId });
  await chat.say(MEGAN, `overstapzaak OS-2027-0077 warme overdracht naar ${mboBrin} begeleiding bij plannen nodig`);
  const row = await bot.app.db.case.findFirstOrThrow({ where: { overstapRef: "OS-2027-0077" } });
  await bot.app.delivery.drain(new Date(Date.now() + 7 * 86_400_000));
  return row.id;
}

describe("warme overdracht with a receiver", () => {
  it("sends the receiving intake a card; their 'overdracht ontvangen' closes the case, once", async () => {
    const caseId = await openHandover();
    const row = await bot.app.db.case.findUniqueOrThrow({ where: { id: caseId }, include: { receiverSchool: true } });
    expect(row).toMatchObject({ overstapReason: "warme-overdracht", state: "open", receiverSchool: { brin: mboBrin } });

    const sent = bot.connector.calls.filter((c) => c.method === "POST" && c.path === "/v3/conversations/a:intake-chat/activities");
    expect(sent).toHaveLength(1);
    const card = cardOf(sent[0]!);
    expect(JSON.stringify(card)).toContain("Warme overdracht OS-2027-0077");
    expect(card.actions).toEqual([expect.objectContaining({ type: "Action.Execute", verb: "overdracht-ontvangen", data: { caseId } })]);

    const answer = await chat.press(INTAKE, "overdracht-ontvangen", { caseId });
    expect(answer.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(JSON.stringify(answer.value)).toContain("de overdracht is bevestigd en de zaak is gesloten");
    expect(answer.value.actions ?? []).toEqual([]);
    const closed = await bot.app.db.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(closed).toMatchObject({ state: "opgelost", openKey: null, resolution: expect.stringContaining("Overdracht ontvangen door de intake van") });
    expect(closed.receivedAt).not.toBeNull();

    // Pressing again changes nothing and says so.
    const again = await chat.press(INTAKE, "overdracht-ontvangen", { caseId });
    expect(JSON.stringify(again.value)).toContain("al bevestigd");
    expect(await bot.app.db.caseEvent.count({ where: { caseId, kind: "resolved" } })).toBe(1);
  });

  it("lets only the intake of the receiving institution confirm; others are refused and nothing changes", async () => {
    const caseId = await openHandover();
    const other = await chat.press(OTHER_INTAKE, "overdracht-ontvangen", { caseId });
    expect(JSON.stringify(other.value)).toContain("Alleen de intake van de ontvangende mbo-instelling");
    // A decaan does not have the role at all: the authorization table refuses the button.
    const decaan = await chat.press(MEGAN, "overdracht-ontvangen", { caseId });
    expect(JSON.stringify(decaan.value)).toContain("Deze actie is niet beschikbaar voor jouw rol");
    expect((await bot.app.db.case.findUniqueOrThrow({ where: { id: caseId } })).state).toBe("open");
    // The projectteam closes it with a note instead.
    const replies = await chat.say(ALEX, `sluit ${caseId} overdracht telefonisch gedaan`);
    expect(replies.length).toBeGreaterThan(0);
    expect((await bot.app.db.case.findUniqueOrThrow({ where: { id: caseId } })).state).toBe("opgelost");
  });

  it("shows an mbo intake with `voortgang` what is heading to their institution, as counts only", async () => {
    await openHandover();
    const replies = await chat.say(INTAKE, "voortgang");
    const text = replies.map((r) => String(r.body.text ?? "")).join("\n");
    expect(text).toContain("Op weg naar");
    expect(text).toMatch(/DDD's van de \d+ vo-scholen in .+: \d+ van \d+ afgerond en aangeleverd/);
    expect(text).toContain("Warme overdrachten naar jullie: 1 wachten op jullie bevestiging, 0 bevestigd.");
    expect(text).not.toContain("OS-2027-0077");
    expect(replies.every((r) => (r.body.attachments ?? []).length === 0)).toBe(true);
  });

  it("asks for the receiver in Dutch when a warme overdracht names none or an unknown one, and opens nothing", async () => {
    const none = await chat.say(MEGAN, "overstapzaak OS-2027-0078 warme overdracht");
    expect(JSON.stringify(none.map((r) => r.body.text))).toContain("Noem bij een warme overdracht wie de leerling ontvangt");
    const unknown = await chat.say(MEGAN, "overstapzaak OS-2027-0078 warme overdracht naar Nergenshuizen");
    expect(JSON.stringify(unknown.map((r) => r.body.text))).toContain("Ik ken geen mbo-instelling 'Nergenshuizen'");
    expect(await bot.app.db.case.count({ where: { overstapRef: "OS-2027-0078" } })).toBe(0);
  });
});
