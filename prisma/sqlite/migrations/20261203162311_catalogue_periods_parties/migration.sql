-- AlterTable
ALTER TABLE "Activity" ADD COLUMN "figuresPer" TEXT;
ALTER TABLE "Activity" ADD COLUMN "looptijdFrom" TEXT;
ALTER TABLE "Activity" ADD COLUMN "looptijdTo" TEXT;
ALTER TABLE "Activity" ADD COLUMN "programmePeriod" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Kpi" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "activityId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "direction" TEXT,
    "targetText" TEXT,
    "note" TEXT,
    "measurable" BOOLEAN NOT NULL DEFAULT true,
    "duoVsv" TEXT,
    "archivedAt" DATETIME,
    CONSTRAINT "Kpi_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Kpi" ("activityId", "archivedAt", "direction", "id", "key", "name", "note", "position", "targetText", "unit") SELECT "activityId", "archivedAt", "direction", "id", "key", "name", "note", "position", "targetText", "unit" FROM "Kpi";
DROP TABLE "Kpi";
ALTER TABLE "new_Kpi" RENAME TO "Kpi";
CREATE UNIQUE INDEX "Kpi_activityId_key_key" ON "Kpi"("activityId", "key");
CREATE TABLE "new_MeetmomentRound" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "activityId" TEXT NOT NULL,
    "schoolYear" TEXT NOT NULL,
    "meetmomentDate" TEXT NOT NULL,
    "openDay" TEXT NOT NULL,
    "periodLabel" TEXT NOT NULL,
    "describes" TEXT NOT NULL DEFAULT '',
    "note" TEXT,
    "status" TEXT NOT NULL,
    "announcedAt" DATETIME,
    "openedAt" DATETIME,
    "closesAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "submittedAt" DATETIME,
    "submittedById" INTEGER,
    "lateCaseId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MeetmomentRound_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_MeetmomentRound" ("activityId", "announcedAt", "closedAt", "closesAt", "createdAt", "id", "lateCaseId", "meetmomentDate", "note", "openDay", "openedAt", "periodLabel", "remindersSent", "schoolYear", "status", "submittedAt", "submittedById") SELECT "activityId", "announcedAt", "closedAt", "closesAt", "createdAt", "id", "lateCaseId", "meetmomentDate", "note", "openDay", "openedAt", "periodLabel", "remindersSent", "schoolYear", "status", "submittedAt", "submittedById" FROM "MeetmomentRound";
DROP TABLE "MeetmomentRound";
ALTER TABLE "new_MeetmomentRound" RENAME TO "MeetmomentRound";
CREATE INDEX "MeetmomentRound_status_closesAt_idx" ON "MeetmomentRound"("status", "closesAt");
CREATE UNIQUE INDEX "MeetmomentRound_activityId_meetmomentDate_key" ON "MeetmomentRound"("activityId", "meetmomentDate");
CREATE TABLE "new_Measurement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roundId" INTEGER NOT NULL,
    "kpiId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "party" TEXT NOT NULL DEFAULT '',
    "partyLabel" TEXT,
    "status" TEXT NOT NULL,
    "valueNumber" REAL,
    "valueText" TEXT,
    "source" TEXT NOT NULL,
    "personId" INTEGER,
    "personName" TEXT,
    "recordedAt" DATETIME NOT NULL,
    CONSTRAINT "Measurement_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "MeetmomentRound" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Measurement_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "Kpi" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Measurement" ("id", "kpiId", "personId", "personName", "recordedAt", "roundId", "source", "status", "valueNumber", "valueText", "version") SELECT "id", "kpiId", "personId", "personName", "recordedAt", "roundId", "source", "status", "valueNumber", "valueText", "version" FROM "Measurement";
DROP TABLE "Measurement";
ALTER TABLE "new_Measurement" RENAME TO "Measurement";
CREATE INDEX "Measurement_kpiId_idx" ON "Measurement"("kpiId");
CREATE UNIQUE INDEX "Measurement_roundId_party_kpiId_version_key" ON "Measurement"("roundId", "party", "kpiId", "version");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Data: the bundled catalogue's activities as they stand in a database made before this
-- migration get their programme period, looptijd and reporting parties (only where the
-- looptijd text is still the seed's, so a beheerder's own edits are not overwritten), and the
-- KPIs the seed calls unmeasurable or that DUO publishes are marked.
UPDATE "Activity" SET "programmePeriod" = '2016-2020', "looptijdFrom" = '2016-2017', "looptijdTo" = '2020-2021' WHERE "id" = 'voordeel-vervolg' AND "looptijd" = 'januari 2017 – mei 2021 (ruim 4 jaar)';
UPDATE "Activity" SET "programmePeriod" = '2016-2020', "looptijdFrom" = '2016-2017', "looptijdTo" = NULL WHERE "id" = 'afstemming-onderwijs' AND "looptijd" = 'gehele looptijd van het convenant VSV; deelactiviteiten 2016-2017, 2017-2018, 2018-2019, 2019-2020';
UPDATE "Activity" SET "programmePeriod" = '2016-2020', "looptijdFrom" = '2016-2017', "looptijdTo" = '2017-2018' WHERE "id" = 'versterking-mentoren' AND "looptijd" = 'start in 2016-2017, afgerond in 2017-2018; bijeenkomsten: een aantal dagdelen per jaar, per sub-regio';
UPDATE "Activity" SET "programmePeriod" = '2016-2020', "looptijdFrom" = '2016-2017', "looptijdTo" = '2017-2018' WHERE "id" = 'netwerk-ondersteuningsteams' AND "looptijd" = 'Schooljaar 2016-2017 en 2017-2018; maandelijks scholingsbijeenkomsten (per sub-regio)';
UPDATE "Activity" SET "programmePeriod" = '2016-2020', "looptijdFrom" = '2016-2017', "looptijdTo" = NULL WHERE "id" = 'ddd' AND "looptijd" = '2016-2017, 2017-2018, 2018-2019 en 2019-2020 (activiteiten lopen een geheel jaar)';
UPDATE "Activity" SET "programmePeriod" = '2016-2020', "looptijdFrom" = '2016-2017', "looptijdTo" = NULL WHERE "id" = 'overstap-vo-mbo' AND "looptijd" = '2016-2017, 2017-2018, 2018-2019 en 2019-2020 (gedurende de gehele programmaperiode; activiteit start nu voor het derde jaar)';
UPDATE "Activity" SET "programmePeriod" = '2016-2020', "looptijdFrom" = '2016-2017', "looptijdTo" = NULL WHERE "id" = 'vsv-dashboard' AND "looptijd" = 'Jaarlijks af te sluiten voor de duur van 1 jaar, met optie tot verlenging van 1 jaar (voorstel: 1 jaar contract, einde jaar evalueren)';
UPDATE "Activity" SET "programmePeriod" = '2016-2020', "looptijdFrom" = '2016-2017', "looptijdTo" = '2018-2019' WHERE "id" = 'switchvoorziening' AND "looptijd" = 'drie schooljaren: 2016-2017, 2017-2018, 2018-2019 (opzet max. een halfjaar; begeleiding 2,5 (school-)jaar)';
UPDATE "Activity" SET "programmePeriod" = '2016-2020', "looptijdFrom" = '2016-2017', "looptijdTo" = '2017-2018' WHERE "id" = 'schakelklas-vavo' AND "looptijd" = 'twee schooljaren, start in schooljaar 2016-2017 (continue instroom gedurende het jaar)';
UPDATE "Activity" SET "programmePeriod" = '2016-2020', "looptijdFrom" = '2016-2017', "looptijdTo" = '2017-2018' WHERE "id" = 'schoolziekteverzuim' AND "looptijd" = 'Schooljaar 2016-2017 en 2017-2018';
UPDATE "Activity" SET "programmePeriod" = '2016-2020', "looptijdFrom" = '2016-2017', "looptijdTo" = NULL, "figuresPer" = 'school' WHERE "id" = 'reductie-thuiszitters' AND "looptijd" = 'gehele programmaperiode; deelactiviteiten 2016-2017, 2017-2018, 2018-2019';
UPDATE "Activity" SET "programmePeriod" = '2016-2020', "looptijdFrom" = '2016-2017', "looptijdTo" = NULL, "figuresPer" = 'subregio' WHERE "id" = 'consulent-kwetsbare-jongeren' AND "looptijd" = '3,5 jaar; ingangsdatum 01-01-2017';
UPDATE "Activity" SET "programmePeriod" = '2016-2020', "looptijdFrom" = '2016-2017', "looptijdTo" = NULL, "figuresPer" = 'eigenaar' WHERE "id" = 'werkbudget-kortdurende-arrangementen' AND "looptijd" = '4 jaar';
UPDATE "Activity" SET "programmePeriod" = '2016-2020', "looptijdFrom" = '2016-2017', "looptijdTo" = NULL WHERE "id" = 'bemiddeling-18plus' AND "looptijd" = 'De gehele programmaperiode.';
UPDATE "Activity" SET "programmePeriod" = '2016-2020', "looptijdFrom" = '2016-2017', "looptijdTo" = NULL WHERE "id" = 'verzuimconvenant' AND "looptijd" = 'De activiteit duurt de gehele programmaperiode.';
UPDATE "Activity" SET "programmePeriod" = '2016-2020', "looptijdFrom" = '2016-2017', "looptijdTo" = '2016-2017' WHERE "id" = 'bovenschoolse-tussenvoorziening' AND "looptijd" = 'schooljaar 2016-2017 (deelactiviteit orthopedagoge: alleen schooljaar 2016-2017)';
UPDATE "Activity" SET "programmePeriod" = '2016-2020', "looptijdFrom" = '2016-2017', "looptijdTo" = NULL WHERE "id" = 'buddyplus' AND "looptijd" = '2016-2017, 2017-2018, 2018-2019, 2019-2020';
UPDATE "Activity" SET "programmePeriod" = '2016-2020', "looptijdFrom" = '2016-2017', "looptijdTo" = '2017-2018' WHERE "id" = 'coach4you' AND "looptijd" = '2016-2017 en 2017-2018';
UPDATE "Activity" SET "programmePeriod" = '2016-2020', "looptijdFrom" = '2016-2017', "looptijdTo" = '2016-2017' WHERE "id" = 'maatwerktraject-dacapo' AND "looptijd" = '2016-2017';
UPDATE "Kpi" SET "measurable" = false WHERE "note" IN ('Het precieze percentage is vooralsnog niet vast te stellen.', 'indirecte invloed; niet mogelijk een specifiek uitvalpercentage te verbinden');
UPDATE "Kpi" SET "duoVsv" = 'VMBO BOVENBOUW' WHERE "name" = 'VSV-cijfer vmbo bovenbouw' AND "activityId" IN ('ddd', 'overstap-vo-mbo');
UPDATE "Kpi" SET "duoVsv" = 'MBO ENTREE' WHERE "name" = 'vsv Entree' AND "activityId" = 'voordeel-vervolg';
UPDATE "Kpi" SET "duoVsv" = 'HAVO BOVENBOUW' WHERE "name" = 'vsv havo bovenbouw t.o.v. streefnorm' AND "activityId" = 'schakelklas-vavo';

-- Data: the school year each existing round describes (August-November: the year that just ended).
UPDATE "MeetmomentRound" SET "describes" = CASE
  WHEN CAST(substr("meetmomentDate", 6, 2) AS INTEGER) BETWEEN 8 AND 11 THEN (CAST(substr("meetmomentDate", 1, 4) AS INTEGER) - 1) || '-' || substr("meetmomentDate", 1, 4)
  WHEN CAST(substr("meetmomentDate", 6, 2) AS INTEGER) = 12 THEN substr("meetmomentDate", 1, 4) || '-' || (CAST(substr("meetmomentDate", 1, 4) AS INTEGER) + 1)
  ELSE (CAST(substr("meetmomentDate", 1, 4) AS INTEGER) - 1) || '-' || substr("meetmomentDate", 1, 4)
END;

-- Data: the vsv-dashboard's "Gegevens beschikbaar per maand" is when DUO data arrive, not a meetmoment.
UPDATE "MeetmomentSchedule" SET "kind" = 'other', "months" = '', "note" = 'gegevens beschikbaar per maand (DUO-gegevens in het dashboard): geen meetmoment, de evaluatie is in juni' WHERE "activityId" = 'vsv-dashboard' AND "kind" = 'monthly' AND "note" = 'DUO-gegevens maandelijks op te halen en in dashboard verwerkt';
