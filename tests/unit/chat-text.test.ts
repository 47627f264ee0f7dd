import { describe, expect, it } from "vitest";
import { listCommandCandidates, toPlainText } from "../../src/domain/chat-text.js";

describe("chat text as the command parser needs it", () => {
  it("turns Teams' HTML into plain text, keeping the mention markup", () => {
    expect(toPlainText("<p>help</p>").trim()).toBe("help");
    expect(toPlainText("<div><p>zaak&nbsp;12</p></div>").replace(/\s+/g, " ").trim()).toBe("zaak 12");
    expect(toPlainText("Carbon &amp; co &#39;t &#x27;s")).toBe("Carbon & co 't 's");
    expect(toPlainText("<at>Aanjager</at> help")).toBe("<at>Aanjager</at> help");
    expect(toPlainText("5 < 6 en 7 > 3")).toBe("5 < 6 en 7 > 3");
  });

  it("tries the text without the greeting or the bot's name in front, and nothing else", () => {
    expect(listCommandCandidates("hoi  help")).toEqual(["hoi help", "help"]);
    expect(listCommandCandidates("Hallo Aanjager, voortgang")).toEqual(["Hallo Aanjager, voortgang", "voortgang"]);
    expect(listCommandCandidates("help")).toEqual(["help"]);
    expect(listCommandCandidates("<p>help</p>")).toEqual(["help"]);
    // Other words in front are never skipped: "ik sluit 12 niet" must not close case 12.
    expect(listCommandCandidates("ik sluit 12 niet")).toEqual(["ik sluit 12 niet"]);
    expect(listCommandCandidates("hoi")).toEqual(["hoi"]);
  });
});
