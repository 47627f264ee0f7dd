import { describe, expect, it } from "vitest";
import { useScenario } from "../support/scenario.js";

/**
 * Alex as decaan of Graaf Huyn Vmbo Geleen (complete in the demo figures): the DDD job, triggered
 * through the CLI as if it were 18 February 2027, thanks the school once; Alex asks for the card with
 * `voortgang`, fills in `Cijfers bijwerken` with a wrong value (the Dutch error appears on the
 * card) and then a right one (the card refreshes in place with the new figures).
 */
const scenario = useScenario("decaan", { user: "alex" });

describe("decaan: the DDD reminder and the figures form", () => {
  it("receives the campaign's card: a school at 100 % is thanked once instead of reminded", async () => {
    const { user, stack } = scenario;
    await user.waitForText("Hallo Alex, ik ben Aanjager");
    const run = await stack.cli(["run", "ddd-reminders", "--at", "2027-02-18T09:00:00+01:00"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ job: "ddd-reminders", status: "succeeded" });
    // The job enqueued as of 18 February; the outbox sends as of that moment too.
    const dispatch = await stack.cli(["run", "dispatch", "--at", "2027-02-18T09:00:05+01:00"]);
    expect(dispatch.code, dispatch.stderr).toBe(0);
    await user.waitForText("Klaar: alle DDD's van Graaf Huyn Vmbo Geleen zijn binnen");
    await user.stepCard("herinnering", "Klaar: alle DDD's");
    // Running the same day again sends nothing twice.
    const again = await stack.cli(["run", "ddd-reminders", "--at", "2027-02-18T09:30:00+01:00"]);
    expect(again.json).toMatchObject({ status: "succeeded", enqueued: 0 });
  });

  it("shows the current card with `voortgang`", async () => {
    const { user } = scenario;
    await user.say("voortgang");
    await user.waitForText("DDD-voortgang Graaf Huyn Vmbo Geleen");
    await user.step("voortgang");
  });

  it("refuses impossible figures with a Dutch error on the card, then saves correct ones", async () => {
    const { user } = scenario;
    const card = user.page.locator(".ac-adaptiveCard", { hasText: "DDD-voortgang Graaf Huyn Vmbo Geleen" }).last();
    await card.getByRole("button", { name: "Cijfers bijwerken" }).click();
    const input = (label: string) => card.getByRole("textbox", { name: label });
    // Typed with the keyboard, "-3" stays "-3" (a number box turned it into 0 without a word) and the card says why it cannot be sent.
    expect(await user.typeIntoCardInput("Overstappers", "-3", { card: "DDD-voortgang Graaf Huyn Vmbo Geleen" })).toBe("-3");
    await card.getByRole("button", { name: "Opslaan" }).click();
    await user.waitForText("Vul een heel aantal in, alleen cijfers");
    await input("Overstappers").fill("50");
    await input("Gestart (deel A)").fill("45");
    await input("Deel B klaar").fill("40");
    await input("Afgerond en aangeleverd").fill("60");
    await input("In beeld").fill("48");
    await user.step("formulier");
    await card.getByRole("button", { name: "Opslaan" }).click();
    await user.waitForText("Niet opgeslagen: er is niets veranderd.");
    await user.waitForText("afgerond en aangeleverd (60) is groter dan het aantal overstappers (50)");
    await user.stepCard("fout", "Niet opgeslagen");

    const refreshed = user.page.locator(".ac-adaptiveCard", { hasText: "Niet opgeslagen" }).last();
    await refreshed.getByRole("textbox", { name: "Afgerond en aangeleverd" }).fill("38");
    await refreshed.getByRole("button", { name: "Opslaan" }).click();
    await user.waitForText("Opgeslagen: 38 van 50 afgerond (76 %). Dank je!");
    expect(await user.chatText()).toContain("38 van 50 dossiers afgerond en aangeleverd (76 %)");
    await user.stepCard("opgeslagen", "Opgeslagen: 38 van 50");
  });
});
