import { describe, expect, it } from "vitest";
import { createAuthorization, formatAuthorizationMatrix } from "../../src/domain/authorization.js";
import { ROLES } from "../../src/domain/roles.js";
import { composeFeatures } from "../../src/features/feature.js";
import { COMPOSED_FEATURES } from "../../src/features/index.js";
import type { CommandHandler } from "../../src/teams/types.js";

const { authorization } = COMPOSED_FEATURES;

describe("authorization table", () => {
  it("denies by default: unknown actions, and names that are only object keys", () => {
    for (const name of ["bestaat-niet", "constructor", "__proto__", "toString", "hasOwnProperty"]) {
      for (const kind of ["opdracht", "kaartactie", "export"] as const) {
        expect(authorization.findAudience({ kind, name })).toBeUndefined();
        expect(authorization.isAllowed({ kind, name }, ROLES)).toBe(false);
      }
    }
  });

  it("tells a typed export apart from a command", () => {
    expect(authorization.findAudience({ kind: "export", name: "export meetmomenten" })).toBeDefined();
    expect(authorization.findAudience({ kind: "opdracht", name: "export meetmomenten" })).toBeUndefined();
    expect(authorization.findAudience({ kind: "opdracht", name: "samenvatting" })).toBeDefined();
  });

  it("grants nothing to a person without a role except what is for everyone", () => {
    const forNobody = authorization.permissions.filter((row) => authorization.isAllowed(row, []));
    expect(forNobody.map((r) => r.name)).toEqual(["help", "wie ben ik", "evaluatie-antwoord"]);
    for (const row of forNobody) expect(row.roles).toBe("everyone");
  });

  it("prints the matrix with one line per row and a cell per role, exactly as isAllowed decides", () => {
    const lines = formatAuthorizationMatrix(authorization).trimEnd().split("\n");
    const rows = authorization.permissions;
    expect(lines).toHaveLength(rows.length + 2);
    expect(lines[0]).toBe(`| Actie | Soort | ${ROLES.join(" | ")} | zonder rol |`);
    rows.forEach((row, i) => {
      const cells = lines[i + 2]!.split("|").slice(1, -1).map((c) => c.trim());
      expect(cells[0]).toBe(row.name);
      expect(cells.slice(2, 2 + ROLES.length).map((c) => c === "ja")).toEqual(ROLES.map((role) => authorization.listRolesFor(row).includes(role)));
    });
    expect(lines).toContain("| zaak-sluit | knop |  |  | ja | ja |  |  | ja |  |  |  |  |  |  |");
    expect(lines).toContain("| overdracht-ontvangen | knop |  |  |  |  |  |  |  |  |  |  |  | ja |  |");
  });

  it("refuses to start with an action declared twice, by two features or one", () => {
    expect(() => createAuthorization([{ kind: "opdracht", name: "zaak", roles: "everyone" }, { kind: "opdracht", name: "zaak", roles: ["decaan"] }])).toThrow('opdracht "zaak" is declared twice');
    const zaak = COMPOSED_FEATURES.commands.find((c) => c.name === "zaak")!;
    const copy: CommandHandler = { ...zaak, roles: "everyone" };
    expect(() => composeFeatures([{ name: "a", commands: [zaak] }, { name: "b", commands: [copy] }])).toThrow("declared twice");
    const job = COMPOSED_FEATURES.jobs[0]!;
    expect(() => composeFeatures([{ name: "a", jobs: [job] }, { name: "b", jobs: [job] }])).toThrow(`job "${job.name}" is declared twice`);
  });

  it("keeps a command and an export of the same name apart", () => {
    const both = createAuthorization([
      { kind: "opdracht", name: "x", roles: ["decaan"] },
      { kind: "export", name: "x", roles: ["stuurgroep"] },
    ]);
    expect(both.listRolesFor({ kind: "opdracht", name: "x" })).toEqual(["decaan"]);
    expect(both.listRolesFor({ kind: "export", name: "x" })).toEqual(["stuurgroep"]);
  });
});
