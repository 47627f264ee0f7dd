import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { WorkCalendar } from "../../../src/domain/calendar/index.js";
import { describeActivityRun, formatCatalogueIssue, listMeetmomenten, listProgrammePeriods, listSchedulesNeedingChoice, parseCatalogue, type CatalogueActivity } from "../../../src/domain/catalogue.js";
import { loadWorkCalendar } from "../../../src/services/calendar-data.js";

/**
 * The meetmomenten of school year 2026-2027 for every activity of the bundled catalogue, against
 * the source's own words (seed 000, the programme plan 2016-2020): its looptijd and its
 * meetmomenten, quoted. Nothing is invented: an activity whose looptijd ended gets none, a
 * rhythm without a month waits for the beheerder ("kies"), and a date's `describes` is the school
 * year its figures are about (1 August and November: the year that just ended).
 */
type Expected = { looptijd: string; meetmomenten: string; run: "loopt" | "afgelopen"; dates: [string, string][]; kies?: string[] };

const SOURCE: Record<string, Expected> = {
  "voordeel-vervolg": { looptijd: "januari 2017 – mei 2021 (ruim 4 jaar)", meetmomenten: "'wordt elk jaar gemeten'", run: "afgelopen", dates: [] },
  "afstemming-onderwijs": { looptijd: "gehele looptijd van het convenant VSV", meetmomenten: "Deze vinden halfjaarlijks plaats in januari en juni.", run: "loopt", dates: [["2027-01-04", "2026-2027"], ["2027-06-01", "2026-2027"]] },
  "versterking-mentoren": { looptijd: "start in 2016-2017, afgerond in 2017-2018", meetmomenten: "Evaluatie na elke bijeenkomst.", run: "afgelopen", dates: [] },
  "netwerk-ondersteuningsteams": { looptijd: "Schooljaar 2016-2017 en 2017-2018", meetmomenten: "Jaarlijks wordt geëvalueerd", run: "afgelopen", dates: [] },
  ddd: { looptijd: "2016-2017, 2017-2018, 2018-2019 en 2019-2020", meetmomenten: "De evaluatie vindt in november plaats.", run: "loopt", dates: [["2026-11-02", "2025-2026"]] },
  "overstap-vo-mbo": { looptijd: "gedurende de gehele programmaperiode", meetmomenten: "De evaluatie vindt ieder jaar plaats in november.", run: "loopt", dates: [["2026-11-02", "2025-2026"]] },
  "vsv-dashboard": { looptijd: "Jaarlijks af te sluiten voor de duur van 1 jaar, met optie tot verlenging", meetmomenten: "De evaluatie vinden jaarlijks plaats in de maand juni.", run: "loopt", dates: [["2027-06-01", "2026-2027"]] },
  switchvoorziening: { looptijd: "drie schooljaren: 2016-2017, 2017-2018, 2018-2019", meetmomenten: "halfjaarlijks plaats; in januari en juni", run: "afgelopen", dates: [] },
  "schakelklas-vavo": { looptijd: "twee schooljaren, start in schooljaar 2016-2017", meetmomenten: "Halfjaarlijks vindt een meetmoment plaats", run: "afgelopen", dates: [] },
  schoolziekteverzuim: { looptijd: "Schooljaar 2016-2017 en 2017-2018", meetmomenten: "De meetmomenten zijn halfjaarlijks; in januari en juni.", run: "afgelopen", dates: [] },
  "reductie-thuiszitters": { looptijd: "gehele programmaperiode", meetmomenten: "Evaluatie via kwartaalrapportages", run: "loopt", dates: [], kies: ["yearly", "quarterly"] },
  "consulent-kwetsbare-jongeren": { looptijd: "3,5 jaar; ingangsdatum 01-01-2017", meetmomenten: "Halfjaarlijks op 1 januari en 1 juli.", run: "loopt", dates: [["2027-01-01", "2026-2027"], ["2027-07-01", "2026-2027"]] },
  "werkbudget-kortdurende-arrangementen": { looptijd: "4 jaar", meetmomenten: "Halfjaarlijks op 1 januari en 1 juli", run: "loopt", dates: [["2027-01-01", "2026-2027"], ["2027-07-01", "2026-2027"]] },
  "bemiddeling-18plus": { looptijd: "De gehele programmaperiode.", meetmomenten: "De meetmomenten zijn twee keer per jaar.", run: "loopt", dates: [], kies: ["halfyearly"] },
  verzuimconvenant: { looptijd: "De activiteit duurt de gehele programmaperiode.", meetmomenten: "twee keer per jaar t.w. 1-2 en 1-8 van ieder kalenderjaar", run: "loopt", dates: [["2026-08-01", "2025-2026"], ["2027-02-01", "2026-2027"]] },
  "bovenschoolse-tussenvoorziening": { looptijd: "alleen schooljaar 2016-2017", meetmomenten: "op het einde van het jaar wordt het resultaat gemeten", run: "afgelopen", dates: [] },
  buddyplus: { looptijd: "2016-2017, 2017-2018, 2018-2019, 2019-2020", meetmomenten: "Halfjaarlijks vindt er evaluatie plaats.", run: "loopt", dates: [], kies: ["halfyearly"] },
  coach4you: { looptijd: "2016-2017 en 2017-2018", meetmomenten: "Jaarlijkse evaluatie d.m.v. van verzamelde prestatiescans.", run: "afgelopen", dates: [] },
  "maatwerktraject-dacapo": { looptijd: "2016-2017", meetmomenten: "een schriftelijk jaarverslag", run: "afgelopen", dates: [] },
};

const bundled = fs.readFileSync(path.resolve(import.meta.dirname, "..", "..", "..", "src", "data", "activities.yaml"), "utf8");
let calendar: WorkCalendar;
let activities: CatalogueActivity[];
beforeAll(async () => {
  calendar = await loadWorkCalendar();
  const parsed = parseCatalogue(bundled);
  if (!parsed.ok) throw new Error(parsed.issues.map(formatCatalogueIssue).join("\n"));
  activities = parsed.activities;
});

describe("the meetmomenten of 2026-2027, activity by activity, as the source states them", () => {
  it("covers every activity of the catalogue", () => {
    expect(activities.map((a) => a.id).sort()).toEqual(Object.keys(SOURCE).sort());
  });

  it.each(Object.entries(SOURCE))("%s", (id, expected) => {
    const activity = activities.find((a) => a.id === id)!;
    // The quotes are the catalogue's own copy of the source.
    expect(activity.looptijd).toContain(expected.looptijd);
    expect(bundled).toContain(expected.meetmomenten);
    const run = describeActivityRun(activity, "2026-2027", listProgrammePeriods(activities));
    expect(run.running ? "loopt" : "afgelopen").toBe(expected.run);
    const dates = run.running ? listMeetmomenten(activity, "2026-2027", calendar).map((m) => [m.date, m.describes]) : [];
    expect(dates).toEqual(expected.dates);
    expect(run.running ? listSchedulesNeedingChoice(activity).map((s) => s.kind) : []).toEqual(expected.kies ?? []);
  });
});
