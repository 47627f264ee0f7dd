import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeNonWorkingDay } from "../../src/domain/calendar/index.js";
import { runAanjagerCli } from "../support/cli.js";
import { loadActivity } from "../support/fixtures.js";
import { ALEX, cardOf } from "../support/case-chat.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";
import { createTestDatabaseEnv } from "../support/test-db.js";

/**
 * A second region goes live without a code change: a made-up region file (three subregio's that
 * are not Zuid-Limburg's, holiday region noord, its own contact and deadline), a fresh database,
 * a directory that uses those subregio's, and the bot answering for that region.
 */
const REGION = `naam: Vechtdal
vakantieregio: noord
subregios:
  - id: ommen-hardenberg
    naam: Ommen-Hardenberg
    ookGeschrevenAls: [OH]
  - id: dalfsen
    naam: Dalfsen
  - id: zwolle-oost
    naam: Zwolle-Oost
extraVrijeDagen: []
projectteam:
  contact: "projectteam Vechtdal Doorstroom, doorstroom@vechtdal.example"
ddd:
  deadline: "03-15"
`;
const HEADER = "email;naam;rol;school_brin;school_naam;school_soort;subregio;mentorgroep;activiteit;aad_object_id";
const DIRECTORY = [
  HEADER,
  `alex@vechtdal.example;Alex Wilber;projectteam;;;;;;;${ALEX.aad}`,
  "anna@vecht.example;Anna Aalders;decaan;31AB;Vecht College;vmbo;OH;;;",
  "bas@dalfsen.example;Bas Brink;decaan;32CD;Dalfsen Praktijkschool;pro;Dalfsen;;;",
  "cor@zwolle.example;Cor Claassen;decaan;33EF;Zwolle-Oost Vakcollege;vmbo;zwolle oost;;;",
].join("\n");

let dir: string;
let env: Record<string, string>;
let bot: TestAanjager;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-vechtdal-"));
  fs.writeFileSync(path.join(dir, "regio-vechtdal.yaml"), REGION);
  fs.writeFileSync(path.join(dir, "contactenlijst.csv"), DIRECTORY);
  fs.writeFileSync(path.join(dir, "zuid-limburg.csv"), [HEADER, "dirk@park.example;Dirk Dassen;decaan;34GH;Parkstad College;vmbo;Parkstad;;;"].join("\n"));
  env = { REGION_FILE: path.join(dir, "regio-vechtdal.yaml"), ...createTestDatabaseEnv({ seeded: false }), LOG_LEVEL: "silent" };
});

afterAll(async () => {
  await bot?.close();
});

describe("a second region, from files only", () => {
  it("imports a directory that uses the region's own subregio's, and refuses another region's", async () => {
    const refused = await runAanjagerCli(["importeer", "contactenlijst", path.join(dir, "zuid-limburg.csv")], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("- regel 2: onbekende subregio 'Parkstad' (kies uit: Ommen-Hardenberg, Dalfsen, Zwolle-Oost)");

    const imported = await runAanjagerCli(["importeer", "contactenlijst", "--json", path.join(dir, "contactenlijst.csv")], env);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ ok: true, schools: { added: 3 }, people: { added: 4 } });
  });

  it("starts with the region's subregio's, holidays, contact and deadline", async () => {
    bot = await startTestAanjager({ seed: false, env, clock: () => new Date("2026-12-03T09:00:00Z") });
    const db = bot.app.db;
    expect(await db.subregio.findMany({ orderBy: { id: "asc" }, select: { id: true, naam: true } })).toEqual([
      { id: "dalfsen", naam: "Dalfsen" },
      { id: "ommen-hardenberg", naam: "Ommen-Hardenberg" },
      { id: "zwolle-oost", naam: "Zwolle-Oost" },
    ]);
    expect((await db.school.findMany({ orderBy: { brin: "asc" }, select: { subregioId: true } })).map((s) => s.subregioId)).toEqual(["ommen-hardenberg", "dalfsen", "zwolle-oost"]);
    expect(bot.config.ddd.deadline).toBe("03-15");
    // Noord's summer holiday of 2028 starts a week before Zuid's; Goede Vrijdag is a working day here.
    expect(describeNonWorkingDay("2028-07-17", bot.app.jobDeps.calendar)).toBe("zomervakantie");
    expect(describeNonWorkingDay("2027-03-26", bot.app.jobDeps.calendar)).toBeNull();
  });

  it("answers in the chat for that region: the contact from its file, and its checklist", async () => {
    const stranger = { id: "29:stranger", aadObjectId: "11111111-2222-3333-4444-555555555555", name: "Onbekende" };
    await bot.post(loadActivity("personal-message-help", bot.connector.url, { from: stranger, conversation: { id: "a:stranger" }, text: "wie ben ik" }));
    const [answer] = await bot.connector.waitForSent(1);
    expect(answer!.body.text).toContain("Neem contact op met het projectteam Vechtdal Doorstroom, doorstroom@vechtdal.example.");

    await bot.post(loadActivity("personal-message-help", bot.connector.url, { text: "help" }));
    const help = JSON.stringify(cardOf((await bot.connector.waitForSent(2))[1]!));
    expect(help).toContain("Ik help het VSV-programma Vechtdal om afspraken op tijd na te komen: herinneringen voor het Digitaal Doorstroomdossier (DDD), van de registratie van de overstappers tot uiterlijk 15 maart,");

    await bot.post(loadActivity("personal-message-help", bot.connector.url, { text: "checklist" }));
    const sent = await bot.connector.waitForSent(3);
    const card = cardOf(sent[2]!);
    const text = JSON.stringify(card);
    expect(card.body[0].text).toBe("Checklist regio Vechtdal");
    expect(text).toContain("✅ Klaar: **Contactenlijst ingelezen**");
    expect(text).toContain("4 personen en 3 scholen ingelezen.");
    expect(text).toContain("❗ Te doen: **Kanaal van de stuurgroep gekoppeld**");
    expect(text).toContain("Regiobestand: regio-vechtdal.yaml.");
  });
});
