import { describe, expect, it } from "vitest";
import { findOverstapDeletionDate, planOverstapRetention } from "../../src/domain/retention.js";

const NOV_1 = { day: 1, month: 11 };
const at = (iso: string) => new Date(iso);

describe("the deletion day of an overstap case", () => {
  it("is 1 November of the school year in which the pupil was to start", () => {
    // Reported in the last year of the vo (2026-2027): the pupil starts in 2027-2028.
    expect(findOverstapDeletionDate(at("2027-03-01T10:00:00Z"), "geen-vervolgkeuze", NOV_1).toISOString()).toBe("2027-10-31T23:00:00.000Z");
    expect(findOverstapDeletionDate(at("2026-10-15T10:00:00Z"), "warme-overdracht", NOV_1).toISOString()).toBe("2027-10-31T23:00:00.000Z");
    expect(findOverstapDeletionDate(at("2027-07-20T10:00:00Z"), "zomerlek", NOV_1).toISOString()).toBe("2027-10-31T23:00:00.000Z");
    // A summer drop-out or missing enrolment reported after the summer is about the year that just began.
    expect(findOverstapDeletionDate(at("2027-09-06T10:00:00Z"), "zomerlek", NOV_1).toISOString()).toBe("2027-10-31T23:00:00.000Z");
    expect(findOverstapDeletionDate(at("2027-09-06T10:00:00Z"), "niet-ingeschreven", NOV_1).toISOString()).toBe("2027-10-31T23:00:00.000Z");
    // ... but not after that day, nor for a pupil still in the last year.
    expect(findOverstapDeletionDate(at("2027-11-02T10:00:00Z"), "zomerlek", NOV_1).toISOString()).toBe("2028-10-31T23:00:00.000Z");
    expect(findOverstapDeletionDate(at("2027-09-06T10:00:00Z"), "geen-vervolgkeuze", NOV_1).toISOString()).toBe("2028-10-31T23:00:00.000Z");
  });

  it("follows the configured day", () => {
    expect(findOverstapDeletionDate(at("2027-03-01T10:00:00Z"), "geen-vervolgkeuze", { day: 15, month: 12 }).toISOString()).toBe("2027-12-14T23:00:00.000Z");
    expect(findOverstapDeletionDate(at("2027-03-01T10:00:00Z"), "geen-vervolgkeuze", { day: 1, month: 7 }).toISOString()).toBe("2028-06-30T22:00:00.000Z");
  });

  it("plans a notice from a week before and the deletion from the day itself", () => {
    const cases = [{ id: 1, openedAt: at("2027-03-01T10:00:00Z"), overstapReason: "geen-vervolgkeuze" }];
    // 25 October, 00:00 in Amsterdam (still summer time in 2027)
    expect(planOverstapRetention(cases, at("2027-10-24T21:59:59Z"), NOV_1)).toEqual({ due: [], notify: [] });
    expect(planOverstapRetention(cases, at("2027-10-24T22:00:00Z"), NOV_1).notify.map((n) => n.id)).toEqual([1]);
    expect(planOverstapRetention(cases, at("2027-10-31T22:59:59Z"), NOV_1).notify.map((n) => n.id)).toEqual([1]);
    expect(planOverstapRetention(cases, at("2027-10-31T23:00:00Z"), NOV_1)).toMatchObject({ due: [{ id: 1 }], notify: [] });
  });
});
