import { describe, expect, it } from "vitest";
import { commandActionRef, listCommandsFor, normalizeCommandText, parseCommand, suggestCommands, type CommandDefinition } from "../../src/domain/commands.js";
import { COMPOSED_FEATURES } from "../../src/features/index.js";
import { ROLES } from "../../src/domain/roles.js";

const { authorization, commands: COMMANDS } = COMPOSED_FEATURES;

describe("parseCommand", () => {
  it("matches case-insensitively with mentions, slashes and punctuation removed", () => {
    expect(parseCommand("<at>Aanjager</at> HELP!", COMMANDS)?.command.name).toBe("help");
    expect(parseCommand("/help", COMMANDS)?.command.name).toBe("help");
    expect(parseCommand("Wie   ben ik?", COMMANDS)?.command.name).toBe("wie ben ik");
    expect(normalizeCommandText("&nbsp;Help&nbsp;")).toBe("help");
  });

  it("prefers the longest command name and passes the rest as arguments", () => {
    // "voorbeeld" is no command: the table is made up to show that the longest name wins.
    const table = ["zaak", "zaken", "voorbeeld herinneringen", "voorbeeld"].map((name) => ({ name, usage: "", description: "" })) as unknown as CommandDefinition[];
    expect(parseCommand("zaak 12", table)).toMatchObject({ command: { name: "zaak" }, args: "12" });
    expect(parseCommand("zaken parkstad", table)).toMatchObject({ command: { name: "zaken" }, args: "parkstad" });
    expect(parseCommand("voorbeeld herinneringen 2027-03-01", table)).toMatchObject({ command: { name: "voorbeeld herinneringen" }, args: "2027-03-01" });
    expect(parseCommand("zaakje", table)).toBeNull();
  });

  it("reads an export as the export, not as the shorter command inside it", () => {
    expect(parseCommand("export samenvatting week 12 html", COMMANDS)).toMatchObject({ command: { name: "export samenvatting" }, args: "week 12 html" });
    expect(parseCommand("samenvatting week 12", COMMANDS)).toMatchObject({ command: { name: "samenvatting" }, args: "week 12" });
  });

  it("suggests close commands for typos and nothing for unrelated text", () => {
    expect(suggestCommands("hlep", COMMANDS)).toEqual(["help"]);
    expect(suggestCommands("wie ben k", COMMANDS)).toContain("wie ben ik");
    expect(suggestCommands("de kat krabt de krullen van de trap", COMMANDS)).toEqual([]);
  });
});

describe("authorization table", () => {
  it("lets everyone use help, and lists for each role only what it may use", () => {
    for (const role of ROLES) {
      const listed = listCommandsFor(authorization, [role], COMMANDS);
      expect(listed.map((c) => c.name)).toContain("help");
      for (const command of listed) expect(authorization.isAllowed(commandActionRef(command), [role])).toBe(true);
    }
    expect(listCommandsFor(authorization, [], COMMANDS).map((c) => c.name)).toEqual(["help", "wie ben ik"]);
  });

  it("checks every command against every role exactly as the authorization table says", () => {
    for (const command of COMMANDS) {
      const audience = authorization.findAudience(commandActionRef(command));
      expect(audience, `${command.name} has a row in the authorization table`).toBeDefined();
      for (const role of ROLES) {
        const expected = audience === "everyone" || audience!.includes(role);
        expect(authorization.isAllowed(commandActionRef(command), [role]), `${command.name} / ${role}`).toBe(expected);
      }
    }
  });
});
