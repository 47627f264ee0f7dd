import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, PlaygroundUser, startStack, type Stack } from "./support/stack.js";

/**
 * The DDD card in the Agents Playground, which renders Adaptive Cards with Teams' own renderer:
 * `voortgang`, opening the inline form, a refused and an accepted update (Universal Actions).
 */
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("the DDD card in the Agents Playground", () => {
  it("shows the decaan's progress and updates the figures from the card", async () => {
    const user = await PlaygroundUser.open(browser, stack.playgroundUrl, "ddd");
    await user.waitForText("Hallo Alex, ik ben Aanjager");
    await user.say("voortgang");
    await user.waitForText("DDD-voortgang Graaf Huyn Vmbo Geleen");
    await user.waitForText("DDD-voortgang regio");
    await user.waitForText("Prognose");
    await user.screenshot("01-voortgang");

    const card = user.page.locator(".ac-adaptiveCard", { hasText: "DDD-voortgang Graaf Huyn Vmbo Geleen" }).last();
    await card.getByRole("button", { name: "Cijfers bijwerken" }).click();
    const input = (label: string) => card.getByRole("spinbutton", { name: label });
    await input("Overstappers").fill("50");
    await input("Gestart (deel A)").fill("45");
    await input("Deel B klaar").fill("40");
    await input("Afgerond en aangeleverd").fill("60");
    await input("In beeld").fill("48");
    await user.screenshot("02-formulier");
    await card.getByRole("button", { name: "Opslaan" }).click();
    await user.waitForText("Niet opgeslagen: er is niets veranderd.");
    await user.waitForText("afgerond en aangeleverd (60) is groter dan het aantal overstappers (50)");
    await user.screenshot("03-fout");

    const refreshed = user.page.locator(".ac-adaptiveCard", { hasText: "Niet opgeslagen" }).last();
    await refreshed.getByRole("spinbutton", { name: "Afgerond en aangeleverd" }).fill("38");
    await refreshed.getByRole("button", { name: "Opslaan" }).click();
    await user.waitForText("Opgeslagen: 38 van 50 afgerond (76 %). Dank je!");
    const chat = await user.page.locator("body").innerText();
    expect(chat).toContain("38 van 50 dossiers afgerond en aangeleverd (76 %)");
    await user.screenshot("04-opgeslagen");
  });
});
