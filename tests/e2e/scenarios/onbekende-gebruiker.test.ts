import { describe, expect, it } from "vitest";
import { useScenario } from "../support/scenario.js";

/**
 * Someone the contact list does not know opens Aanjager: it explains what it does and whom to
 * ask, and promises nothing it would then refuse.
 */
const scenario = useScenario("onbekende-gebruiker", {
  user: { naam: "Sam Jansen", email: "sam.jansen@example.com", aadObjectId: "00000000-0000-0000-0000-000000000099" },
});

describe("onbekende gebruiker: a person Aanjager does not know", () => {
  it("greets without roles and explains how to get added", async () => {
    const { user } = scenario;
    await user.waitForText("Hallo, ik ben Aanjager");
    const text = await user.chatText();
    expect(text).toContain("Ik ken je nog niet als decaan");
    expect(text).not.toContain("Je rollen");
    await user.step("welkom");
    await user.stepCard("welkom-kaart", "Hallo, ik ben Aanjager");
  });

  it("says so when asked `wie ben ik`", async () => {
    const { user } = scenario;
    await user.say("wie ben ik");
    await user.waitForText("Ik ken je nog niet: je Teams-account is niet gekoppeld");
    await user.step("wie-ben-ik");
  });
});
