import { describe, expect, it } from "vitest";
import { parseCsv } from "../../../src/domain/csv.js";
import { DEFAULT_REGION_FILE, readRegionFile } from "../../../src/config.js";
import { buildDirectoryRecords, normalizeBrin, normalizeSoort, normalizeSubregio, validateDirectoryRecords, type DirectoryContext } from "../../../src/domain/directory.js";

const HEADER = "email;naam;rol;school_brin;school_naam;school_soort;subregio;mentorgroep;activiteit;aad_object_id";
const ZUID_LIMBURG = readRegionFile(DEFAULT_REGION_FILE).subregios;
const context: DirectoryContext = { activityIds: new Set(["ddd", "buddyplus"]), schoolBrins: new Set(["11AB"]), subregios: ZUID_LIMBURG };

function validate(lines: string[], header = HEADER) {
  const csv = parseCsv([header, ...lines].join("\n"));
  if (!csv.ok) throw new Error(csv.reason);
  const { records, issues } = buildDirectoryRecords(csv.records);
  if (issues.length > 0) return { ok: false as const, issues };
  return validateDirectoryRecords(records, context);
}

const GOOD = "anna@school.example;Anna Aerts;decaan;11AB;;;;;;";

describe("directory rows", () => {
  it("accepts every role with the scope it needs, normalising case, spaces and spellings", () => {
    const result = validate([
      " Anna@School.Example ;Anna Aerts;Decaan;11ab;;;;;;",
      "bert@school.example;Bert Bemelmans;mentor;11AB;;;;4A;;",
      "carla@vsv.example;Carla Coenen;eigenaar;;;;;;DDD;3F2504E0-4F89-11D3-9A0C-0305E82C3301",
      "carla@vsv.example;Carla Coenen;projectteam;;;;;;;",
      "dirk@pro.example;Dirk Dassen;decaan;22 cd;Maas Praktijkschool;PrO;maastricht  heuvelland;;;",
      "eva@vsv.example;Eva Erens;stuurgroep;;;;;;;",
      "frank@vsv.example;Frank Frijns;programmaleider;;;;;;;",
      "gerda@vsv.example;Gerda Gielen;beheerder;;;;;;;",
      "hans@havo.example;Hans Hermans;decaan;33EF01;Lyceum;HAVO/VWO;WESTELIJKE-MIJNSTREEK;;;",
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { people, roles, schools } = result.directory;
    expect(people.map((p) => p.email)).toEqual(["anna@school.example", "bert@school.example", "carla@vsv.example", "dirk@pro.example", "eva@vsv.example", "frank@vsv.example", "gerda@vsv.example", "hans@havo.example"]);
    expect(people.find((p) => p.email === "carla@vsv.example")!.aadObjectId).toBe("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    expect(roles.map((r) => r.scopeKey)).toEqual(["school:11AB", "school:11AB/groep:4A", "activiteit:ddd", "*", "school:22CD", "*", "*", "*", "school:33EF01"]);
    expect(schools).toEqual([
      { line: 2, brin: "11AB" },
      { line: 6, brin: "22CD", naam: "Maas Praktijkschool", soort: "pro", subregioId: "maastricht-heuvelland" },
      { line: 10, brin: "33EF01", naam: "Lyceum", soort: "havo-vwo", subregioId: "westelijke-mijnstreek" },
    ]);
  });

  it("accepts a header in another order, in capitals, without the optional columns", () => {
    const result = validate(["Anna Aerts;decaan;anna@school.example;11AB"], "NAAM;Rol;E-mail;school brin".replace("E-mail", "email"));
    expect(result.ok).toBe(true);
  });

  const cases: [string, string, RegExp][] = [
    ["malformed e-mail", "anna-at-school;Anna;decaan;11AB;;;;;;", /ongeldig e-mailadres 'anna-at-school'/],
    ["missing e-mail", ";Anna;decaan;11AB;;;;;;", /e-mailadres ontbreekt/],
    ["missing name", "anna@school.example;;decaan;11AB;;;;;;", /naam ontbreekt/],
    ["missing role", "anna@school.example;Anna;;11AB;;;;;;", /rol ontbreekt/],
    ["unknown role", "anna@school.example;Anna;directeur;11AB;;;;;;", /onbekende rol 'directeur' \(kies uit: decaan, mentor/],
    ["malformed BRIN", "anna@school.example;Anna;decaan;1ABC;;;;;;", /ongeldige BRIN-code '1ABC'/],
    ["unknown school kind", "anna@school.example;Anna;decaan;44GH;X;gymnasium;Parkstad;;;", /onbekende schoolsoort 'gymnasium'/],
    ["unknown subregio", "anna@school.example;Anna;decaan;44GH;X;vmbo;Noord-Limburg;;;", /onbekende subregio 'Noord-Limburg'/],
    ["malformed mentor group", "anna@school.example;Anna;mentor;11AB;;;;#4A;;", /ongeldige mentorgroep '#4A'/],
    ["BSN as mentor group, not repeated", "anna@school.example;Anna;mentor;11AB;;;;111-222-333;;", /^mentorgroep bevat een nummer dat een burgerservicenummer \(BSN\) kan zijn; Aanjager bewaart geen gegevens van leerlingen$/],
    ["BSN in a name", "anna@school.example;Anna 111222333;decaan;11AB;;;;;;", /^naam bevat een nummer dat een burgerservicenummer/],
    ["malformed activity", "anna@school.example;Anna;eigenaar;;;;;;DDD 2;", /ongeldige activiteit 'DDD 2'/],
    ["malformed AAD id", "anna@school.example;Anna;decaan;11AB;;;;;;12345", /ongeldige aad_object_id '12345'/],
    ["decaan without school", "anna@school.example;Anna;decaan;;;;;;;", /rol decaan vraagt een school: school_brin ontbreekt/],
    ["mentor without school", "anna@school.example;Anna;mentor;;;;;4A;;", /rol mentor vraagt een school/],
    ["mentor without group", "anna@school.example;Anna;mentor;11AB;;;;;;", /rol mentor vraagt een mentorgroep/],
    ["group for a decaan", "anna@school.example;Anna;decaan;11AB;;;;4A;;", /rol decaan heeft geen mentorgroep/],
    ["school for programme staff", "anna@school.example;Anna;projectteam;11AB;;;;;;", /rol projectteam hoort niet bij een school/],
    ["owner without activity", "anna@school.example;Anna;eigenaar;;;;;;;", /rol eigenaar vraagt een activiteit/],
    ["owner of an unknown activity", "anna@school.example;Anna;eigenaar;;;;;;bestaat-niet;", /onbekende activiteit 'bestaat-niet'/],
    ["activity for a decaan", "anna@school.example;Anna;decaan;11AB;;;;;ddd;", /rol decaan heeft geen activiteit/],
    ["school details without BRIN", "anna@school.example;Anna;stuurgroep;;Graaf College;;;;;", /zonder school_brin/],
    ["new school without details", "anna@school.example;Anna;decaan;55JK;;vmbo;;;;", /school 55JK is nieuw: vul school_naam, subregio in/],
  ];

  it.each(cases)("rejects a %s with the line number and a Dutch reason", (_label, line, reason) => {
    const result = validate([GOOD.replace("anna@", "zed@"), line]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.length).toBeGreaterThan(0);
    expect(result.issues.every((i) => i.line === 3)).toBe(true);
    expect(result.issues.map((i) => i.reason).join(" | ")).toMatch(reason);
  });

  it("rejects contradictions between rows, naming the earlier line", () => {
    const result = validate([
      "anna@school.example;Anna Aerts;decaan;11AB;;;;;;",
      "anna@school.example;Anna Smeets;mentor;11AB;;;;4A;;",
      "bert@school.example;Bert;decaan;11AB;;;;;;3f2504e0-4f89-11d3-9a0c-0305e82c3301",
      "bert@school.example;Bert;mentor;11AB;;;;4B;;9f2504e0-4f89-11d3-9a0c-0305e82c3301",
      "carla@school.example;Carla;decaan;11AB;;;;;;3f2504e0-4f89-11d3-9a0c-0305e82c3301",
      "anna@school.example;Anna Aerts;decaan;11ab;;;;;;",
      "dirk@school.example;Dirk;decaan;66LM;School A;vmbo;Parkstad;;;",
      "eva@school.example;Eva;decaan;66LM;School B;vmbo;Parkstad;;;",
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { line: 3, reason: "naam 'Anna Smeets' verschilt van regel 2 ('Anna Aerts') bij hetzelfde e-mailadres" },
      { line: 5, reason: "aad_object_id verschilt van regel 4 bij hetzelfde e-mailadres" },
      { line: 6, reason: "aad_object_id staat op regel 4 al bij een ander e-mailadres" },
      { line: 7, reason: "dubbele regel: dezelfde persoon met dezelfde rol, school staat al op regel 2" },
      { line: 9, reason: "school_naam 'School B' van school 66LM verschilt van een eerdere regel ('School A')" },
    ]);
  });

  it("reports every bad line of a file at once, in line order", () => {
    const result = validate(["bad;Anna;decaan;11AB;;;;;;", GOOD, "bert@school.example;Bert;baas;;;;;;;"]);
    expect(!result.ok && result.issues.map((i) => i.line)).toEqual([2, 4]);
  });

  it("rejects a bad header: unknown, repeated or missing columns", () => {
    expect(validate([GOOD], HEADER.replace("school_brin", "schoolbrin"))).toEqual({ ok: false, issues: [expect.objectContaining({ line: 1, reason: expect.stringContaining("onbekende kolom 'schoolbrin'") })] });
    expect(validate([GOOD], `${HEADER};naam`)).toEqual({ ok: false, issues: [{ line: 1, reason: "kolom 'naam' staat twee keer in de kopregel" }] });
    expect(validate(["anna@school.example;decaan"], "email;rol")).toEqual({ ok: false, issues: [{ line: 1, reason: expect.stringContaining("verplichte kolom ontbreekt in de kopregel: naam") }] });
  });

  it("rejects a file with only a header, and a row with more fields than the header", () => {
    expect(validate([])).toEqual({ ok: false, issues: [{ line: 1, reason: "het bestand bevat alleen een kopregel en geen personen" }] });
    expect(validate([`${GOOD};extra`])).toEqual({ ok: false, issues: [{ line: 2, reason: expect.stringContaining("de regel heeft 11 velden, de kopregel 10") }] });
  });
});

describe("normalisation", () => {
  it("reads the subregio's, school kinds and BRIN codes as people type them", () => {
    expect(["Westelijke Mijnstreek", "westelijke-mijnstreek", " WESTELIJKE  MIJNSTREEK ", "WM"].map((v) => normalizeSubregio(v, ZUID_LIMBURG))).toEqual(Array(4).fill("westelijke-mijnstreek"));
    expect(["Maastricht-Heuvelland", "maastricht heuvelland", "Maastricht en Heuvelland"].map((v) => normalizeSubregio(v, ZUID_LIMBURG))).toEqual(Array(3).fill("maastricht-heuvelland"));
    expect(normalizeSubregio("Parkstad Limburg", ZUID_LIMBURG)).toBeNull();
    expect(["VMBO", "havo/vwo", "HAVO-VWO", "PrO", "Praktijkonderwijs", "vso", "VAVO", "mbo"].map(normalizeSoort)).toEqual(["vmbo", "havo-vwo", "havo-vwo", "pro", "pro", "vso", "vavo", "mbo"]);
    expect(normalizeBrin(" 12 ab ")).toBe("12AB");
  });
});
