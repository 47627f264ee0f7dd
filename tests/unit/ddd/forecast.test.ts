import { describe, expect, it } from "vitest";
import { buildWorkingDayIndex, describeForecast, forecastCompletion, isBelowNorm, type ProgressPoint } from "../../../src/domain/ddd/index.js";
import { zuid } from "./zuid-calendar.js";

const index = buildWorkingDayIndex("2026-08-01", "2027-07-31", zuid);
const deadlineDay = "2027-04-01";
const forecast = (points: ProgressPoint[], today: string, normPercent = 97) => forecastCompletion({ points, today, deadlineDay, normPercent, index });
const p = (day: string, afgerond: number, overstappers = 100): ProgressPoint => ({ day, afgerond, overstappers });

describe("DDD forecast", () => {
  it("has nothing to say without figures", () => {
    const f = forecast([], "2027-03-16");
    expect(f).toMatchObject({ status: "geen-cijfers", currentRatio: null, projectedRatio: null, requiredPerWorkingDay: null });
    expect(describeForecast(f, "1 april", "jullie school").headline).toBe(
      "Er zijn nog geen DDD-cijfers van jullie school bekend. Vul ze in met Cijfers bijwerken, dan kan ik een prognose maken.",
    );
    expect(isBelowNorm(f, "forecast")).toBe(true);
  });

  it("with one snapshot gives no pace, but does say what is needed per working day", () => {
    const f = forecast([p("2027-03-15", 40)], "2027-03-16");
    // 16 March through 1 April: 12 working days (Tweede Paasdag does not count).
    expect(f).toMatchObject({ status: "geen-tempo", workingDaysLeft: 12, open: 60, requiredPerWorkingDay: 5, projectedRatio: 0.4, pacePerWorkingDay: null });
    expect(describeForecast(f, "1 april", "jullie school")).toEqual({
      headline: "Er is nog te weinig geschiedenis voor een tempo: jullie school staat nu op 40 %.",
      needed: "Voor 100 % op 1 april zijn nog 5 dossiers per werkdag nodig (60 open dossiers, 12 werkdagen).",
    });
  });

  it("projects the pace of the last two weeks, in working days, onto the deadline", () => {
    const f = forecast([p("2027-03-01", 20), p("2027-03-15", 40)], "2027-03-16");
    // 10 working days from 1 to 15 March: 2 per working day; 12 working days after 15 March: +24.
    expect(f).toMatchObject({ status: "onder-norm", pacePerWorkingDay: 2, paceSince: "2027-03-01", projectedAfgerond: 64, projectedRatio: 0.64, requiredPerWorkingDay: 5 });
    expect(describeForecast(f, "1 april", "jullie school").headline).toBe(
      "In het tempo van de afgelopen twee weken (2 per werkdag sinds 1 maart) komt jullie school op 1 april uit op 64 %, onder de norm van 97 %.",
    );
    expect(isBelowNorm(f, "forecast")).toBe(true);
  });

  it("does not count the carnaval week as a slow week", () => {
    // 1 to 15 February 2027: 5 working days (8-12 February is voorjaarsvakantie).
    const f = forecast([p("2027-02-01", 10), p("2027-02-15", 20)], "2027-02-15");
    expect(f.pacePerWorkingDay).toBe(2);
  });

  it("measures from the snapshot two weeks back, not the last week only", () => {
    const f = forecast([p("2027-03-01", 10), p("2027-03-08", 30), p("2027-03-15", 40)], "2027-03-15");
    expect(f.pacePerWorkingDay).toBe(3);
    const short = forecast([p("2027-03-08", 30), p("2027-03-15", 40)], "2027-03-15");
    expect(short).toMatchObject({ pacePerWorkingDay: 2, paceSince: "2027-03-08" });
  });

  it("ignores snapshots after today (a preview of an earlier day sees only what was known then)", () => {
    expect(forecast([p("2027-03-01", 10), p("2027-03-15", 90)], "2027-03-10")).toMatchObject({ status: "geen-tempo", afgerond: 10 });
  });

  it("reports a standstill, also after a correction downwards", () => {
    expect(forecast([p("2027-03-01", 50), p("2027-03-15", 50)], "2027-03-16")).toMatchObject({ status: "stilstand", pacePerWorkingDay: 0, projectedRatio: 0.5 });
    const corrected = forecast([p("2027-03-01", 52), p("2027-03-15", 50)], "2027-03-16");
    expect(corrected).toMatchObject({ status: "stilstand", pacePerWorkingDay: 0 });
    expect(describeForecast(corrected, "1 april", "groep 4A").headline).toBe(
      "Sinds 1 maart is er bij groep 4A geen dossier afgerond. In dit tempo blijft groep 4A op 1 april steken op 50 % (norm 97 %).",
    );
  });

  it("caps the projection at 100 % and tells apart reaching the norm from reaching 100 %", () => {
    expect(forecast([p("2027-03-01", 40), p("2027-03-15", 90)], "2027-03-16")).toMatchObject({ status: "haalt-100", projectedAfgerond: 100, projectedRatio: 1 });
    // 96 + 0.25 * 12 = 99 of 100: the norm (97 %) but not 100 %.
    const norm = forecast([p("2027-03-01", 93.5), p("2027-03-15", 96)], "2027-03-16");
    expect(norm.status).toBe("haalt-norm");
    expect(norm.projectedRatio).toBeCloseTo(0.99, 5);
    expect(describeForecast(norm, "1 april", "jullie school").headline).toBe(
      "In het tempo van de afgelopen twee weken (0,3 per werkdag sinds 1 maart) komt jullie school op 1 april uit op 99 %: boven de norm van 97 %, maar nog geen 100 %.",
    );
  });

  it("is done when everything is in, and final after the deadline", () => {
    expect(forecast([p("2027-03-15", 100)], "2027-03-16")).toMatchObject({ status: "klaar", open: 0, requiredPerWorkingDay: null });
    const after = forecast([p("2027-03-01", 20), p("2027-03-31", 80)], "2027-04-02");
    expect(after).toMatchObject({ status: "voorbij", workingDaysLeft: 0, requiredPerWorkingDay: null });
    expect(isBelowNorm(after, "actual")).toBe(true);
  });

  it("says 1 dossier in the singular", () => {
    const f = forecast([p("2027-03-31", 99)], "2027-04-01");
    expect(describeForecast(f, "1 april", "jullie school").needed).toBe("Voor 100 % op 1 april is nog 1 dossier per werkdag nodig (1 open dossier, 1 werkdag).");
  });

  it("never says 0 dossiers per working day while some are open, and agrees in number with the rate it shows", () => {
    // 1 open dossier, 38 working days left on 1 February: 0.026 per working day.
    expect(describeForecast(forecast([p("2027-02-01", 99)], "2027-02-01"), "1 april", "jullie school").needed).toBe(
      "Voor 100 % op 1 april is nog minder dan 0,1 dossier per werkdag nodig (1 open dossier, 38 werkdagen).",
    );
    // 19 open dossiers, 20 working days: 0.95, shown as 1.
    expect(describeForecast(forecast([p("2027-03-04", 81)], "2027-03-04"), "1 april", "jullie school").needed).toBe(
      "Voor 100 % op 1 april is nog 1 dossier per werkdag nodig (19 open dossiers, 20 werkdagen).",
    );
    // One dossier completed since the end of the kerstvakantie: a pace, but far below 0.1 per working day.
    const slow = forecast([p("2027-01-04", 50), p("2027-02-15", 51)], "2027-02-15");
    expect(slow.status).toBe("onder-norm");
    expect(describeForecast(slow, "1 april", "jullie school").headline).toContain("(minder dan 0,1 per werkdag sinds 4 januari)");
  });
});
