import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { WorkCalendar } from "../../../src/domain/calendar/index.js";
import { isWorkingDay } from "../../../src/domain/calendar/index.js";
import { deriveKpiDirection, formatCatalogueIssue, listMeetmomenten, listSchedulesNeedingChoice, parseCatalogue, resolveKpiTarget, type CatalogueActivity } from "../../../src/domain/catalogue.js";
import { loadWorkCalendar } from "../../../src/services/calendar-data.js";

const bundled = fs.readFileSync(path.resolve(import.meta.dirname, "..", "..", "..", "src", "data", "activities.yaml"), "utf8");

function parseBundled(): CatalogueActivity[] {
  const result = parseCatalogue(bundled);
  if (!result.ok) throw new Error(result.issues.map(formatCatalogueIssue).join("\n"));
  return result.activities;
}

/** The Dutch lines a beheerder sees for a catalogue that must be refused. */
function listCatalogueIssues(text: string): string[] {
  const result = parseCatalogue(text);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.issues.map(formatCatalogueIssue);
}

describe("the bundled catalogue", () => {
  it("holds the 19 activities of the programme plan in document order", () => {
    const activities = parseBundled();
    expect(activities).toHaveLength(19);
    expect(activities.map((a) => a.id).slice(0, 6)).toEqual(["voordeel-vervolg", "afstemming-onderwijs", "versterking-mentoren", "netwerk-ondersteuningsteams", "ddd", "overstap-vo-mbo"]);
    const ddd = activities.find((a) => a.id === "ddd")!;
    expect(ddd).toMatchObject({
      position: 5,
      section: "2.2.1",
      programmalijn: "Programmalijn 2: Attitude maatwerk, preventie in de keten",
      naam: "Digitaal Doorstroomdossier (DDD)",
      doelgroep: "Leerlingen vmbo leerjaar 4, vso en Pro die overstappen naar het mbo.",
      ownerRole: "eigenaar",
      meetmomenten: [{ kind: "yearly", months: [11], day: null, note: "evaluatierapport a.d.h.v. analyses en enquêtes" }],
    });
    expect(ddd.kpis.map((k) => [k.key, k.unit, k.direction])).toEqual([
      ["aantal-geregistreerde-leerlingen-met-een", "count", "higher"],
      ["pct-overstappers-vo-mbo-in-regio-39-in-beeld-met", "percentage", "higher"],
      ["waarvan-pct-met-een-ingevuld-ddd", "percentage", "higher"],
      ["pct-digitale-doorstroomdossiers-gevuld-en", "percentage", "higher"],
      ["vsv-cijfer-vmbo-bovenbouw", "percentage", "lower"],
    ]);
  });

  it("keeps the seed's DDD targets per school year as history (90/95/96/97 % DDD, 97/98/98/98 % in beeld)", () => {
    const ddd = parseBundled().find((a) => a.id === "ddd")!;
    const values = (key: string) => ddd.kpis.find((k) => k.key === key)!.targets.map((t) => [t.schoolYear, t.value]);
    expect(values("waarvan-pct-met-een-ingevuld-ddd")).toEqual([["2016-2017", 90], ["2017-2018", 95], ["2018-2019", 96], ["2019-2020", 97]]);
    expect(values("pct-overstappers-vo-mbo-in-regio-39-in-beeld-met")).toEqual([["2016-2017", 97], ["2017-2018", 98], ["2018-2019", 98], ["2019-2020", 98]]);
  });

  it("derives KPI directions from the plan's own words, and leaves registration counts undefined", () => {
    const kpis = parseBundled().flatMap((a) => a.kpis.map((k) => ({ id: `${a.id}/${k.key}`, unit: k.unit, direction: k.direction })));
    const direction = (id: string) => kpis.find((k) => k.id === id)!.direction;
    expect(kpis.filter((k) => k.unit === "text").every((k) => k.direction === null)).toBe(true);
    expect(direction("voordeel-vervolg/vsv-entree")).toBe("lower"); // "terugdringen van ruim 35% naar 22,5%"
    expect(direction("voordeel-vervolg/arbeidsparticipatie")).toBe("higher"); // "verhogen van 65% naar 70 %"
    expect(direction("reductie-thuiszitters/aantal-thuiszitters")).toBe("lower"); // "-50% t.o.v. 01-01-2017"
    expect(direction("schakelklas-vavo/vsv-havo-bovenbouw-t-o-v-streefnorm")).toBe("lower"); // vsv, despite "minimaal"
    expect(direction("buddyplus/streefnorm-vo-en-mbo")).toBe("lower"); // the streefnorm is a maximum vsv percentage
    expect(direction("bovenschoolse-tussenvoorziening/hoeveelheid-weken-die-de-plaatsing-geduurd-heeft")).toBe("lower");
    expect(direction("bemiddeling-18plus/aantal-verzuimmeldingen")).toBeNull();
    expect(direction("vsv-dashboard/uitgevallen-leerlingen-in-beeld-gebracht-en")).toBeNull();
    expect(direction("bemiddeling-18plus/leerlingen-18-die-onderwijs-volgen")).toBe("higher");
    expect(direction("coach4you/pct-begeleide-jongeren-behouden-binnen-het")).toBe("higher");
  });
});

describe("deriveKpiDirection", () => {
  it("lets an explicit direction win, including none", () => {
    expect(deriveKpiDirection({ name: "aantal thuiszitters", unit: "count", target: null, direction: "higher" })).toBe("higher");
    expect(deriveKpiDirection({ name: "arbeidsparticipatie", unit: "percentage", target: "verhogen", direction: "none" })).toBeNull();
  });

  it("reads rising or falling per-year targets when the words say nothing", () => {
    expect(deriveKpiDirection({ name: "score", unit: "percentage", target: null, targets: [{ value: 90 }, { value: 97 }] })).toBe("higher");
    expect(deriveKpiDirection({ name: "score", unit: "percentage", target: null, targets: [{ value: 20 }, { value: 10 }] })).toBe("lower");
  });
});

describe("resolveKpiTarget", () => {
  const targets = [
    { period: "2016-2017", schoolYear: "2016-2017", value: 90 },
    { period: "2019-2020", schoolYear: "2019-2020", value: 97 },
    { period: "1e jaar", schoolYear: null, value: 400 },
  ];

  it("gives a year's own target, and the last earlier year's as the default for later years", () => {
    expect(resolveKpiTarget(targets, "2016-2017")).toEqual({ value: 90, schoolYear: "2016-2017", defaulted: false });
    expect(resolveKpiTarget(targets, "2018-2019")).toEqual({ value: 90, schoolYear: "2016-2017", defaulted: true });
    expect(resolveKpiTarget(targets, "2026-2027")).toEqual({ value: 97, schoolYear: "2019-2020", defaulted: true });
    expect(resolveKpiTarget([...targets, { period: "2026-2027", schoolYear: "2026-2027", value: 99 }], "2026-2027")).toEqual({ value: 99, schoolYear: "2026-2027", defaulted: false });
  });

  it("has no target before the first year or without school-year targets", () => {
    expect(resolveKpiTarget(targets, "2015-2016")).toBeNull();
    expect(resolveKpiTarget([{ period: "1e jaar", schoolYear: null, value: 400 }], "2026-2027")).toBeNull();
  });
});

describe("parseCatalogue rejections", () => {
  const minimal = (extra = "") => `- id: ddd\n  programmalijn: "Lijn 2"\n  naam: "DDD"\n  doelgroep: "vmbo 4"\n${extra}`;

  it("accepts a minimal entry with defaults", () => {
    expect(parseCatalogue(minimal())).toMatchObject({ ok: true, activities: [{ id: "ddd", ownerRole: "eigenaar", meetmomenten: [], kpis: [] }] });
  });

  it("names the entry's position, id and line for every problem, in one pass", () => {
    const text = [
      minimal().trimEnd(),
      "- id: Overstap VO",
      "  programmalijn: x",
      "  naam: y",
      "  doelgroep: z",
      "- id: ddd",
      "  programmalijn: x",
      "  naam: ''",
      "  doelgroep: z",
      "  meetmomenten_parsed:",
      "    - {kind: halfyearly, months: [1, 6, 9], day: null}",
      "    - {kind: tweewekelijks, months: []}",
      "    - {kind: halfyearly, months: [2, 8], day: 31}",
      "  kpis:",
      "    - {name: a, unit: euro, target: null}",
      "    - {name: b, unit: percentage, per_year_targets: {'2016': '90%', '2017-2018': 'veel'}}",
      "  owner_role: directeur",
    ].join("\n");
    const lines = listCatalogueIssues(text);
    expect(lines).toEqual([
      "activiteit 2, id Overstap VO, regel 5: id: id: alleen kleine letters, cijfers en streepjes (bijvoorbeeld ddd)",
      "activiteit 3, id ddd, regel 11: naam: naam is leeg",
      "activiteit 3, id ddd, regel 14: meetmomenten_parsed[1].months: 3 maanden bij halfjaarlijks: twee maanden, of leeg zolang de bron geen maanden noemt",
      "activiteit 3, id ddd, regel 15: meetmomenten_parsed[2].kind: onbekende soort meetmoment (kies uit: halfyearly, yearly, quarterly, monthly, per-event, other)",
      "activiteit 3, id ddd, regel 16: meetmomenten_parsed[3].day: dag 31 bestaat niet in maand 2 (in elk jaar)",
      "activiteit 3, id ddd, regel 18: kpis[1].unit: onbekende eenheid (kies uit: count, percentage, text)",
      "activiteit 3, id ddd, regel 19: kpis[2].per_year_targets.2016: periode '2016' is geen schooljaar (JJJJ-JJJJ) of programmajaar ('1e jaar')",
      "activiteit 3, id ddd, regel 19: kpis[2].per_year_targets.2017-2018: streefwaarde 'veel' is geen getal of percentage",
      "activiteit 3, id ddd, regel 20: owner_role: onbekende rol (kies uit: decaan, mentor, projectteam, programmaleider, eigenaar, stuurgroep, beheerder, schoolleiding, bestuur, rmc, leerplicht, mbo-intake)",
    ]);
  });

  it("explains a value of the wrong type in Dutch (a month without brackets, a number as id, a KPI that is not a mapping)", () => {
    const text = [
      minimal().trimEnd(),
      "  meetmomenten_parsed:",
      "    - kind: yearly",
      "      months: 11",
      "  kpis:",
      "    - 12",
      "- id: 5",
      "  programmalijn: x",
      "  naam: y",
      "  doelgroep: z",
      "  kpis: geen",
    ].join("\n");
    const lines = listCatalogueIssues(text);
    expect(lines).toEqual([
      "activiteit 1, id ddd, regel 7: meetmomenten_parsed[1].months: verkeerd soort waarde: verwacht een lijst, gevonden een getal",
      "activiteit 1, id ddd, regel 9: kpis[1]: verkeerd soort waarde: verwacht velden (naam: waarde), gevonden een getal",
      "activiteit 2, regel 10: id: verkeerd soort waarde: verwacht tekst, gevonden een getal",
      "activiteit 2, regel 14: kpis: verkeerd soort waarde: verwacht een lijst, gevonden tekst",
    ]);
    for (const line of lines) expect(line).not.toMatch(/Expected|received/);
  });

  it("rejects a duplicate id, a duplicate KPI key, broken YAML and a file that is not a list", () => {
    const dup = parseCatalogue(`${minimal()}${minimal()}`);
    expect(!dup.ok && dup.issues.map(formatCatalogueIssue)).toEqual(["activiteit 2, id ddd, regel 5: id: id 'ddd' staat ook bij activiteit 1"]);
    const kpis = parseCatalogue(minimal("  kpis:\n    - {name: 'aantal', unit: count}\n    - {name: 'Aantal!', unit: count}\n"));
    expect(!kpis.ok && kpis.issues[0]!.reason).toBe("kpis[2]: KPI-sleutel 'aantal' komt ook voor bij KPI 1; geef een van beide een eigen id");
    const broken = parseCatalogue("- id: ddd\n  naam: [unclosed\n");
    expect(!broken.ok && broken.issues[0]!.reason).toMatch(/^geen geldige YAML/);
    // In Dutch, with the line: the beheerder does not read the parser's English.
    expect(!broken.ok && broken.issues.map(formatCatalogueIssue)).toEqual(["regel 3: geen geldige YAML: de inspringing klopt niet (gebruik twee spaties per niveau), of een [ of { is niet gesloten"]);
    const tabbed = parseCatalogue("- id: ddd\n\tnaam: x\n");
    expect(!tabbed.ok && tabbed.issues.map(formatCatalogueIssue)).toEqual(["regel 2: geen geldige YAML: hier staat een teken dat daar niet mag (een tab, of een dubbele punt of haakje te veel)"]);
    expect(parseCatalogue("id: ddd\n")).toEqual({ ok: false, issues: [expect.objectContaining({ reason: expect.stringContaining("lijst van activiteiten") })] });
  });
});

describe("listMeetmomenten", () => {
  let calendar: WorkCalendar;
  let activities: CatalogueActivity[];
  beforeAll(async () => {
    calendar = await loadWorkCalendar();
    activities = parseBundled();
  });
  const list = (id: string, year: string) => listMeetmomenten(activities.find((a) => a.id === id)!, year, calendar).map((m) => [m.kind, m.date, m.workingDay, m.describes]);

  it("puts the yearly November evaluation (DDD) on the first working day of November, three years running", () => {
    expect(list("ddd", "2025-2026")).toEqual([["yearly", "2025-11-03", "2025-11-03", "2024-2025"]]); // 1 Nov 2025 is a Saturday
    expect(list("ddd", "2026-2027")).toEqual([["yearly", "2026-11-02", "2026-11-02", "2025-2026"]]);
    expect(list("ddd", "2027-2028")).toEqual([["yearly", "2027-11-01", "2027-11-01", "2026-2027"]]);
  });

  it("keeps fixed days (1 januari / 1 juli) as the date, with the first working day after the holidays", () => {
    expect(list("consulent-kwetsbare-jongeren", "2025-2026")).toEqual([
      ["halfyearly", "2026-01-01", "2026-01-05", "2025-2026"], // kerstvakantie until 4 January
      ["halfyearly", "2026-07-01", "2026-07-01", "2025-2026"],
    ]);
    expect(list("consulent-kwetsbare-jongeren", "2027-2028")).toEqual([
      ["halfyearly", "2028-01-01", "2028-01-10", "2027-2028"], // kerstvakantie until 9 January 2028
      ["halfyearly", "2028-07-01", "2028-07-03", "2027-2028"], // a Saturday
    ]);
  });

  it("lists 1 August and 1 February (verzuimconvenant) in the school year they fall in; 1 August describes the year that just ended", () => {
    expect(list("verzuimconvenant", "2026-2027")).toEqual([
      ["halfyearly", "2026-08-01", "2026-08-24", "2025-2026"], // zomervakantie Zuid until 23 August
      ["halfyearly", "2027-02-01", "2027-02-01", "2026-2027"],
    ]);
  });

  it("invents no months: a rhythm whose source names none gives no meetmomenten until the beheerder writes them", () => {
    for (const year of ["2025-2026", "2026-2027", "2027-2028"]) expect(list("bemiddeling-18plus", year)).toEqual([]);
    const bemiddeling = activities.find((a) => a.id === "bemiddeling-18plus")!;
    expect(listSchedulesNeedingChoice(bemiddeling)).toEqual([expect.objectContaining({ kind: "halfyearly", months: [] })]);
    // The beheerder's choice (written in the catalogue) gives the dates.
    const chosen = { ...bemiddeling, meetmomenten: [{ kind: "halfyearly" as const, months: [2, 8], day: 1, note: null }] };
    expect(listMeetmomenten(chosen, "2026-2027", calendar).map((m) => m.date)).toEqual(["2026-08-01", "2027-02-01"]);
    expect(listSchedulesNeedingChoice(chosen)).toEqual([]);
    const schakelklas = listMeetmomenten(activities.find((a) => a.id === "schakelklas-vavo")!, "2027-2028", calendar);
    expect(schakelklas).toEqual([]);
  });

  it("gives no dates for per-event and other rhythms", () => {
    for (const year of ["2025-2026", "2026-2027", "2027-2028"]) expect(list("versterking-mentoren", year)).toEqual([]);
    const reductie = listMeetmomenten(activities.find((a) => a.id === "reductie-thuiszitters")!, "2026-2027", calendar);
    expect(reductie.map((m) => m.kind)).not.toContain("other");
  });

  it("always returns working days in date order within the school year's reach, for every activity and year", () => {
    for (const year of ["2025-2026", "2026-2027", "2027-2028"]) {
      for (const activity of activities) {
        const moments = listMeetmomenten(activity, year, calendar);
        const dates = moments.map((m) => m.date);
        expect(dates).toEqual([...dates].sort());
        for (const m of moments) {
          expect(isWorkingDay(m.workingDay, calendar)).toBe(true);
          expect(m.workingDay >= m.date).toBe(true);
          expect(m.date >= `${year.slice(0, 4)}-08-01` && m.date <= `${year.slice(5)}-07-31`).toBe(true);
        }
      }
    }
  });

  it("rolls a month that is all holiday into the next month and merges the day it lands on", () => {
    // August 2028 lies entirely in the Zuid summer holiday (until 3 September).
    const monthly = { id: "x", meetmomenten: [{ kind: "monthly" as const, months: [8, 9], day: null, note: null }] };
    expect(listMeetmomenten(monthly, "2028-2029", calendar).map((m) => m.date)).toEqual(["2028-09-04"]);
  });
});
