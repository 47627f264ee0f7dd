import { describe, expect, it } from "vitest";
import { useScenario } from "../support/scenario.js";

/**
 * Alex as decaan of Graaf Huyn Vmbo Geleen: receives the DDD reminder (the job triggered through
 * the CLI as if it were 18 February 2027), reads progress and forecast, asks for the card with
 * `voortgang`, fills in `Cijfers bijwerken` with a wrong value (the Dutch error appears on the
 * card) and then a right one (the card refreshes in place with the new figures).
 */
const scenario = useScenario("decaan", { user: "alex" });

describe("decaan: the DDD reminder and the figures form", () => {
  it("receives the reminder with progress and forecast", async () => {
    const { user, stack } = scenario;
    await user.waitForText("Hallo Alex, ik ben Aanjager");
    const run = await stack.cli(["run", "ddd-reminders", "--at", "2027-02-18T09:00:00+01:00"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ job: "ddd-reminders", status: "succeeded" });
    await user.waitForText("tot de DDD-deadline");
    await user.waitForText("Prognose");
    await user.stepCard("herinnering", "tot de DDD-deadline");
  });

  it("shows the current card with `voortgang`", async () => {
    const { user } = scenario;
    await user.say("voortgang");
    await user.waitForText("DDD-voortgang Graaf Huyn Vmbo Geleen");
    await user.step("voortgang");
  });

  it("refuses impossible figures with a Dutch error on the card, then saves correct ones", async () => {
    const { user } = scenario;
    const card = "DDD-voortgang Graaf Huyn Vmbo Geleen";
    await user.expandCardAction("Cijfers bijwerken", { card });
    await user.fillCardInput("Overstappers", "50", { card });
    await user.fillCardInput("Gestart (deel A)", "45", { card });
    await user.fillCardInput("Deel B klaar", "40", { card });
    await user.fillCardInput("Afgerond en aangeleverd", "60", { card });
    await user.fillCardInput("In beeld", "48", { card });
    await user.stepCard("formulier", card);
    const refused = await user.clickCardButton("Opslaan", { card });
    expect(refused.status).toBe(200);
    await user.waitForText("afgerond en aangeleverd (60) is groter dan het aantal overstappers (50)");
    await user.stepCard("fout", "Niet opgeslagen");

    await user.fillCardInput("Afgerond en aangeleverd", "38", { card: "Niet opgeslagen" });
    await user.clickCardButton("Opslaan", { card: "Niet opgeslagen" });
    await user.waitForText("Opgeslagen: 38 van 50 afgerond (76 %). Dank je!");
    expect(await user.chatText()).toContain("38 van 50 dossiers afgerond en aangeleverd (76 %)");
    await user.stepCard("opgeslagen", "Opgeslagen: 38 van 50");
  });
});
