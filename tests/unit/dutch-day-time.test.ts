import { describe, expect, it } from "vitest";
import { parseDutchDayTime } from "../../src/domain/dutch-date.js";

describe("parsing a day and time typed in chat (school-year days)", () => {
  // Wednesday 25 November 2026, 10:00 in Amsterdam.
  const today = new Date("2026-11-25T09:00:00Z");
  it.each([
    ["2027-03-18", "2027-03-18", null],
    ["18-03-2027", "2027-03-18", null],
    ["18/3", "2027-03-18", null],
    ["18 maart", "2027-03-18", null],
    ["do 18 maart 2027", "2027-03-18", null],
    ["18 okt", "2026-10-18", null], // earlier in this school year, not next October
    ["do. 18 maart", "2027-03-18", null],
    ["over 2 weken", "2026-12-09", null],
    ["vandaag", "2026-11-25", null],
    ["morgen 9:30", "2026-11-26", "09:30"],
    ["2027-03-18t09:00", "2027-03-18", "09:00"],
    ["18 maart om 10.15 uur", "2027-03-18", "10:15"],
  ])("reads %s", (text, day, time) => {
    expect(parseDutchDayTime(text, today)).toEqual({ ok: true, day, time });
  });

  it("refuses what is no date, in Dutch", () => {
    expect(parseDutchDayTime("31 februari", today)).toEqual({ ok: false, message: "'31 februari' herken ik niet als datum. Gebruik bijvoorbeeld 18-03-2027, 2027-03-18 of 18 maart." });
    expect(parseDutchDayTime("morgen 25:00", today)).toEqual({ ok: false, message: "'25:00' is geen geldige tijd." });
  });

  it("does not repeat what may be pupil data when it is no date", () => {
    for (const typed of ["123456782", "1234.56.782", "piet.pupil@gmail.com", "x".repeat(41)]) {
      const answer = parseDutchDayTime(typed, today);
      expect(answer).toEqual({ ok: false, message: "Die datum herken ik niet. Gebruik bijvoorbeeld 18-03-2027, 2027-03-18 of 18 maart." });
    }
  });
});
