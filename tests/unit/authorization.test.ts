import { describe, expect, it } from "vitest";
import { chatActionRef, findAudience, formatAuthorizationMatrix, isAllowed, listPermissions, listRolesFor } from "../../src/domain/authorization.js";
import { ROLES } from "../../src/domain/roles.js";

describe("authorization table", () => {
  it("denies by default: unknown actions, and names that are only object keys", () => {
    for (const name of ["bestaat-niet", "constructor", "__proto__", "toString", "hasOwnProperty"]) {
      for (const kind of ["opdracht", "kaartactie", "export"] as const) {
        expect(findAudience({ kind, name })).toBeUndefined();
        expect(isAllowed({ kind, name }, ROLES)).toBe(false);
      }
    }
  });

  it("tells a typed export apart from a command", () => {
    expect(chatActionRef("export meetmomenten")).toEqual({ kind: "export", name: "export meetmomenten" });
    expect(chatActionRef("samenvatting")).toEqual({ kind: "opdracht", name: "samenvatting" });
  });

  it("grants nothing to a person without a role except what is for everyone", () => {
    const forNobody = listPermissions().filter((row) => isAllowed(row, []));
    expect(forNobody.map((r) => r.name)).toEqual(["help", "wie ben ik", "evaluatie-antwoord"]);
    for (const row of forNobody) expect(row.roles).toBe("everyone");
  });

  it("prints the matrix with one line per row and a cell per role, exactly as isAllowed decides", () => {
    const lines = formatAuthorizationMatrix().trimEnd().split("\n");
    const rows = listPermissions();
    expect(lines).toHaveLength(rows.length + 2);
    expect(lines[0]).toBe(`| Actie | Soort | ${ROLES.join(" | ")} | zonder rol |`);
    rows.forEach((row, i) => {
      const cells = lines[i + 2]!.split("|").slice(1, -1).map((c) => c.trim());
      expect(cells[0]).toBe(row.name);
      expect(cells.slice(2, 2 + ROLES.length).map((c) => c === "ja")).toEqual(ROLES.map((role) => listRolesFor(row).includes(role)));
    });
    expect(lines).toContain("| zaak-sluit | knop |  |  | ja | ja |  |  | ja |  |");
  });
});
