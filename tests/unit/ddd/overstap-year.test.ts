import { describe, expect, it } from "vitest";
import type { SchoolYearLabel } from "../../../src/domain/calendar/index.js";
import {
  buildOverstapYear,
  findCurrentCohort,
  findPhaseOn,
  judgeCheck,
  judgeSchoolAtStep,
  listDueSteps,
  listRunningCohorts,
  NO_OVERSTAP_COUNTS,
  type OverstapYear,
  type SchoolYearCounts,
} from "../../../src/domain/ddd/index.js";
import { zuid } from "./zuid-calendar.js";

const year = (label: string) => label as SchoolYearLabel;
const NORMS = { inBeeld: 98, ddd: 97, geplaatstMetDdd: 97, mboGestart: 95 };
const phase = (y: OverstapYear, id: string) => y.phases.find((p) => p.id === id)!;
const counts = (c: Partial<SchoolYearCounts>): SchoolYearCounts => ({ overstappers: 40, gestart: 40, deelB: 40, afgerond: 40, inBeeld: 40, ...NO_OVERSTAP_COUNTS, ...c });

describe("the overstap year as data", () => {
  it("lays out the four phases of a cohort from 1 October to the next 1 October, with each step on its working day", () => {
    const y = buildOverstapYear(year("2026-2027"), zuid, { norms: NORMS });
    expect(y.phases.map((p) => [p.id, p.firstDay, p.lastDay])).toEqual([
      ["registratie", "2026-10-01", "2026-12-31"],
      ["ddd", "2027-01-01", "2027-04-01"],
      ["toelating", "2027-04-02", "2027-06-30"],
      ["start", "2027-07-01", "2027-10-01"],
    ]);
    expect(y.phases.flatMap((p) => p.steps.map((s) => [s.id, s.day, s.sendDay]))).toEqual([
      ["toelating-april", "2027-04-15", "2027-04-15"],
      // Saturday 15 May; Monday 17 May is Tweede Pinksterdag.
      ["toelating-mei", "2027-05-15", "2027-05-18"],
      ["controle-1-juni", "2027-06-01", "2027-06-01"],
      ["start-september", "2027-09-15", "2027-09-15"],
      ["controle-1-oktober", "2027-10-01", "2027-10-01"],
    ]);
    // The norms: placed pupils with a DDD (catalogue) and started pupils (region), each a share of the placed.
    expect(phase(y, "toelating").norm).toMatchObject({ percent: 97, numerator: "geplaatstMetDdd", denominator: "geplaatst", source: "catalogus" });
    expect(phase(y, "start").norm).toMatchObject({ percent: 95, numerator: "mboGestart", denominator: "geplaatst", source: "regio" });
    expect(phase(y, "ddd").title).toBe("DDD en aanmelding, uiterlijk 1 april");
  });

  it("runs two cohorts only around 1 October: the one starting in the mbo until its check (and its catch-up), the next from its registration", () => {
    expect(listRunningCohorts("2026-08-15")).toEqual(["2025-2026"]);
    expect(listRunningCohorts("2027-07-15")).toEqual(["2026-2027"]);
    expect(listRunningCohorts("2027-09-30")).toEqual(["2026-2027"]);
    expect(listRunningCohorts("2027-10-01")).toEqual(["2026-2027", "2027-2028"]);
    expect(listRunningCohorts("2027-10-15")).toEqual(["2026-2027", "2027-2028"]);
    expect(listRunningCohorts("2027-10-16")).toEqual(["2027-2028"]);
    expect(findCurrentCohort("2027-09-20")).toBe("2026-2027");
    expect(findCurrentCohort("2027-10-01")).toBe("2027-2028");
    const y = buildOverstapYear(year("2026-2027"), zuid, { norms: NORMS });
    expect(["2027-09-20", "2027-04-01", "2027-04-02", "2026-12-31"].map((day) => findPhaseOn(y, day).id)).toEqual(["start", "ddd", "toelating", "registratie"]);
    // A region with its deadline on 15 March: toelating begins the day after.
    const early = buildOverstapYear(year("2026-2027"), zuid, { deadline: "03-15", norms: NORMS });
    expect(findPhaseOn(early, "2027-03-16").id).toBe("toelating");
  });

  it("keeps a step due until its phase ends, and a check on a weekend day after it for the catch-up days", () => {
    const y = buildOverstapYear(year("2026-2027"), zuid, { norms: NORMS });
    expect(listDueSteps(y, "2027-04-14").map((d) => d.step.id)).toEqual([]);
    expect(listDueSteps(y, "2027-05-20").map((d) => d.step.id)).toEqual(["toelating-april", "toelating-mei"]);
    expect(listDueSteps(y, "2027-07-01").map((d) => d.step.id)).toEqual([]);
    // 1 October 2028 is a Sunday: the check of 2027-2028 goes out on Monday 2 October, after its phase.
    const next = buildOverstapYear(year("2027-2028"), zuid, { norms: NORMS });
    expect(phase(next, "start").steps.at(-1)).toMatchObject({ id: "controle-1-oktober", day: "2028-10-01", sendDay: "2028-10-02" });
    // The September reminder's catch-up ended with its phase; the check is still due.
    expect(listDueSteps(next, "2028-10-02").map((d) => d.step.id)).toEqual(["controle-1-oktober"]);
    expect(listDueSteps(next, "2028-10-16").map((d) => d.step.id)).toEqual(["controle-1-oktober"]);
    expect(listDueSteps(next, "2028-10-17").map((d) => d.step.id)).toEqual([]);
  });
});

describe("judging a school", () => {
  const y = buildOverstapYear(year("2026-2027"), zuid, { norms: NORMS });
  const toelating = phase(y, "toelating");
  const start = phase(y, "start");

  it("is behind after 1 April with pupils without an aanmelding, afgewezen pupils, below the norm, or without counts", () => {
    expect(judgeSchoolAtStep(toelating, "toelating-april", null)).toEqual({ behind: true, reasons: ["er zijn nog geen cijfers van je school"] });
    expect(judgeSchoolAtStep(toelating, "toelating-april", counts({}))).toEqual({ behind: true, reasons: ["er zijn nog geen cijfers over deze fase van je school"] });
    expect(judgeSchoolAtStep(toelating, "toelating-april", counts({ aangemeld: 39, geenAanmelding: 1, afgewezen: 1, geplaatst: 30, geplaatstMetDdd: 27 })).reasons).toEqual([
      "1 leerling heeft nog geen aanmelding",
      "1 leerling is afgewezen en heeft een nieuwe aanmelding nodig",
      "90 % van de geplaatste overstappers met een ingevuld DDD; de norm is 97 %",
    ]);
    expect(judgeSchoolAtStep(toelating, "toelating-mei", counts({ aangemeld: 40, geenAanmelding: 0, afgewezen: 0, geplaatst: 40 }))).toEqual({ behind: true, reasons: ["nog niet gemeld: geplaatst met afgerond DDD"] });
    expect(judgeSchoolAtStep(toelating, "toelating-mei", counts({ aangemeld: 40, geenAanmelding: 0, afgewezen: 0, geplaatst: 40, geplaatstMetDdd: 39 }))).toEqual({ behind: false, reasons: [] });
    // A school without overstappers has nothing to do.
    expect(judgeSchoolAtStep(toelating, "toelating-mei", counts({ overstappers: 0, gestart: 0, deelB: 0, afgerond: 0, inBeeld: 0 }))).toEqual({ behind: false, reasons: [] });
  });

  it("names zomerlek and niet gestart in September, and judges the start against the region's norm on 1 October", () => {
    const september = counts({ geplaatst: 37, mboGestart: 33, nietGestart: 1, zomerlek: 2 });
    expect(judgeSchoolAtStep(start, "start-september", september).reasons).toEqual([
      "1 leerling is niet gestart in het mbo",
      "2 leerlingen zijn na de zomer nergens ingeschreven",
      "89,1 % van de geplaatste overstappers gestart in het mbo; de norm is 95 %",
    ]);
    expect(judgeCheck(start, september)).toEqual({ failed: true, share: (33 / 37) * 100, reason: "Controle 1 oktober: gestart in het mbo: 89,1 % van de geplaatste overstappers gestart in het mbo (33 van 37); norm 95 %." });
    expect(judgeCheck(start, counts({ geplaatst: 37, mboGestart: 36 }))).toMatchObject({ failed: false });
  });

  it("fails the 1 June check without the counts to judge, but not for a school without overstappers or placed pupils", () => {
    expect(judgeCheck(toelating, null)).toMatchObject({ failed: true, reason: expect.stringContaining("niet gemeld") });
    expect(judgeCheck(toelating, counts({ geplaatst: 30 }))).toMatchObject({ failed: true, share: null });
    expect(judgeCheck(toelating, counts({ overstappers: 0, gestart: 0, deelB: 0, afgerond: 0, inBeeld: 0 }))).toMatchObject({ failed: false });
    expect(judgeCheck(toelating, counts({ geplaatst: 0, geplaatstMetDdd: 0 }))).toMatchObject({ failed: false });
    expect(judgeCheck(toelating, counts({ geplaatst: 35, geplaatstMetDdd: 34 }))).toMatchObject({ failed: false });
  });
});
