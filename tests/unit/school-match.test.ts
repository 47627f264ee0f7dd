import { describe, expect, it } from "vitest";
import { buildDemoRegion } from "../../src/demo/demo-region.js";
import { matchSchool, splitSchoolAndReason } from "../../src/domain/school-match.js";

const schools = buildDemoRegion().schools.map((s, i) => ({ ...s, id: i + 1 }));
const byName = (naam: string) => schools.find((s) => s.naam === naam)!;

describe("matchSchool", () => {
  it("finds a school by BRIN, whatever the case", () => {
    const school = schools[3]!;
    expect(matchSchool(school.brin.toLowerCase(), schools)).toEqual({ kind: "exact", school });
  });

  it("finds a school by (part of) its name, forgiving case and a typo", () => {
    expect(matchSchool("Carbon Vakcollege", schools)).toMatchObject({ kind: "exact", school: { naam: "Carbon Vakcollege Heerlen" } });
    expect(matchSchool("graaf huyn vmbo", schools)).toMatchObject({ kind: "exact", school: byName("Graaf Huyn Vmbo Geleen") });
    expect(matchSchool("graaf huijn vmbo", schools)).toMatchObject({ kind: "exact", school: byName("Graaf Huyn Vmbo Geleen") });
    expect(matchSchool("trichterveld colege", schools)).toMatchObject({ kind: "exact", school: { naam: "Trichterveld College Sittard" } });
  });

  it("asks when several schools fit", () => {
    const match = matchSchool("graaf huyn", schools);
    expect(match.kind).toBe("ambiguous");
    if (match.kind === "ambiguous") expect(match.candidates.map((s) => s.naam).sort()).toEqual(["Graaf Huyn Lyceum Geleen", "Graaf Huyn Vmbo Geleen"]);
  });

  it("finds nothing for unrelated text", () => {
    expect(matchSchool("de kat krabt", schools)).toEqual({ kind: "none" });
  });
});

describe("splitSchoolAndReason", () => {
  it("takes the longest leading words that name a school, the rest is the reason", () => {
    expect(splitSchoolAndReason("graaf huyn vmbo geen DDD's aangeleverd", schools)).toMatchObject({ reason: "geen DDD's aangeleverd", match: { kind: "exact", school: { naam: "Graaf Huyn Vmbo Geleen" } } });
  });

  it("honours an explicit separator", () => {
    expect(splitSchoolAndReason("Parkstad Lyceum: reageert niet", schools)).toMatchObject({ schoolText: "Parkstad Lyceum", reason: "reageert niet", match: { kind: "exact" } });
  });
});
