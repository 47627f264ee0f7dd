import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { listMigrationNames, migrationsDir } from "../../src/db/migrations.js";

/**
 * The catalogue-periods migration on a database made before it: today's data keep working. The
 * bundled activities get their programme period, looptijd and reporting parties (only where the
 * looptijd is still the seed's text), the unmeasurable and DUO-fed KPIs are marked, the
 * dashboard's monthly "data beschikbaar" is no longer a meetmoment, and every existing round says
 * which school year it describes. The migrations' SQL is applied as prisma migrate deploy would,
 * in order, on a new SQLite file.
 */
const MIGRATION = listMigrationNames().find((n) => n.endsWith("_catalogue_periods_parties"))!;
const sql = (name: string) => fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");

describe("the catalogue-periods migration on existing data", () => {
  it("fills looptijd, period, parties, KPI marks and the described school year", () => {
    const db = new Database(":memory:");
    for (const name of listMigrationNames().filter((n) => n < MIGRATION)) db.exec(sql(name));
    const activity = db.prepare(`INSERT INTO "Activity" ("id", "position", "programmalijn", "naam", "doelgroep", "looptijd", "updatedAt") VALUES (?, ?, 'p', ?, 'd', ?, CURRENT_TIMESTAMP)`);
    activity.run("coach4you", 1, "Coach4you", "2016-2017 en 2017-2018");
    activity.run("consulent-kwetsbare-jongeren", 2, "Consulent", "3,5 jaar; ingangsdatum 01-01-2017");
    activity.run("vsv-dashboard", 3, "VSV Dashboard", "Jaarlijks af te sluiten voor de duur van 1 jaar, met optie tot verlenging van 1 jaar (voorstel: 1 jaar contract, einde jaar evalueren)");
    activity.run("ddd", 4, "DDD", "eigen tekst van de beheerder");
    db.prepare(`INSERT INTO "MeetmomentSchedule" ("activityId", "position", "kind", "months", "note") VALUES ('vsv-dashboard', 0, 'monthly', '1,2,3,4,5,6,7,8,9,10,11,12', 'DUO-gegevens maandelijks op te halen en in dashboard verwerkt')`).run();
    const kpi = db.prepare(`INSERT INTO "Kpi" ("activityId", "key", "position", "name", "unit", "note") VALUES ('ddd', ?, ?, ?, ?, ?)`);
    kpi.run("vsv-cijfer-vmbo-bovenbouw", 0, "VSV-cijfer vmbo bovenbouw", "percentage", null);
    kpi.run("uitval", 1, "uitvalpercentage", "percentage", "Het precieze percentage is vooralsnog niet vast te stellen.");
    const round = db.prepare(`INSERT INTO "MeetmomentRound" ("activityId", "schoolYear", "meetmomentDate", "openDay", "periodLabel", "status", "closesAt") VALUES ('ddd', ?, ?, ?, 'x', 'gesloten', CURRENT_TIMESTAMP)`);
    round.run("2026-2027", "2026-11-02", "2026-11-02");
    round.run("2026-2027", "2027-01-01", "2027-01-04");
    round.run("2026-2027", "2026-08-01", "2026-08-24");
    db.prepare(`INSERT INTO "Measurement" ("roundId", "kpiId", "version", "status", "valueNumber", "source", "recordedAt") VALUES (1, 1, 1, 'ingediend', 3.1, 'card', CURRENT_TIMESTAMP)`).run();

    db.exec(sql(MIGRATION));

    const rows = db.prepare(`SELECT "id", "programmePeriod", "looptijdFrom", "looptijdTo", "figuresPer" FROM "Activity" ORDER BY "position"`).all();
    expect(rows).toEqual([
      { id: "coach4you", programmePeriod: "2016-2020", looptijdFrom: "2016-2017", looptijdTo: "2017-2018", figuresPer: null },
      { id: "consulent-kwetsbare-jongeren", programmePeriod: "2016-2020", looptijdFrom: "2016-2017", looptijdTo: null, figuresPer: "subregio" },
      { id: "vsv-dashboard", programmePeriod: "2016-2020", looptijdFrom: "2016-2017", looptijdTo: null, figuresPer: null },
      { id: "ddd", programmePeriod: null, looptijdFrom: null, looptijdTo: null, figuresPer: null }, // the beheerder's own looptijd is left alone
    ]);
    expect(db.prepare(`SELECT "kind", "months" FROM "MeetmomentSchedule"`).all()).toEqual([{ kind: "other", months: "" }]);
    expect(db.prepare(`SELECT "key", "measurable", "duoVsv" FROM "Kpi" ORDER BY "position"`).all()).toEqual([
      { key: "vsv-cijfer-vmbo-bovenbouw", measurable: 1, duoVsv: "VMBO BOVENBOUW" },
      { key: "uitval", measurable: 0, duoVsv: null },
    ]);
    expect(db.prepare(`SELECT "meetmomentDate", "describes" FROM "MeetmomentRound" ORDER BY "id"`).all()).toEqual([
      { meetmomentDate: "2026-11-02", describes: "2025-2026" },
      { meetmomentDate: "2027-01-01", describes: "2026-2027" },
      { meetmomentDate: "2026-08-01", describes: "2025-2026" },
    ]);
    expect(db.prepare(`SELECT "party", "valueNumber" FROM "Measurement"`).all()).toEqual([{ party: "", valueNumber: 3.1 }]);
    db.close();
  });
});
