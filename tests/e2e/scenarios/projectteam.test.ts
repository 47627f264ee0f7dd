import { describe, expect, it } from "vitest";
import { useScenario } from "../support/scenario.js";

/**
 * Alex as projectteam member works an escalation in chat and on the case card: escalates a school
 * that keeps missing its DDD work agreements, lists the open cases, opens the case card, picks it
 * up with the card's button and closes it with a resolution note.
 */
const scenario = useScenario("projectteam", { user: "alex" });

describe("projectteam: working a case", () => {
  it("escalates a school by (part of) its name", async () => {
    const { user } = scenario;
    await user.waitForText("Hallo Alex, ik ben Aanjager");
    await user.say("escaleer Carbon Vakcollege: reageert niet op de DDD-herinneringen");
    await user.waitForText("Carbon Vakcollege Heerlen");
    await user.step("escaleer");
  });

  it("lists the open cases with `zaken`", async () => {
    const { user } = scenario;
    await user.say("zaken");
    await user.waitForText("reageert niet op de DDD-herinneringen", { count: 2 });
    await user.step("zaken");
  });

  it("opens the case card and picks the case up with its button", async () => {
    const { user } = scenario;
    await user.say("zaak 1");
    await user.waitForText("Pak op");
    await user.stepCard("zaakkaart", "Pak op");
    const invoke = await user.clickCardButton("Pak op");
    expect(invoke.status).toBe(200);
    expect(invoke.data).toMatchObject({ caseId: 1 });
    await user.waitForText("opgepakt door Alex Wilber (kaart)");
    await user.stepCard("opgepakt", "opgepakt door Alex Wilber");
  });

  it("closes the case with a resolution note on the card", async () => {
    const { user } = scenario;
    await user.expandCardAction("Sluit");
    await user.fillCardInput("Toelichting (verplicht)", "Decaan gebeld; achterstand ingehaald, 38 van 40 dossiers klaar.");
    const invoke = await user.clickCardButton("Sluit zaak");
    expect(invoke.status).toBe(200);
    await user.waitForText("gesloten door Alex Wilber");
    expect(await user.chatText()).toContain("achterstand ingehaald");
    await user.stepCard("gesloten", "gesloten door Alex Wilber");
  });
});
