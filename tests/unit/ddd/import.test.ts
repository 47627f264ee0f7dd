import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../src/domain/csv.js";
import { formatImportIssues, validateDddImport } from "../../../src/services/ddd/import.js";

/** The records of a CSV text, as the import reads them from a file. */
function records(text: string) {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(`test CSV does not parse: ${parsed.reason}`);
  return parsed.records;
}

const schoolIdsByBrin = new Map([
  ["10AB", 1],
  ["11CD", 2],
]);
const HEADER = "school_brin;mentorgroep;overstappers;ddd_gestart;ddd_deel_b;ddd_afgerond;in_beeld";
const validate = (lines: string[], header = HEADER) => validateDddImport(records([header, ...lines].join("\n")), { schoolIdsByBrin });

describe("validating a DDD import", () => {
  it("accepts a good file with school totals and mentor groups, with ; or , and a BOM", () => {
    const result = validate(["10AB;;50;48;40;30;49", "10ab;4A;25;24;20;15;25", "10AB;4B;25;24;20;15;24", "11CD;;20;20;20;20;20"]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows.map((r) => [r.line, r.brin, r.mentorGroup, r.figures.afgerond])).toEqual([
      [2, "10AB", "", 30],
      [3, "10AB", "4A", 15],
      [4, "10AB", "4B", 15],
      [5, "11CD", "", 20],
    ]);
    const comma = validateDddImport(records(`\uFEFF${HEADER.replaceAll(";", ",")}\r\n10AB,,50,48,40,30,49\r\n`), { schoolIdsByBrin });
    expect(comma.ok).toBe(true);
  });

  it("matches a BRIN as the contactenlijst does: a vestigingscode (12AB00), and spaces or lower case typed in it", () => {
    const lookups = { schoolIdsByBrin: new Map([["10AB", 1], ["20CD00", 2]]) };
    const result = validateDddImport(records([HEADER, "10 ab;;50;48;40;30;49", "20CD00;;20;20;20;20;20", " 20cd 00 ;4A;10;10;10;10;10"].join("\n")), lookups);
    expect(result.ok ? result.rows.map((r) => [r.line, r.brin, r.schoolId, r.mentorGroup]) : result.issues).toEqual([
      [2, "10AB", 1, ""],
      [3, "20CD00", 2, ""],
      [4, "20CD00", 2, "4A"],
    ]);
  });

  it("derives a school total from its mentor groups when the file has none", () => {
    const result = validate(["10AB;4A;25;24;20;15;25", "10AB;4B;20;20;10;5;20"]);
    expect(result.ok && result.derivedTotals).toBe(1);
    expect(result.ok && result.rows.find((r) => r.mentorGroup === "")!.figures).toEqual({ overstappers: 45, gestart: 44, deelB: 30, afgerond: 20, inBeeld: 45 });
  });

  it("rejects the whole file with every bad line number and a Dutch reason", () => {
    const result = validate([
      "10AB;;50;48;40;30;49",
      "10AB;4A;-2;0;0;0;0",
      "10AB;4B;25;24;veel;15;24",
      "10AB;4C;25;24;20;30;24",
      "99ZZ;;10;5;5;5;5",
      "10AB;4a;25;24;20;15;25",
      "11CD;;20;20;10;12;20",
      "11CD;EX1;20;20;20",
      "1;;10;10;10;10;10",
      "11CD;EX2;12,5;1;1;1;1",
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { line: 3, message: "overstappers: mag niet negatief zijn (-2)" },
      { line: 4, message: "deel B klaar: 'veel' is geen getal" },
      { line: 5, message: "afgerond en aangeleverd (30) is groter dan het aantal overstappers (25)" },
      { line: 6, message: "onbekende school (BRIN 99ZZ): voeg de school eerst toe aan de contactenlijst" },
      { line: 7, message: "dubbele regel voor mentorgroep 4a van 10AB (ook op regel 3)" },
      { line: 8, message: "afgerond (12) is groter dan deel B klaar (10): een afgerond dossier heeft deel B altijd al" },
      { line: 9, message: "5 kolommen, verwacht 7 (gebruik overal hetzelfde scheidingsteken als in de kopregel)" },
      { line: 10, message: "'1' is geen BRIN-code (twee cijfers en twee tekens, bijvoorbeeld 12AB, of een vestigingscode zoals 12AB00)" },
      { line: 11, message: "overstappers: moet een geheel aantal zijn, geen 12,5" },
    ]);
    expect(formatImportIssues(result.issues).split("\n").slice(0, 2)).toEqual([
      "DDD-import afgewezen: 9 fouten, er is niets opgeslagen.",
      "- regel 3: overstappers: mag niet negatief zijn (-2)",
    ]);
  });

  it("refuses a BSN as a mentor group without repeating it (issue 15)", () => {
    const result = validate(["10AB;;50;48;40;30;49", "10AB;bsn111222333;5;4;4;3;4"]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([{ line: 3, message: "mentorgroep bevat een nummer dat een burgerservicenummer (BSN) kan zijn; Aanjager bewaart geen gegevens van leerlingen" }]);
  });

  it("rejects mentor groups that add up to more than the school total, on the total's line", () => {
    const result = validate(["10AB;;40;40;30;20;40", "10AB;4A;25;24;20;15;25", "10AB;4B;25;24;20;15;24"]);
    expect(result.ok ? [] : result.issues).toEqual([
      { line: 2, message: "de mentorgroepen van 10AB tellen samen op tot 50 overstappers, meer dan het schooltotaal (40) op deze regel" },
      { line: 2, message: "de mentorgroepen van 10AB tellen samen op tot 48 gestart (deel A), meer dan het schooltotaal (40) op deze regel" },
      { line: 2, message: "de mentorgroepen van 10AB tellen samen op tot 40 deel B klaar, meer dan het schooltotaal (30) op deze regel" },
      { line: 2, message: "de mentorgroepen van 10AB tellen samen op tot 30 afgerond en aangeleverd, meer dan het schooltotaal (20) op deze regel" },
      { line: 2, message: "de mentorgroepen van 10AB tellen samen op tot 49 in beeld, meer dan het schooltotaal (40) op deze regel" },
    ]);
  });

  it("takes the overstap year's counts as optional columns: checked against each other and the school total, an empty cell not reported (issue 18)", () => {
    const header = `${HEADER};aangemeld;geplaatst;afgewezen;geen_aanmelding;geplaatst_met_ddd;mbo_gestart;niet_gestart;zomerlek`;
    const good = validate(["10AB;4A;25;24;20;15;25;20;15;2;5;14;;;", "10AB;4B;20;20;20;20;20;18;18;0;2;17;;;"], header);
    expect(good.ok && good.rows.map((r) => [r.mentorGroup, r.counts])).toEqual([
      ["4A", { aangemeld: 20, geplaatst: 15, afgewezen: 2, geenAanmelding: 5, geplaatstMetDdd: 14, mboGestart: null, nietGestart: null, zomerlek: null }],
      ["4B", { aangemeld: 18, geplaatst: 18, afgewezen: 0, geenAanmelding: 2, geplaatstMetDdd: 17, mboGestart: null, nietGestart: null, zomerlek: null }],
      ["", { aangemeld: 38, geplaatst: 33, afgewezen: 2, geenAanmelding: 7, geplaatstMetDdd: 31, mboGestart: null, nietGestart: null, zomerlek: null }],
    ]);
    const some = validate(["11CD;;20;20;20;20;20;;;;;;;;3"], header);
    expect(some.ok && some.rows[0]!.counts).toMatchObject({ aangemeld: null, zomerlek: 3 });
    expect(validate(["10AB;;50;48;40;30;49"]).ok && true).toBe(true);
    const bad = validate(["10AB;;30;30;30;30;30;20;25;;12;;;;", "10AB;4A;20;20;20;20;20;21;-1;;;;;;", "11CD;;10;10;10;10;10;10;5;;;;3;2;1"], header);
    expect(bad.ok ? [] : bad.issues).toEqual([
      { line: 2, message: "aangemeld (20) en geen aanmelding (12) samen zijn meer dan het aantal overstappers (30)" },
      { line: 2, message: "toegelaten of (voorlopig) geplaatst (25) is groter dan aangemeld (20)" },
      { line: 3, message: "geplaatst: mag niet negatief zijn (-1)" },
      { line: 4, message: "gestart, niet gestart en zomerlek samen (6) zijn meer dan geplaatst (5)" },
    ]);
    const groups = validate(["10AB;;30;30;30;30;30;10;;;;;;;", "10AB;4A;20;20;20;20;20;8;;;;;;;", "10AB;4B;10;10;10;10;10;5;;;;;;;"], header);
    expect(groups.ok ? [] : groups.issues).toEqual([{ line: 2, message: "de mentorgroepen van 10AB tellen samen op tot 13 aangemeld bij een mbo, meer dan het schooltotaal (10) op deze regel" }]);
  });

  it("rejects a wrong header, an empty file and a file without rows", () => {
    expect(validate(["10AB;;1;1;1;1;1"], "brin;groep;aantal")).toEqual({
      ok: false,
      issues: [
        {
          line: 1,
          message:
            "kopregel klopt niet (ontbrekende kolommen: school_brin, mentorgroep, overstappers, ddd_gestart, ddd_deel_b, ddd_afgerond, in_beeld; onbekende kolommen: brin, groep, aantal); verwacht school_brin;mentorgroep;overstappers;ddd_gestart;ddd_deel_b;ddd_afgerond;in_beeld (en naar keuze aangemeld;geplaatst;afgewezen;geen_aanmelding;geplaatst_met_ddd;mbo_gestart;niet_gestart;zomerlek)",
        },
      ],
    });
    expect(validateDddImport([], { schoolIdsByBrin })).toEqual({ ok: false, issues: [{ line: 1, message: "het bestand is leeg" }] });
    expect(validate([])).toEqual({ ok: false, issues: [{ line: 1, message: "het bestand bevat geen regels met cijfers" }] });
  });
});
