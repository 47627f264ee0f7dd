import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { STALE_ACTION_MESSAGE } from "../../src/teams/card-actions/router.js";
import { useScenario } from "./support/scenario.js";

/**
 * Checks of the harness itself against the real playground page, so that the flows' scenarios
 * can trust its helpers. No Aanjager card has an Action.Execute button yet, so a probe card is
 * posted into the chat through the playground's mock connector (as the bot's proactive sends
 * do); Aanjager answers its unknown verb with the stale-card message, which proves the whole
 * round trip: click -> adaptiveCard/action invoke with the inputs -> the bot's answer on the card.
 */
const scenario = useScenario("harness");

const probeCard = (heading: string) => ({
  type: "AdaptiveCard",
  version: "1.5",
  body: [
    { type: "TextBlock", text: heading, weight: "Bolder" },
    { type: "Input.Text", id: "toelichting", label: "Toelichting" },
    { type: "Input.Number", id: "aantal", label: "Aantal dossiers" },
    { type: "Input.ChoiceSet", id: "subregio", label: "Subregio", choices: [{ title: "Parkstad", value: "parkstad" }, { title: "Westelijke Mijnstreek", value: "westelijke-mijnstreek" }] },
    { type: "Input.ChoiceSet", id: "soort", label: "Soort", style: "expanded", choices: [{ title: "vmbo", value: "vmbo" }, { title: "mbo", value: "mbo" }] },
  ],
  actions: [{ type: "Action.Execute", title: "Opslaan", verb: "e2e.probe", data: { probe: 1 } }],
});

describe("the e2e harness in the Agents Playground", () => {
  it("reads only the open conversation, not the conversation list or the log panel", async () => {
    const { user } = scenario;
    await user.waitForText("Wat je kunt typen");
    const text = await user.chatText();
    expect(text).toContain("Hallo Alex, ik ben Aanjager");
    expect(text).not.toContain("Personal and Group Chat");
    expect(text).not.toContain("Log Panel");
  });

  it("fills in a card and clicks its button: an adaptiveCard/action invoke reaches the bot, the answer shows on the card", async () => {
    const { user, stack } = scenario;
    await stack.sendAsBot("Personal Chat", { attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: probeCard("Proefkaart") }] });
    await user.waitForText("Proefkaart");
    await user.fillCardInput("Toelichting", "Gesprek gepland");
    await user.fillCardInput("Aantal dossiers", "12");
    await user.chooseCardOption("Subregio", "Parkstad");
    await user.chooseCardOption("Soort", "mbo");
    await user.step("proefkaart-ingevuld");

    const result = await user.clickCardButton("Opslaan", { card: "Proefkaart" });
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ probe: 1, toelichting: "Gesprek gepland", aantal: "12", subregio: "parkstad", soort: "mbo" });
    expect(JSON.stringify(result.body)).toContain("Deze knop werkt niet meer");
    await user.waitForText(STALE_ACTION_MESSAGE);
    await user.step("proefkaart-antwoord");
  });

  it("shows a card the bot replaces (updateActivity, as a refresh for all does) in place", async () => {
    const { user, stack } = scenario;
    const { id } = await stack.sendAsBot("Personal Chat", { attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: probeCard("Versie 1") }] });
    await user.waitForText("Versie 1");
    const cardsBefore = await user.chatPane().locator(".ac-adaptiveCard").count();
    await stack.updateAsBot("Personal Chat", id, { attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: probeCard("Versie 2") }] });
    await user.waitForText("Versie 2");
    expect(await user.chatText()).not.toContain("Versie 1");
    expect(await user.chatPane().locator(".ac-adaptiveCard").count()).toBe(cardsBefore);
  });

  it("pictures a card taller than the window without changing the page: what was typed stays, the log panel stays closed", async () => {
    const { user, stack } = scenario;
    // The playground reopens its log panel when the window's size changes (a media query), and a
    // picture beyond the window is such a change; the narrower chat then renders its cards anew,
    // dropping whatever was typed (the eigenaar's -4 and 150 vanished that way).
    const tall = probeCard("Lange kaart");
    tall.body.push(...Array.from({ length: 30 }, (_, i) => ({ type: "TextBlock", text: `Regel ${i + 1}`, weight: "Default" })));
    await stack.sendAsBot("Personal Chat", { attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: tall }] });
    await user.waitForText("Regel 30");
    expect(await user.typeIntoCardInput("Toelichting", "nog niet opgeslagen", { card: "Lange kaart" })).toBe("nog niet opgeslagen");
    const viewport = user.page.viewportSize();
    expect((await user.card("Lange kaart").boundingBox())!.height).toBeGreaterThan(viewport!.height);

    await user.stepCard("lange-kaart", "Lange kaart");

    expect(await user.card("Lange kaart").getByLabel("Toelichting").inputValue()).toBe("nog niet opgeslagen");
    expect(await user.page.getByText("Log Panel", { exact: true }).count()).toBe(0);
    expect(user.page.viewportSize()).toEqual(viewport);
  });

  it("switches to the group chat and the team channels, where the bot is installed and greets", async () => {
    const { user } = scenario;
    for (const name of ["Group Chat", "General"] as const) {
      await user.openConversation(name);
      await user.waitForText("Noem me met");
    }
    // The team was installed through General: as in Teams, the greeting is not repeated per channel.
    await user.openConversation("Announcements");
    expect(await user.chatText()).not.toContain("Noem me met");
    await user.mention("wie ben ik");
    await user.waitForText("Je bent bij Aanjager bekend als");
    await user.openConversation("Personal Chat");
    await user.waitForText("Proefkaart");
  });

  it("runs the command line against the stack's database", async () => {
    const { stack } = scenario;
    const result = await stack.cli(["run", "housekeeping", "--at", "2027-03-01T09:00:00+01:00"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.json).toMatchObject({ job: "housekeeping" });
    const status = await stack.cli(["db", "status"]);
    expect(status.code).toBe(0);
    expect(fs.existsSync(stack.databasePath)).toBe(true);
  });

  it("numbers the step pictures per scenario", () => {
    const files = fs.readdirSync(scenario.dir).filter((f) => /^\d\d-.*\.png$/.test(f)).sort();
    expect(files).toEqual(["01-proefkaart-ingevuld.png", "02-proefkaart-antwoord.png", "03-lange-kaart.png"]);
  });
});
