import { describe, expect, it } from "vitest";
import { useScenario } from "../support/scenario.js";

/**
 * Isaiah, eigenaar of the DDD activity, delivers the figures of the November meetmoment: the
 * `meetmomenten` job opens the round and sends him the form, he saves a draft, submits, and
 * corrects one figure. The bot's clock starts on Tuesday 3 November 2026 (DEMO_CLOCK_START),
 * so the round the job opened on Monday 2 November is open whenever this runs.
 */
const scenario = useScenario("eigenaar", { user: "isaiah", env: { DEMO_CLOCK_START: "2026-11-03T10:00:00+01:00" } });

const TITLE = "Meetmoment november 2026 (schooljaar 2025-2026): Digitaal Doorstroomdossier (DDD)";
const KPIS = {
  geregistreerd: "aantal geregistreerde leerlingen met een ingevuld DDD",
  geplaatst: "% overstappers vo→mbo in regio 39 in beeld met een vervolgkeuze en definitief geplaatst",
  ingevuld: "% van de geplaatste overstappers met een ingevuld DDD",
  voor1april: "% digitale doorstroomdossiers gevuld en aangeleverd aan het mbo vóór 1 april",
};

describe("eigenaar: Isaiah delivers the DDD figures of the November meetmoment", () => {
  it("receives the form when the job opens the round", async () => {
    const { user, stack } = scenario;
    await user.waitForText("Hallo Isaiah");
    const run = await stack.cli(["run", "meetmomenten", "--at", "2026-11-02T08:10:00+01:00"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ job: "meetmomenten", status: "succeeded", opened: expect.any(Number) });
    await user.waitForText(TITLE);
    const text = await user.chatText();
    expect(text).toContain("Het meetmoment november 2026 is geopend");
    expect(text).toContain("Norm: 98 % (streefwaarde 2019-2020)");
    expect(text).toContain("Concept opslaan");
    await user.step("formulier");
    await user.stepCard("formulier-kaart", TITLE);
  });

  it("saves a draft with the one figure he knows", async () => {
    const { user } = scenario;
    await user.fillCardInput(KPIS.geregistreerd, "3100", { card: TITLE });
    const draft = await user.clickCardButton("Concept opslaan", { card: TITLE });
    expect(draft.status).toBe(200);
    expect(draft.data).toMatchObject({ activityId: "ddd", schoolYear: "2026-2027" });
    expect(Object.values(draft.data)).toContain("3100");
    await user.waitForText("Concept opgeslagen");
    expect(await user.chatText()).toContain("1 van 4 ingevuld");
    await user.step("concept");
  });

  it("types -4, 1.000 and 150 with the keyboard: a Dutch error on the card, never a changed number", async () => {
    const { user } = scenario;
    const invokes: string[] = [];
    const countInvoke = (request: { url(): string }) => {
      if (request.url().includes("/_conversation/v1/invoke")) invokes.push(request.url());
    };
    user.page.on("request", countInvoke);
    try {
      // What the input shows is what was typed, key by key (a number box dropped "97,5" and clamped "-4" to 0).
      expect(await user.typeIntoCardInput(KPIS.geregistreerd, "1.000", { card: TITLE })).toBe("1.000");
      expect(await user.typeIntoCardInput(KPIS.ingevuld, "-4", { card: TITLE })).toBe("-4");
      expect(await user.typeIntoCardInput(KPIS.geplaatst, "150", { card: TITLE })).toBe("150");
      // "-4" and "1.000" can never be right: the card itself says so in Dutch and sends nothing.
      await user.card(TITLE).getByRole("button", { name: "Concept opslaan", exact: true }).click();
      await user.waitForText("Vul een heel getal in van 0 tot en met 1 miljoen, alleen cijfers (dus 1000, niet 1.000).");
      await user.waitForText("Vul een percentage in van 0 tot en met 100");
      await user.stepCard("getallen-kaart-weigert", TITLE);
      expect(invokes).toEqual([]);
    } finally {
      user.page.off("request", countInvoke);
    }

    // "150" looks like a number; the server checks the range and answers on the card, showing what was typed.
    await user.typeIntoCardInput(KPIS.geregistreerd, "3100", { card: TITLE });
    await user.typeIntoCardInput(KPIS.ingevuld, "96", { card: TITLE });
    const refused = await user.clickCardButton("Concept opslaan", { card: TITLE });
    expect(refused.status).toBe(200);
    expect(Object.values(refused.data)).toContain("150");
    await user.waitForText("Er is niets opgeslagen. Verbeter dit en probeer het opnieuw:");
    expect(await user.chatText()).toContain(`${KPIS.geplaatst}: Vul een percentage in van 0 tot en met 100`);
    expect(await user.card(TITLE).getByLabel(KPIS.geplaatst).inputValue()).toBe("150");
    await user.stepCard("getallen-server-weigert", "Er is niets opgeslagen");
  });

  it("submits all figures typed the Dutch way (97,5): the card becomes a read-only summary with Wijzigen", async () => {
    const { user } = scenario;
    expect(await user.typeIntoCardInput(KPIS.geplaatst, "97,5", { card: TITLE })).toBe("97,5");
    await user.typeIntoCardInput(KPIS.ingevuld, "96", { card: TITLE });
    await user.typeIntoCardInput(KPIS.voor1april, "88,5", { card: TITLE });
    const submitted = await user.clickCardButton("Indienen", { card: TITLE });
    expect(submitted.status).toBe(200);
    expect(Object.values(submitted.data)).toEqual(expect.arrayContaining(["3100", "97,5", "96", "88,5"]));
    await user.waitForText("Dank je wel! De cijfers zijn ingediend.");
    const text = await user.chatText();
    expect(text).toContain("97,5 %");
    expect(text).toContain("88,5 %");
    expect(text).not.toContain("VSV-cijfer vmbo bovenbouw"); // DUO publishes it (aanjager import duo): not on the form
    expect(text).toContain("Wijzigen");
    expect(text).not.toContain("Concept opslaan");
    await user.step("ingediend");
    await user.stepCard("samenvatting", "Dank je wel!");
  });

  it("corrects one figure; the summary says so and keeps the earlier value in the history", async () => {
    const { user } = scenario;
    await user.clickCardButton("Wijzigen", { card: TITLE });
    await user.waitForText("Correctie indienen");
    await user.fillCardInput(KPIS.geplaatst, "98", { card: TITLE });
    const corrected = await user.clickCardButton("Correctie indienen", { card: TITLE });
    expect(corrected.status).toBe(200);
    await user.waitForText("Correctie opgeslagen: 1 waarde gewijzigd");
    expect(await user.chatText()).toContain("1× gecorrigeerd");
    await user.step("gecorrigeerd");
  });

  it("lists the round with `cijfers`, as submitted", async () => {
    const { user } = scenario;
    await user.say("cijfers");
    await user.waitForText("Jouw openstaande meetmomenten");
    expect(await user.chatText()).toContain("Digitaal Doorstroomdossier (DDD): november 2026");
    await user.step("cijfers");
  });
});
