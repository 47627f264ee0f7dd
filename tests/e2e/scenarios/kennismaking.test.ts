import { describe, expect, it } from "vitest";
import { useScenario } from "../support/scenario.js";

/**
 * Alex (projectteam, beheerder, decaan in the demo region) meets Aanjager: the greeting on
 * install, `help`, `wie ben ik`, a typo, and Aanjager in a group chat and a team channel, where
 * it only listens when mentioned.
 */
const scenario = useScenario("kennismaking", { user: "alex" });

describe("kennismaking: Alex meets Aanjager in Teams", () => {
  it("greets with the help card for Alex's roles when the app is installed", async () => {
    const { user } = scenario;
    await user.waitForText("Hallo Alex, ik ben Aanjager");
    const text = await user.chatText();
    expect(text).toContain("projectteam Elke Jongere in Beeld");
    expect(text).toContain("decaan (Graaf Huyn Vmbo Geleen)");
    expect(text).toContain("wie ben ik");
    await user.step("welkom");
    await user.stepCard("welkom-kaart", "Hallo Alex");
  });

  it("answers `help` with the same card", async () => {
    const { user } = scenario;
    await user.say("help");
    await user.waitForText("Wat je kunt typen", { count: 2 });
    await user.step("help");
  });

  it("answers `wie ben ik` with the roles and schools it knows", async () => {
    const { user } = scenario;
    await user.say("wie ben ik");
    await user.waitForText("Je bent bij Aanjager bekend als");
    const text = await user.chatText();
    expect(text).toContain("Alex Wilber");
    expect(text).toMatch(/decaan: Graaf Huyn Vmbo Geleen \(\w+\)/);
    await user.step("wie-ben-ik");
  });

  it("suggests the command a typo was meant to be", async () => {
    const { user } = scenario;
    await user.say("hlep");
    await user.waitForText("Dat herken ik niet. Bedoel je");
    expect(await user.chatText()).toMatch(/Bedoel je help\?/);
    await user.step("typfout");
    // The suggestion is a button: it runs "help" as if typed, and the help card follows.
    const helpCards = (await user.chatText()).split("Wat je kunt typen").length - 1;
    await user.card("Dat herken ik niet").getByRole("button", { name: "help", exact: true }).click();
    await user.waitForText("Wat je kunt typen", { count: helpCards + 1 });
  });

  it("introduces itself in a group chat and answers when mentioned", async () => {
    const { user } = scenario;
    await user.openConversation("Group Chat");
    await user.waitForText("Noem me met @Aanjager help");
    await user.mention("help");
    await user.waitForText("Wat je kunt typen");
    await user.step("groepschat");
  });

  it("introduces itself in the team's General channel and answers a mention there", async () => {
    const { user } = scenario;
    await user.openConversation("General");
    await user.waitForText("Noem me met @Aanjager help");
    await user.mention("help");
    await user.waitForText("Wat je kunt typen");
    expect(await user.chatText()).toContain("Hallo Alex, ik ben Aanjager");
    await user.step("kanaal-vermelding");
    // A mention mid-sentence, as people write it: "hoi @Aanjager help".
    const helpCards = (await user.chatText()).split("Wat je kunt typen").length - 1;
    await user.mention("help", { before: "hoi" });
    await user.waitForText("Wat je kunt typen", { count: helpCards + 1 });
  });
});
