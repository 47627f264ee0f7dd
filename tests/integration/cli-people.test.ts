import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runAanjagerCli } from "../support/cli.js";
import { createTestDatabaseEnv } from "../support/test-db.js";

/**
 * "A CLI for people" (issue 17): Dutch command names with the old ones as aliases, Dutch help,
 * readable tables with times in Europe/Amsterdam by default and JSON with `--json`.
 */
let env: Record<string, string>;
beforeAll(() => {
  env = { ...createTestDatabaseEnv({ seeded: true }), LOG_LEVEL: "silent" };
});
const cli = (...args: string[]) => runAanjagerCli(args, env);

describe("aanjager taken", () => {
  it("shows a table with the next runs in Dutch time (03:15 in Amsterdam is 02:15 or 01:15 UTC) and the last run in words", async () => {
    expect((await cli("--json", "draai", "housekeeping", "--at", "2027-03-01T09:00:00+01:00")).code).toBe(0);
    const { code, stdout } = await cli("taken");
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Taak\s+Wanneer\s+Volgende keer\s+Laatste keer$/);
    expect(lines[1]).toMatch(/^-+( +-+){3}$/);
    expect(lines).toContainEqual(expect.stringMatching(/^housekeeping\s+dagelijks 03:15\s+\d{2}-\d{2}-\d{4} 03:15\s+01-03-2027 09:00 geslaagd \(met de hand\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^dispatch\s+doorlopend in de server, of met `aanjager draai`\s+-\s+nog nooit$/));
    expect(lines.at(-1)).toBe("Tijden in Nederlandse tijd (Europe/Amsterdam).");
  });

  it("gives scripts one JSON line per job with --json, under the old name `jobs` too", async () => {
    const json = await cli("--json", "taken");
    const jobs = json.stdout.trim().split("\n").map((l) => JSON.parse(l) as { job: string; nextRun: string | null });
    expect(jobs.find((j) => j.job === "weekly-summary")).toMatchObject({ schedule: "dagelijks 08:30", nextRun: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T0[67]:30:00\.000Z$/) });
    expect((await cli("jobs", "--json")).stdout).toBe(json.stdout);
    expect((await cli("jobs")).stdout).toBe((await cli("taken")).stdout);
  });
});

describe("command names", () => {
  it("keeps the old English names as aliases that give the same answer", async () => {
    expect((await cli("db", "status")).stdout).toBe((await cli("database", "status")).stdout);
    expect((await cli("database", "status")).stdout).toMatch(/^Toegepast:\s+(\d+) van \1\nNog toe te passen: geen\nMislukt:\s+geen\n$/);
    const old = await cli("--json", "run", "housekeeping", "--at", "2027-03-02T09:00:00+01:00");
    const dutch = await cli("--json", "draai", "housekeeping", "--at", "2027-03-02T09:00:00+01:00");
    expect(old).toMatchObject({ code: 0, stdout: dutch.stdout });
    expect((await cli("preview", "ddd-reminders", "--at", "2027-03-02T09:00:00+01:00")).stdout).toBe((await cli("voorbeeld", "ddd-reminders", "--at", "2027-03-02T09:00:00+01:00")).stdout);
  });

  it("reads a time without a zone as Dutch time, not the server's", async () => {
    const run = await cli("--json", "draai", "housekeeping", "--at", "2027-07-01T09:00");
    expect(JSON.parse(run.stdout)).toMatchObject({ job: "housekeeping", at: "2027-07-01T07:00:00.000Z", status: "succeeded" });
    expect((await cli("draai", "housekeeping", "--at", "2027-07-01T09:00")).stdout).toBe("Taak housekeeping uitgevoerd voor 01-07-2027 09:00.\nprunedJobRuns:   0\nprunedDownloads: 0\n");
  });
});

describe("help and usage errors in Dutch", () => {
  it("shows the commands by their Dutch names, without the aliases, with Dutch headings", async () => {
    const help = await cli("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Gebruik: aanjager \[opties\] \[opdracht\]\n/);
    for (const text of ["Opties:", "Opdrachten:", "importeer", "sjabloon [opties] <soort>", "draai [opties] <taak>", "taken", "toon de hulp bij een opdracht", "De oude Engelse namen werken nog: db migrate, import directory|ddd|catalogue"]) expect(help.stdout).toContain(text);
    for (const text of ["Usage", "Options:", "Commands:", "display help", "|run", "(default"]) expect(help.stdout).not.toContain(text);
    const sub = await cli("help", "importeer");
    expect(sub.stdout).toMatch(/^Gebruik: aanjager importeer \[opties\] \[opdracht\]\n/);
    expect(sub.stdout).toMatch(/contactenlijst \[opties\] <bestand>\s+lees de contactenlijst \(CSV of Excel \.xlsx/);
    expect((await cli("exporteer", "meetmoment", "--help")).stdout).toContain('(standaard: "csv")');
  });

  it("answers a mistyped command or a missing argument in Dutch, with the original for operators, and exit code 2", async () => {
    const unknown = await cli("onzin");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Fout: onbekende opdracht 'onzin'; zie aanjager --help \(error: unknown command 'onzin'\)\n/);
    const missing = await cli("importeer", "ddd");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^Fout: het argument 'bestand' ontbreekt \(error: missing required argument 'bestand'\)\n/);
  });
});

describe("tables by default, JSON for scripts", () => {
  it("lists the catalogue's meetmomenten and targets as tables, and as JSON lines with --json", async () => {
    const table = (await cli("catalogus", "meetmomenten", "2026-2027")).stdout.split("\n");
    expect(table[0]).toMatch(/^Datum\s+Werkdag\s+Activiteit\s+Ritme\s+Toelichting$/);
    expect(table.slice(2, -1).every((l) => /^\d{2}-\d{2}-\d{4} {2}\d{2}-\d{2}-\d{4} {2}\S+/.test(l))).toBe(true);
    const json = (await cli("--json", "catalogus", "meetmomenten", "2026-2027")).stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(json).toHaveLength(table.length - 3);
    expect(json[0]).toMatchObject({ activityId: expect.any(String), date: expect.stringMatching(/^2026-/) });
    const targets = (await cli("catalogus", "streefwaarden", "2026-2027")).stdout.split("\n");
    expect(targets[0]).toMatch(/^Activiteit\s+KPI\s+Streefwaarde$/);
    expect(targets.every((l) => l.length <= 60 * 3 + 4)).toBe(true);
  });
});

describe("options in Dutch", () => {
  it("checks a file without writing with --proef, and with the old --dry-run", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-proef-")), "c.csv");
    fs.writeFileSync(file, "email;naam;rol\nnieuw@proef.example;Nieuw Persoon;stuurgroep\n");
    for (const flag of ["--proef", "--dry-run"]) {
      const run = await cli("importeer", "contactenlijst", file, flag);
      expect(run).toMatchObject({ code: 0, stderr: "" });
      expect(run.stdout).toMatch(/^Proef: er is niets opgeslagen\. .*c\.csv: 1 regel \(CSV\)\n/);
      expect(run.stdout).toContain("Personen: 1 nieuw,");
    }
    expect((await cli("importeer", "contactenlijst", file)).stdout).toMatch(/^Contactenlijst ingelezen\./);
    expect((await cli("help", "importeer", "contactenlijst")).stdout).not.toContain("dry-run");
  });
});
