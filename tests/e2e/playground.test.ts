import fs from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, PlaygroundUser, startStack, type Stack } from "./support/stack.js";

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

describe("Aanjager in the Agents Playground", () => {
  it("welcomes the user on install and answers `help` in Dutch for their roles", async () => {
    const user = await PlaygroundUser.open(browser, stack.playgroundUrl, "foundation");
    // On connecting the playground installs the app: the bot greets with the help card.
    await user.waitForText("Hallo Alex, ik ben Aanjager");
    await user.screenshot("01-welkom");

    await user.say("help");
    await user.waitForText("Wat je kunt typen", 2);
    const chat = await user.page.locator("body").innerText();
    expect(chat).toContain("projectteam Elke Jongere in Beeld");
    expect(chat).toContain("decaan (Graaf Huyn Vmbo Geleen)");
    expect(fs.existsSync(await user.screenshot("02-help"))).toBe(true);

    await user.say("hlep");
    await user.waitForText("Bedoel je");
    await user.screenshot("03-typfout");
  });
});
