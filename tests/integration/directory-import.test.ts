import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { upsertDirectory } from "../../src/db/directory.js";
import { ensureCatalogue } from "../../src/services/catalogue.js";
import { findBundledSubregios, importDirectoryData, type DirectoryImportReport } from "../../src/services/directory-import.js";
import { runAanjagerCli } from "../support/cli.js";
import { buildDirectoryCsv } from "../support/directory-file.js";
import { createTestDatabaseEnv, useTestDb } from "../support/test-db.js";

const HEADER = "email;naam;rol;school_brin;school_naam;school_soort;subregio;mentorgroep;activiteit;aad_object_id";
const BASE = [
  "anna@graaf.example;Anna Aerts;decaan;11AB;Graaf College;vmbo;Westelijke Mijnstreek;;;",
  "bert@graaf.example;Bert Bemelmans;mentor;11AB;;;;4A;;",
  "bert@graaf.example;Bert Bemelmans;mentor;11AB;;;;4B;;",
  "carla@vsv.example;Carla Coenen;projectteam;;;;;;;3f2504e0-4f89-11d3-9a0c-0305e82c3301",
  "carla@vsv.example;Carla Coenen;eigenaar;;;;;;ddd;3f2504e0-4f89-11d3-9a0c-0305e82c3301",
  "dirk@maas.example;Dirk Dassen;decaan;22CD;Maas Praktijkschool;PrO;maastricht heuvelland;;;",
];
const csv = (lines: string[], header = HEADER) => [header, ...lines].join("\n") + "\n";

const openDb = useTestDb({ prepare: (prepared) => ensureCatalogue(prepared, new Date("2026-09-01T08:00:00Z")) });
let db: Db;
beforeEach(() => {
  db = openDb();
});

/** Everything an import may touch, timestamps included: "unchanged" means byte for byte. */
async function snapshot(database: Db = db) {
  return JSON.stringify({
    subregios: await database.subregio.findMany({ orderBy: { id: "asc" } }),
    schools: await database.school.findMany({ orderBy: { id: "asc" } }),
    people: await database.person.findMany({ orderBy: { id: "asc" } }),
    roles: await database.roleAssignment.findMany({ orderBy: { id: "asc" } }),
  });
}

async function importOk(text: string | Uint8Array, options: Parameters<typeof importDirectoryData>[2] = {}): Promise<DirectoryImportReport> {
  const result = await importDirectoryData(db, text, options);
  if (!result.ok) throw new Error(`rejected: ${JSON.stringify(result.errors)}`);
  return result;
}

describe("directory import", () => {
  it("imports people, roles and new schools, normalising what people type", async () => {
    const report = await importOk(csv(BASE));
    expect(report).toMatchObject({
      ok: true,
      source: "import",
      rows: 6,
      delimiter: ";",
      changed: true,
      schools: { added: 2, changed: 0 },
      people: { added: 4, changed: 0, removed: 0, unchanged: 0 },
      roles: { added: 6, removed: 0, adopted: 0, unchanged: 0 },
    });
    expect(report.details.roles.added).toContain("bert@graaf.example mentor school:11AB/groep:4B");
    const schools = await db.school.findMany({ orderBy: { brin: "asc" }, select: { brin: true, naam: true, soort: true, subregioId: true } });
    expect(schools).toEqual([
      { brin: "11AB", naam: "Graaf College", soort: "vmbo", subregioId: "westelijke-mijnstreek" },
      { brin: "22CD", naam: "Maas Praktijkschool", soort: "pro", subregioId: "maastricht-heuvelland" },
    ]);
    const carla = await db.person.findUniqueOrThrow({ where: { email: "carla@vsv.example" }, include: { roles: { orderBy: { role: "asc" } } } });
    expect(carla.aadObjectId).toBe("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    expect(carla.roles.map((r) => [r.role, r.activityId, r.source])).toEqual([
      ["eigenaar", "ddd", "import"],
      ["projectteam", null, "import"],
    ]);
    expect(await db.subregio.count()).toBe(3);
  });

  it("changes nothing when the same file is imported again", async () => {
    await importOk(csv(BASE));
    const before = await snapshot();
    const again = await importOk(csv(BASE));
    expect(again).toMatchObject({ changed: false, schools: { added: 0, changed: 0 }, people: { added: 0, changed: 0, removed: 0, unchanged: 4 }, roles: { added: 0, removed: 0, unchanged: 6 } });
    expect(await snapshot()).toBe(before);
  });

  it("reports what a changed file added, changed and removed, keeping removed people's records", async () => {
    await importOk(csv(BASE));
    const changed = [
      "anna@graaf.example;Anna Aerts-Smeets;decaan;11AB;Graaf Huyn College;vmbo;Westelijke Mijnstreek;;;",
      "bert@graaf.example;Bert Bemelmans;mentor;11AB;;;;4A;;",
      "carla@vsv.example;Carla Coenen;projectteam;;;;;;;3f2504e0-4f89-11d3-9a0c-0305e82c3301",
      "carla@vsv.example;Carla Coenen;eigenaar;;;;;;ddd;3f2504e0-4f89-11d3-9a0c-0305e82c3301",
      "eva@graaf.example;Eva Erens;mentor;11AB;;;;4C;;",
    ];
    const report = await importOk(csv(changed));
    expect(report).toMatchObject({
      changed: true,
      schools: { added: 0, changed: 1 },
      people: { added: 1, changed: 1, removed: 1, unchanged: 2 },
      roles: { added: 1, removed: 2, unchanged: 4 },
    });
    expect(report.details).toMatchObject({
      schools: { changed: ["11AB"] },
      people: { added: ["eva@graaf.example"], changed: ["anna@graaf.example"], removed: ["dirk@maas.example"] },
      roles: { added: ["eva@graaf.example mentor school:11AB/groep:4C"], removed: ["bert@graaf.example mentor school:11AB/groep:4B", "dirk@maas.example decaan school:22CD"] },
    });
    const dirk = await db.person.findUniqueOrThrow({ where: { email: "dirk@maas.example" }, include: { roles: true } });
    expect(dirk.roles).toEqual([]);
    expect(await db.school.findUnique({ where: { brin: "22CD" } })).not.toBeNull();
    expect((await db.person.findUniqueOrThrow({ where: { email: "anna@graaf.example" } })).naam).toBe("Anna Aerts-Smeets");
  });

  it("never removes manual or demo assignments, and adopts a manual one the file lists", async () => {
    await importOk(csv(BASE));
    const anna = await db.person.findUniqueOrThrow({ where: { email: "anna@graaf.example" } });
    await db.roleAssignment.create({ data: { personId: anna.id, role: "beheerder", scopeKey: "*", source: "manual" } });
    await importOk(csv(["gerda@demo.example;Gerda Gielen;stuurgroep;;;;;;;"]), { source: "demo" });
    const dirk = await db.person.findUniqueOrThrow({ where: { email: "dirk@maas.example" } });
    await db.roleAssignment.create({ data: { personId: dirk.id, role: "projectteam", scopeKey: "*", source: "manual" } });

    const report = await importOk(csv([...BASE.slice(0, 5), "dirk@maas.example;Dirk Dassen;projectteam;;;;;;;"]));
    expect(report.roles).toMatchObject({ added: 0, removed: 1, adopted: 1 });
    expect(report.details.roles.removed).toEqual(["dirk@maas.example decaan school:22CD"]);
    expect(await db.roleAssignment.findFirst({ where: { personId: anna.id, role: "beheerder" } })).toMatchObject({ source: "manual" });
    expect(await db.roleAssignment.findFirst({ where: { personId: dirk.id, role: "projectteam" } })).toMatchObject({ source: "import" });
    const gerda = await db.person.findUniqueOrThrow({ where: { email: "gerda@demo.example" }, include: { roles: true } });
    expect(gerda.roles.map((r) => [r.role, r.source])).toEqual([["stuurgroep", "demo"]]);
  });

  it("treats a directory written in code (upsertDirectory, for fixtures) as manual: an import keeps it", async () => {
    await upsertDirectory(db, {
      subregios: [{ id: "parkstad", naam: "Parkstad" }],
      schools: [{ brin: "99ZZ", naam: "Fixture College", soort: "vmbo", subregioId: "parkstad" }],
      people: [{ email: "Fixture@School.Example", naam: "Fixture Persoon" }],
      roles: [{ email: "fixture@school.example", role: "decaan", schoolBrin: "99ZZ" }],
    });
    const report = await importOk(csv(BASE));
    expect(report.people.removed).toBe(0);
    expect(await db.roleAssignment.findFirst({ where: { person: { email: "fixture@school.example" } } })).toMatchObject({ role: "decaan", source: "manual" });
  });

  it("keeps a Teams link when the file leaves aad_object_id empty, and replaces it when the file names another account", async () => {
    await importOk(csv(BASE));
    await db.person.update({ where: { email: "anna@graaf.example" }, data: { aadObjectId: "11111111-1111-1111-1111-111111111111", teamsUserId: "29:anna" } });
    expect((await importOk(csv(BASE))).changed).toBe(false);
    const moved = BASE.map((l) => (l.startsWith("anna@") ? `${l}22222222-2222-2222-2222-222222222222` : l));
    const report = await importOk(csv(moved));
    expect(report.details.people.changed).toEqual(["anna@graaf.example"]);
    expect(await db.person.findUniqueOrThrow({ where: { email: "anna@graaf.example" } })).toMatchObject({ aadObjectId: "22222222-2222-2222-2222-222222222222", teamsUserId: null });
  });

  it("reads UTF-8 with or without BOM, with ; or , as separator, the same way", async () => {
    const withBom = new TextEncoder().encode("\uFEFF" + csv(BASE).replaceAll("\n", "\r\n"));
    const first = await importOk(withBom);
    expect(first).toMatchObject({ delimiter: ";", rows: 6, changed: true });
    const commas = csv(BASE.map((l) => l.replaceAll(";", ",")), HEADER.replaceAll(";", ","));
    const second = await importOk(new TextEncoder().encode(commas));
    expect(second).toMatchObject({ delimiter: ",", rows: 6, changed: false });
    expect((await db.person.findUniqueOrThrow({ where: { email: "anna@graaf.example" } })).naam).toBe("Anna Aerts");
  });

  it("rejects a file that is not UTF-8, writing nothing", async () => {
    const latin1 = Buffer.from(csv(["jose@school.example;Jos\xe9 Smeets;stuurgroep;;;;;;;"]), "latin1");
    const before = await snapshot();
    expect(await importDirectoryData(db, latin1)).toEqual({ ok: false, rows: 0, errors: [{ line: 1, reason: expect.stringContaining("geen UTF-8") }] });
    expect(await snapshot()).toBe(before);
  });

  const rejections: [string, string, RegExp][] = [
    ["malformed e-mail", "zed-at-school;Zed;decaan;11AB;;;;;;", /ongeldig e-mailadres/],
    ["unknown role", "zed@school.example;Zed;conciërge;11AB;;;;;;", /onbekende rol 'conciërge'/],
    ["malformed BRIN", "zed@school.example;Zed;decaan;ABCD;;;;;;", /ongeldige BRIN-code 'ABCD'/],
    ["decaan without school", "zed@school.example;Zed;decaan;;;;;;;", /rol decaan vraagt een school/],
    ["mentor without group", "zed@school.example;Zed;mentor;11AB;;;;;;", /vraagt een mentorgroep/],
    ["owner of an unknown activity", "zed@school.example;Zed;eigenaar;;;;;;onbekend;", /onbekende activiteit 'onbekend'/],
    ["new school without details", "zed@school.example;Zed;decaan;77XY;;;;;;", /school 77XY is nieuw/],
    ["unknown subregio", "zed@school.example;Zed;decaan;77XY;X;vmbo;Venlo;;;", /onbekende subregio 'Venlo'/],
    ["unknown school kind", "zed@school.example;Zed;decaan;77XY;X;basisschool;Parkstad;;;", /onbekende schoolsoort 'basisschool'/],
    ["duplicate row", BASE[1]!, /dubbele regel/],
    ["other name for the same e-mail", "bert@graaf.example;Bert B.;mentor;11AB;;;;4C;;", /naam 'Bert B.' verschilt van regel 3/],
    ["AAD id of another person in the database", "zed@school.example;Zed;stuurgroep;;;;;;;44444444-4444-4444-4444-444444444444", /al gekoppeld aan iemand met een ander e-mailadres/],
    ["unclosed quote", 'zed@school.example;"Zed;stuurgroep;;;;;;;', /aanhalingsteken/],
    ["too many fields", "zed@school.example;Zed;stuurgroep;;;;;;;;extra", /11 velden/],
  ];

  it.each(rejections)("rejects a file with a %s as a whole, naming the line, and leaves the database exactly as it was", async (_label, bad, reason) => {
    await importOk(csv(BASE));
    // Dirk was linked in Teams; the file gives no AAD id for him (so keeps it) but one row claims his.
    await db.person.update({ where: { email: "dirk@maas.example" }, data: { aadObjectId: "44444444-4444-4444-4444-444444444444" } });
    const before = await snapshot();
    const lines = [...BASE.slice(0, 2), "eva@graaf.example;Eva Erens;mentor;11AB;;;;4C;;", ...BASE.slice(2), bad];
    const badLine = lines.length + 1;
    const result = await importDirectoryData(db, csv(lines));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toContain(badLine);
    expect(result.errors.filter((e) => e.line === badLine).map((e) => e.reason).join(" | ")).toMatch(reason);
    expect(await snapshot()).toBe(before);
  });

  it("rejects a 500-row file with one bad row by that row's number, and writes none of the other 499", async () => {
    const before = await snapshot();
    const result = await importDirectoryData(db, buildDirectoryCsv(500, { badLine: 321 }));
    expect(result).toMatchObject({ ok: false, rows: 500 });
    expect(!result.ok && [...new Set(result.errors.map((e) => e.line))]).toEqual([321]);
    expect(await snapshot()).toBe(before);
  });

  it("imports a generated 500-row file and finds nothing to change the second time", async () => {
    const first = await importOk(buildDirectoryCsv(500, { bom: true }));
    expect(first).toMatchObject({ rows: 500, changed: true, roles: { added: 500 } });
    expect(await db.roleAssignment.count({ where: { source: "import" } })).toBe(500);
    expect(await importOk(buildDirectoryCsv(500, { delimiter: "," }))).toMatchObject({ changed: false, roles: { unchanged: 500 } });
  });

  it("takes the region file's subregio's: a renamed subregio gets its new name at the next import, its schools stay", async () => {
    await importOk(csv(BASE));
    const renamed = findBundledSubregios().map((s) => (s.id === "westelijke-mijnstreek" ? { ...s, naam: "Westelijke Mijnstreek en Sittard" } : s));
    const report = await importOk(csv(BASE), { subregios: renamed });
    expect(report.changed).toBe(true);
    expect((await db.subregio.findUniqueOrThrow({ where: { id: "westelijke-mijnstreek" } })).naam).toBe("Westelijke Mijnstreek en Sittard");
    expect((await db.school.findUniqueOrThrow({ where: { brin: "11AB" } })).subregioId).toBe("westelijke-mijnstreek");
    // The new name is how a file may write it from now on; the next import finds nothing to change.
    expect((await importOk(csv(BASE.map((l) => l.replace("Westelijke Mijnstreek", "westelijke mijnstreek en sittard"))), { subregios: renamed })).changed).toBe(false);
  });

  it("imports the whole chain: schoolleiding and board of a vo school, RMC and leerplicht of a gemeente, the intake of an mbo institution", async () => {
    const header = `${HEADER};organisatie;school_bestuur`;
    const chain = [
      "anna@graaf.example;Anna Aerts;decaan;11AB;Graaf College;vmbo;Westelijke Mijnstreek;;;;;Stichting Onderwijs Midden-Limburg",
      "rector@graaf.example;Rob Rector;schoolleiding;11AB;;;;;;;;",
      "bestuur@somlimburg.example;Bea Bestuurder;bestuur;;;;;;;;Stichting Onderwijs Midden-Limburg;",
      "rmc@sittard-geleen.example;Rik Consulent;rmc;;;;westelijke mijnstreek;;;;Gemeente Sittard-Geleen;",
      "lpa@sittard-geleen.example;Lia Leerplicht;leerplicht;;;;WM;;;;gemeente sittard-geleen;",
      "intake@leeuwenborgh.example;Ingrid Intake;mbo-intake;30LB;Leeuwenborgh;mbo;Maastricht-Heuvelland;;;;;",
    ];
    const report = await importOk(csv(chain, header));
    expect(report).toMatchObject({ schools: { added: 2 }, organisations: { added: 2, changed: 0 }, roles: { added: 6 } });
    const graaf = await db.school.findUniqueOrThrow({ where: { brin: "11AB" }, include: { bestuur: true } });
    expect(graaf.bestuur).toMatchObject({ code: "stichting-onderwijs-midden-limburg", naam: "Stichting Onderwijs Midden-Limburg", soort: "bestuur" });
    const gemeente = await db.organisation.findUniqueOrThrow({ where: { code: "gemeente-sittard-geleen" } });
    expect(gemeente).toMatchObject({ soort: "gemeente", subregioId: "westelijke-mijnstreek" });
    const roles = await db.roleAssignment.findMany({ where: { role: { in: ["schoolleiding", "bestuur", "rmc", "leerplicht", "mbo-intake"] } }, orderBy: { role: "asc" }, select: { role: true, scopeKey: true, organisationId: true, schoolId: true } });
    expect(roles.map((r) => [r.role, r.scopeKey, r.organisationId !== null])).toEqual([
      ["bestuur", "organisatie:stichting-onderwijs-midden-limburg", true],
      ["leerplicht", "organisatie:gemeente-sittard-geleen", true],
      ["mbo-intake", "school:30LB", false],
      ["rmc", "organisatie:gemeente-sittard-geleen", true],
      ["schoolleiding", "school:11AB", false],
    ]);
    // The same file again: nothing changes.
    expect(await importOk(csv(chain, header))).toMatchObject({ changed: false, organisations: { added: 0, changed: 0 }, roles: { unchanged: 6 } });
  });

  it("rejects the new roles without the scope they need, with a Dutch reason per line", async () => {
    const header = `${HEADER};organisatie;school_bestuur`;
    const result = await importDirectoryData(db, csv([
      "a@x.example;A;bestuur;;;;;;;;;",
      "b@x.example;B;rmc;;;;;;;;Gemeente Heerlen;",
      "c@x.example;C;mbo-intake;11AB;Graaf College;vmbo;Parkstad;;;;;",
      "d@x.example;D;schoolleiding;;;;;;;;;",
      "e@x.example;E;leerplicht;;;;Parkstad;;;;Stichting X;",
      "f@x.example;F;bestuur;;;;;;;;Stichting X;",
      "g@x.example;G;decaan;22CD;Maas;pro;Parkstad;;;;Gemeente Heerlen;",
    ], header));
    expect(result.ok).toBe(false);
    const reasons = !result.ok ? result.errors.map((e) => `${e.line}: ${e.reason}`) : [];
    expect(reasons).toEqual([
      "2: rol bestuur vraagt een organisatie: organisatie ontbreekt (de naam van het schoolbestuur)",
      "3: rol rmc vraagt een subregio: subregio ontbreekt",
      "4: rol mbo-intake hoort bij een mbo-instelling: school_soort is 'vmbo'",
      "5: rol schoolleiding vraagt een school: school_brin ontbreekt",
      "7: organisatie 'Stichting X' staat op regel 6 als gemeente: één naam is één soort organisatie",
      "8: rol decaan hoort niet bij een organisatie: laat organisatie leeg",
    ]);
  });

  it("validates without writing on a dry run", async () => {
    const before = await snapshot();
    const report = await importOk(csv(BASE), { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, changed: true, people: { added: 4 } });
    expect(await snapshot()).toBe(before);
  });
});

describe("aanjager import directory (CLI)", () => {
  it("prints a JSON summary, and on a bad file every bad line in Dutch with exit code 1", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-cli-"));
    const env = { ...createTestDatabaseEnv(), LOG_LEVEL: "silent" };
    const good = path.join(dir, "contacten.csv");
    fs.writeFileSync(good, csv(BASE.filter((l) => !l.includes("eigenaar"))));
    const ok = await runAanjagerCli(["--json", "import", "directory", good], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, file: good, rows: 5, people: { added: 4 }, roles: { added: 5 } });

    const bad = path.join(dir, "fout.csv");
    fs.writeFileSync(bad, csv(["anna@graaf.example;Anna Aerts;decaan;;;;;;;", "x;Bert;mentor;11AB;;;;4A;;"]));
    const failed = await runAanjagerCli(["--json", "import", "directory", bad], env);
    expect(failed).toMatchObject({ code: 1 });
    expect(JSON.parse(failed.stdout)).toMatchObject({ ok: false, errors: [{ line: 2 }, { line: 3 }] });
    expect(failed.stderr).toContain("Contactenlijst afgewezen, er is niets veranderd (2 fouten)");
    expect(failed.stderr).toContain("- regel 2: rol decaan vraagt een school: school_brin ontbreekt");
  });
});
