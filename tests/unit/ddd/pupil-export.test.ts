import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_OVERSTAP_EXPORT_FILE, loadConfig, readOverstapExportFile } from "../../../src/config.js";
import { parseCsv } from "../../../src/domain/csv.js";
import { checkFigureConsistency, checkOverstapConsistency, countPupilExport, findPupilExportHeader, matchPupilExportHeader, parseOverstapExportMapping, sumFigures } from "../../../src/domain/ddd/index.js";

/** Issue 18: the mapping file of the per-pupil export, and counting such a file in memory. */
const mapping = readOverstapExportFile(DEFAULT_OVERSTAP_EXPORT_FILE);
const KNOWN = new Set(["11AA", "22BB"]);
const lookups = { isKnownBrin: (brin: string) => KNOWN.has(brin), mappingName: "overstap-export.yaml" };

function count(lines: string[]) {
  const parsed = parseCsv(lines.join("\n"));
  if (!parsed.ok) throw new Error(parsed.reason);
  return countPupilExport(parsed.records, mapping, lookups);
}

function problemsOf(text: string): string {
  try {
    parseOverstapExportMapping(text, { sourceName: "koppeling.yaml" });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the mapping file to be refused");
}

describe("the mapping file", () => {
  it("bundles Dutch header synonyms and status words for both tracks", () => {
    expect(mapping.columns.school.slice(0, 3)).toEqual(["BRIN", "brinnummer", "vestigingscode"]);
    expect(mapping.columns.mentorgroep).toEqual(expect.arrayContaining(["klas", "mentorgroep", "groep", "stamklas"]));
    expect(mapping.dddStatus.get("deela")).toBe("gestart");
    expect(mapping.dddStatus.get("verzonden")).toBe("afgerond");
    expect(mapping.dddStatus.get("")).toBe("overstapper");
    expect(mapping.aanmeldingStatus.get("voorlopiggeplaatst")).toBe("geplaatst");
    expect(mapping.aanmeldingStatus.get("zomerlek")).toBe("zomerlek");
    expect(mapping.notKept).toEqual(expect.arrayContaining(["naam", "leerlingnummer", "geboortedatum"]));
  });

  it("refuses a broken file with every problem and its line, in Dutch", () => {
    const bundled = fs.readFileSync(DEFAULT_OVERSTAP_EXPORT_FILE, "utf8");
    const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;
    const fields = bundled.replace("  aanmeldingStatus: [aangemeld, geplaatst,", "  aanmeldingStatus: [aangemeld, gepland,").replace("\nnietBewaard:\n", "\nkleur: rood\nnietBewaard:\n");
    const message = problemsOf(fields);
    expect(message).toContain("Het koppelbestand voor de export van het overstapsysteem 'koppeling.yaml' (OVERSTAP_EXPORT_FILE) is ongeldig");
    expect(message).toContain(`- regel ${lineOf(fields, "kleur: rood")}: onbekend veld: kleur`);
    expect(message).toContain(`- regel ${lineOf(fields, "  aanmeldingStatus: [aangemeld, gepland,")}: inBeeld.aanmeldingStatus: kies uit geenAanmelding, aangemeld`);
    // One header for two columns, or one status for two stages, would make a file ambiguous.
    const twice = bundled.replace("  afgewezen: [afgewezen,", "  afgewezen: [aangemeld,").replace("  mentorgroep: [mentorgroep,", "  mentorgroep: [BRIN,");
    const ambiguous = problemsOf(twice);
    expect(ambiguous).toContain(`- regel ${lineOf(twice, "  mentorgroep: [BRIN,")}: kolomnaam 'BRIN' staat ook bij kolommen.school`);
    expect(ambiguous).toContain(`- regel ${lineOf(twice, "  afgewezen: [aangemeld,")}: status 'aangemeld' staat ook bij aanmeldingStatus.aangemeld`);
    expect(problemsOf("kolommen: [\n")).toMatch(/- regel \d: /);
    expect(problemsOf("")).toContain("het bestand is leeg");
  });

  it("is chosen with OVERSTAP_EXPORT_FILE and checked at every start: a missing or broken file stops it with the reason", () => {
    expect(loadConfig({}).overstapExport.file).toBe(DEFAULT_OVERSTAP_EXPORT_FILE);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-mapping-"));
    const file = path.join(dir, "koppeling.yaml");
    fs.writeFileSync(file, fs.readFileSync(DEFAULT_OVERSTAP_EXPORT_FILE, "utf8").replace("  zomerlek: [zomerlek,", "  zomerlek: [zomerlek, uitgeloot,"));
    expect(loadConfig({ OVERSTAP_EXPORT_FILE: file }).overstapExport.mapping.aanmeldingStatus.get("uitgeloot")).toBe("zomerlek");
    expect(() => loadConfig({ OVERSTAP_EXPORT_FILE: "/nonexistent/koppeling.yaml" })).toThrow(/'\/nonexistent\/koppeling.yaml' \(OVERSTAP_EXPORT_FILE\) kan niet worden gelezen: het bestand bestaat niet/);
    fs.writeFileSync(file, "kolommen:\n  school: BRIN\n");
    expect(() => loadConfig({ OVERSTAP_EXPORT_FILE: file })).toThrow(/- regel 2: kolommen.school moet een lijst zijn/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("matches headers whatever their case, spaces or dashes, the mapping's first synonym first", () => {
    const matched = matchPupilExportHeader(["Naam", "Vestiging", "  brin ", "Stamklas", "ddd-Status", "Status aanmelding", "Postcode"], mapping);
    expect(matched).toEqual({ ok: true, indexes: { school: 2, mentorgroep: 3, dddStatus: 4, aanmeldingStatus: 5 }, notKept: ["Naam"], ignored: ["Vestiging", "Postcode"] });
    expect(matchPupilExportHeader(["naam", "klas", "aanmelding"], mapping)).toEqual({ ok: false, missing: ["school", "dddStatus"] });
  });

  it("finds the header below an export's title lines, and never in a file with the aggregate columns", () => {
    const parsed = parseCsv(["Export overstapdossiers;;", "Datum: 01-03-2027;;", "BRIN;Klas;DDD status", "11AA;4A;deel A"].join("\n"));
    if (!parsed.ok) throw new Error(parsed.reason);
    const aggregate = ["school_brin", "overstappers"];
    expect(findPupilExportHeader(parsed.records, mapping, aggregate)).toBe(2);
    const result = countPupilExport(parsed.records.slice(2), mapping, lookups);
    expect(result).toMatchObject({ issues: [], pupils: 1, schools: [{ brin: "11AA", line: 4 }] });
    const school = parseCsv("school_brin;brin;overstappers\n11AA;11AA;5");
    expect(school.ok && findPupilExportHeader(school.records, mapping, aggregate)).toBe(-1);
  });
});

const HEADER = "Leerlingnummer;Naam;BRIN;Klas;DDD-status;Aanmeldstatus;Instelling;Opleiding";

describe("counting a per-pupil export", () => {
  it("counts per school and mentor group: cumulative DDD stages, the eight overstap counts, in beeld; totals are the sum", () => {
    const result = count([
      HEADER,
      "1001;Pupil Een;11AA;4A;niet gestart;geen aanmelding;;",
      "1002;Pupil Twee;11aa;4a;Deel A;Aangemeld;Leeuwenborgh;",
      "1003;Pupil Drie;11AA;4A;deel B;voorlopig geplaatst;;Verzorgende IG",
      "1004;Pupil Vier;11AA;4B;verzonden;geplaatst;Arcus;Entree",
      "1005;Pupil Vijf;11AA;4B;afgerond;gestart;Arcus;Entree",
      "1006;Pupil Zes;11AA;4B;akkoord;zomerlek;;",
      "1007;Pupil Zeven;11AA;;afgerond;afgewezen;;",
      "1008;Pupil Acht;11AA;4B;niet van toepassing;;;",
      "1009;Pupil Negen;22BB;;;;;",
    ]);
    expect(result.issues).toEqual([]);
    expect(result).toMatchObject({ pupils: 8, skipped: 1, columns: { school: "BRIN", mentorgroep: "Klas", dddStatus: "DDD-status", aanmeldingStatus: "Aanmeldstatus", instelling: "Instelling", opleiding: "Opleiding" }, notKept: ["Leerlingnummer", "Naam"], ignored: [] });
    const [a, b] = result.schools;
    expect(a!.groups.map((g) => [g.mentorGroup, g.figures, g.counts])).toEqual([
      ["4A", { overstappers: 3, gestart: 2, deelB: 1, afgerond: 0, inBeeld: 2 }, { aangemeld: 2, geplaatst: 1, afgewezen: 0, geenAanmelding: 1, geplaatstMetDdd: 0, mboGestart: 0, nietGestart: 0, zomerlek: 0 }],
      ["4B", { overstappers: 3, gestart: 3, deelB: 3, afgerond: 2, inBeeld: 3 }, { aangemeld: 3, geplaatst: 3, afgewezen: 0, geenAanmelding: 0, geplaatstMetDdd: 2, mboGestart: 1, nietGestart: 0, zomerlek: 1 }],
    ]);
    // The school total is its groups plus the pupil without a group (1007).
    expect(a).toMatchObject({ brin: "11AA", pupils: 7, figures: { overstappers: 7, gestart: 6, deelB: 5, afgerond: 3, inBeeld: 5 } });
    expect(a!.counts).toEqual({ aangemeld: 6, geplaatst: 4, afgewezen: 1, geenAanmelding: 1, geplaatstMetDdd: 2, mboGestart: 1, nietGestart: 0, zomerlek: 1 });
    expect(sumFigures(a!.groups.map((g) => g.figures)).overstappers).toBe(6);
    expect(b).toMatchObject({ brin: "22BB", pupils: 1, groups: [], figures: { overstappers: 1, gestart: 0, inBeeld: 0 }, counts: { geenAanmelding: 1, aangemeld: 0 } });
    for (const c of [a!, b!, ...a!.groups]) {
      expect(checkFigureConsistency(c.figures)).toEqual([]);
      expect(checkOverstapConsistency(c.figures.overstappers, c.counts)).toEqual([]);
    }
  });

  it("leaves the overstap counts unreported (null) when the file has no aanmelding column", () => {
    const result = count(["brin;ddd status;naam", "11AA;deel A;X", "11AA;;Y"]);
    expect(result.issues).toEqual([]);
    expect(result.schools[0]).toMatchObject({ figures: { overstappers: 2, gestart: 1 }, counts: { aangemeld: null, zomerlek: null }, groups: [] });
  });

  it("names the column, the status word and the first lines of an unknown status, with a hint to the mapping file", () => {
    const rows = Array.from({ length: 7 }, (_, i) => `20${i};Naam ${i};11AA;4A;deel C;aangemeld;;`);
    const result = count([HEADER, ...rows, "300;Naam X;11AA;4A;deel A;uitgeloot;;"]);
    expect(result.issues).toEqual([
      { line: 2, message: "kolom 'DDD-status': status 'deel C' staat niet in het koppelbestand (regels 2, 3, 4, 5, 6 en 2 andere); voeg hem toe onder dddStatus in overstap-export.yaml" },
      { line: 9, message: "kolom 'Aanmeldstatus': status 'uitgeloot' staat niet in het koppelbestand (regel 9); voeg hem toe onder aanmeldingStatus in overstap-export.yaml" },
    ]);
    expect(result.unmapped).toEqual([
      { column: "DDD-status", track: "dddStatus", value: "deel C", lines: [2, 3, 4, 5, 6], rows: 7 },
      { column: "Aanmeldstatus", track: "aanmeldingStatus", value: "uitgeloot", lines: [9], rows: 1 },
    ]);
  });

  it("never repeats a cell that may be a pupil's data: a shifted column, a number, a name in the group column", () => {
    const names = Array.from({ length: 12 }, (_, i) => `Voornaam${String.fromCharCode(65 + i)} Achternaam`);
    const shifted = count([HEADER, ...names.map((n, i) => `40${i};Iemand;11AA;4A;${n};aangemeld;;`)]);
    const numbered = count([HEADER, "5001;Iemand;11AA;4A;deel A;leerling 7781234;;"]);
    const groups = count(["brin;klas;ddd status", ...names.map((n) => `11AA;${n};deel A`)]);
    const bsn = count(["brin;klas;ddd status", "11AA;111222333;deel A"]);
    // One unknown value that is a word from the file's name column: a shifted row, not a new status.
    const named = count([HEADER, "5002;Ymke Zwaneveldt;11AA;4A;deel A;aangemeld;;", "5003;Pim Vos;11AA;4A;Zwaneveldt;aangemeld;;"]);
    expect(named.issues).toEqual([{ line: 3, message: expect.stringContaining("kolom 'DDD-status': een waarde die op gegevens van een leerling lijkt (niet getoond)") }]);
    const messages = [shifted, numbered, groups, bsn, named].flatMap((r) => r.issues.map((i) => i.message)).join("\n");
    expect(shifted.issues.map((i) => i.line)).toContain(2);
    expect(messages).toContain("kolom 'DDD-status': 12 verschillende waarden staan niet in het koppelbestand (regels 2, 3, 4, 5, 6 en 7 andere); is dit de kolom met de status? De waarden worden niet getoond");
    expect(messages).toContain("kolom 'Aanmeldstatus': een waarde die op gegevens van een leerling lijkt (niet getoond) staat niet in het koppelbestand (regel 2)");
    expect(messages).toContain("kolom 'klas' heeft bij 11AA 12 verschillende waarden voor 12 leerlingen: dat zijn geen mentorgroepen");
    expect(messages).toContain("kolom 'klas' bevat een nummer dat een burgerservicenummer (BSN) kan zijn");
    expect(groups.schools[0]!.groups).toEqual([]);
    for (const secret of [...names, "Voornaam", "7781234", "111222333", "Iemand", "5001", "400", "Zwaneveldt"]) expect(messages).not.toContain(secret);
  });

  it("reports an unknown school with its lines, an empty or malformed BRIN, and a row of the wrong width", () => {
    const result = count(["brin;ddd status", "77QQ;deel A", "11AA;deel A", "77QQ;afgerond", ";deel A", "Graaf Huyn;deel A", "11AA;deel A;extra"]);
    expect(result.issues).toEqual([
      { line: 2, message: "onbekende school (BRIN 77QQ) op regels 2, 4: voeg de school eerst toe aan de contactenlijst" },
      { line: 5, message: "kolom 'brin' is leeg" },
      { line: 6, message: "kolom 'brin' bevat geen BRIN-code of vestigingscode (zoals 12AB of 12AB00)" },
      { line: 7, message: "3 kolommen, verwacht 2 (gebruik overal hetzelfde scheidingsteken als in de kopregel)" },
    ]);
    // The same problem on many rows is one message with its first lines.
    const names = count(["vestiging;ddd status", ...Array.from({ length: 9 }, () => "Graaf Huyn College;deel A")]);
    expect(names.issues).toEqual([{ line: 2, message: "kolom 'vestiging' bevat geen BRIN-code of vestigingscode (zoals 12AB of 12AB00) (ook op regels 3, 4, 5, 6, 7 en 3 andere)" }]);
    expect(count(["naam;klas"]).issues).toEqual([{ line: 1, message: "kopregel: geen kolom voor school (BRIN, brinnummer, vestigingscode ...) en dddStatus (DDD status, status DDD, status doorstroomdossier ...)" }]);
  });
});
