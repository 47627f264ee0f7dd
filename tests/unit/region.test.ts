import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_REGION_FILE, loadConfig, readRegionFile } from "../../src/config.js";
import { findSubregioId, listExtraDaysOff, parseRegion } from "../../src/domain/region.js";

const VALID = `naam: Twente
vakantieregio: noord
subregios:
  - id: noordoost
    naam: Noordoost Twente
    ookGeschrevenAls: [NOT]
  - id: centraal
    naam: Centraal Twente
extraVrijeDagen:
  - naam: Studiedag regio
    datum: "2027-06-14"
projectteam:
  contact: "projectteam Twente, team@twente.example"
ddd:
  deadline: "03-15"
`;

function problemsOf(text: string): string {
  try {
    parseRegion(text, { sourceName: "regio.yaml" });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the region file to be refused");
}

describe("the region file", () => {
  it("bundles Zuid-Limburg: three subregio's, holiday region zuid, Goede Vrijdag off, DDD on 1 April", () => {
    const region = readRegionFile(DEFAULT_REGION_FILE);
    expect(region).toMatchObject({ naam: "Zuid-Limburg", vakantieregio: "zuid", dddDeadline: "04-01" });
    expect(region.subregios.map((s) => s.naam)).toEqual(["Westelijke Mijnstreek", "Maastricht-Heuvelland", "Parkstad"]);
    expect(listExtraDaysOff(region, 2027)).toEqual([{ date: "2027-03-26", name: "Goede Vrijdag" }]);
    expect(region.dddTiming).toEqual({ registrationAfterHerfstvakantie: 1, reminderBeforeKerstvakantie: 10, campaignAfterKerstvakantie: 1 });
    expect(region.projectteamContact).toMatch(/^projectteam Elke Jongere in Beeld/);
  });

  it("reads a region's own subregio's, their other spellings and its fixed days off", () => {
    const region = parseRegion(VALID, { sourceName: "regio.yaml" });
    expect(findSubregioId("NOT", region.subregios)).toBe("noordoost");
    expect(findSubregioId(" centraal twente ", region.subregios)).toBe("centraal");
    expect(findSubregioId("Parkstad", region.subregios)).toBeNull();
    expect(listExtraDaysOff(region, 2027)).toEqual([{ date: "2027-06-14", name: "Studiedag regio" }]);
    expect(listExtraDaysOff(region, 2028)).toEqual([]);
  });

  it("names every problem in Dutch with its line", () => {
    const broken = VALID.replace("vakantieregio: noord", "vakantieregio: oost").replace('deadline: "03-15"', 'deadline: "15 maart"').replace("projectteam:", "projecttteam:");
    expect(problemsOf(broken).split("\n")).toEqual([
      "Het regiobestand 'regio.yaml' is ongeldig, Aanjager start niet:",
      "- regel 2: vakantieregio: kies noord, midden of zuid",
      "- projectteam ontbreekt (met contact: hoe men het projectteam bereikt)",
      '- regel 15: ddd.deadline: verwacht "MM-DD", bijvoorbeeld "04-01" voor 1 april',
      "- regel 13: onbekend veld: projecttteam",
    ]);
    // Two subregio's that read the same would make a directory row ambiguous.
    expect(problemsOf(VALID.replace("    naam: Centraal Twente", "    naam: noordoost-twente"))).toContain("- regel 8: 'noordoost-twente' is ook de naam van subregio nr. 1");
  });

  it("reads the DDD phase timing in working days, defaults it, and refuses a nonsensical value in Dutch", () => {
    expect(parseRegion(VALID, { sourceName: "regio.yaml" }).dddTiming).toEqual({ registrationAfterHerfstvakantie: 1, reminderBeforeKerstvakantie: 10, campaignAfterKerstvakantie: 1 });
    const own = parseRegion(VALID.replace('deadline: "03-15"', 'deadline: "03-15"\n  registratieNaHerfstvakantie: 5\n  herinneringVoorKerstvakantie: 15\n  campagneNaKerstvakantie: 3'), { sourceName: "regio.yaml" });
    expect(own.dddTiming).toEqual({ registrationAfterHerfstvakantie: 5, reminderBeforeKerstvakantie: 15, campaignAfterKerstvakantie: 3 });
    const problems = problemsOf(VALID.replace('deadline: "03-15"', 'deadline: "03-15"\n  registratieNaHerfstvakantie: 0\n  campagneNaKerstvakantie: 2.5'));
    expect(problems).toContain("ddd.registratieNaHerfstvakantie: minstens 1 (1 = de eerste werkdag)");
    expect(problems).toContain("ddd.campagneNaKerstvakantie moet een geheel aantal werkdagen zijn");
  });

  it("sets the 1 October start norm of the overstap year: 95 % of the placed pupils unless the region says otherwise", () => {
    expect(readRegionFile(DEFAULT_REGION_FILE).overstapStartNorm).toBe(95);
    expect(parseRegion(VALID, { sourceName: "regio.yaml" }).overstapStartNorm).toBe(95);
    expect(parseRegion(`${VALID}overstapjaar:\n  normGestart: 92.5\n`, { sourceName: "regio.yaml" }).overstapStartNorm).toBe(92.5);
    expect(problemsOf(`${VALID}overstapjaar:\n  normGestart: 120\n`)).toContain("- regel 17: overstapjaar.normGestart: een percentage van 0 tot en met 100");
  });

  it("reports a YAML syntax error with its line, and an empty file", () => {
    expect(problemsOf("naam: Twente\n\tvakantieregio: noord\n")).toMatch(/- regel 2: .*tab/);
    expect(problemsOf("")).toContain("het bestand is leeg");
  });
});

describe("REGION_FILE", () => {
  it("chooses the region file; its contact and deadline hold unless the environment overrides them", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "aanjager-region-"));
    const file = path.join(dir, "regio-twente.yaml");
    writeFileSync(file, VALID);
    const config = loadConfig({ REGION_FILE: file });
    expect(config.region.naam).toBe("Twente");
    expect(config.regionFile).toBe(file);
    expect(config.projectteamContact).toBe("projectteam Twente, team@twente.example");
    expect(config.ddd.deadline).toBe("03-15");
    expect(loadConfig({ REGION_FILE: file, DDD_DEADLINE: "04-15" }).ddd.deadline).toBe("04-15");
    expect(loadConfig({}).region.naam).toBe("Zuid-Limburg");
    // Empty values (as env/.env.example has them) leave the region file's.
    expect(loadConfig({ REGION_FILE: file, DDD_DEADLINE: "", PROJECTTEAM_CONTACT: " " })).toMatchObject({ ddd: { deadline: "03-15" }, projectteamContact: "projectteam Twente, team@twente.example" });
  });

  it("stops the start with a Dutch message when the file is missing", () => {
    expect(() => loadConfig({ REGION_FILE: "/nonexistent/regio.yaml" })).toThrow(/Het regiobestand '\/nonexistent\/regio.yaml' \(REGION_FILE\) kan niet worden gelezen: het bestand bestaat niet/);
  });
});
