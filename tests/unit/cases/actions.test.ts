import { describe, expect, it } from "vitest";
import { authorizeCaseAction, decideCaseAction, type CaseMachineState } from "../../../src/domain/cases/index.js";

const now = new Date("2027-03-01T09:00:00Z");
const open: CaseMachineState = { id: 7, state: "open", level: 1, round: 1, ownerId: null, pausedFrom: null };

describe("decideCaseAction", () => {
  it("acknowledging makes the actor owner and stops escalation; twice by the same person is refused", () => {
    const d = decideCaseAction(open, { kind: "acknowledge" }, 5, now, 3);
    expect(d).toMatchObject({ ok: true, changes: { state: "erkend", ownerId: 5 }, event: { kind: "acknowledged" } });
    expect(decideCaseAction({ ...open, state: "erkend", ownerId: 5 }, { kind: "acknowledge" }, 5, now, 3)).toMatchObject({ ok: false });
    expect(decideCaseAction({ ...open, state: "erkend", ownerId: 5 }, { kind: "acknowledge" }, 6, now, 3)).toMatchObject({ ok: true, event: { data: { previousOwnerId: 5 } } });
  });

  it("requires a resolution note and releases the dedupe key on resolve", () => {
    expect(decideCaseAction(open, { kind: "resolve", note: "  " }, 5, now, 3)).toMatchObject({ ok: false, message: expect.stringContaining("toelichting") });
    expect(decideCaseAction(open, { kind: "resolve", note: "binnen" }, 5, now, 3)).toMatchObject({ ok: true, changes: { state: "opgelost", holdsOpenKey: false, resolution: "binnen" } });
  });

  it("pauses only until a future date and resumes to the state before the pause", () => {
    expect(decideCaseAction(open, { kind: "pause", until: new Date("2027-02-01") }, 5, now, 3)).toMatchObject({ ok: false });
    expect(decideCaseAction({ ...open, state: "erkend" }, { kind: "pause", until: new Date("2027-03-10") }, 5, now, 3)).toMatchObject({ ok: true, changes: { state: "gepauzeerd", pausedFrom: "erkend" } });
    expect(decideCaseAction({ ...open, state: "gepauzeerd", pausedFrom: "erkend" }, { kind: "resume" }, null, now, 3)).toMatchObject({ ok: true, changes: { state: "erkend", levelSince: now } });
  });

  it("reopens only a resolved case, as a new round from L0", () => {
    expect(decideCaseAction(open, { kind: "reopen" }, 5, now, 3)).toMatchObject({ ok: false });
    expect(decideCaseAction({ ...open, state: "opgelost" }, { kind: "reopen" }, 5, now, 3)).toMatchObject({ ok: true, changes: { state: "open", level: -1, round: 2, holdsOpenKey: true } });
  });

  it("escalates by hand one level, but not past the top or on a closed case", () => {
    expect(decideCaseAction(open, { kind: "escalate" }, 5, now, 3)).toMatchObject({ ok: true, changes: { level: 2 }, event: { kind: "escalated", level: 2 } });
    expect(decideCaseAction({ ...open, level: 3 }, { kind: "escalate" }, 5, now, 3)).toMatchObject({ ok: false, message: expect.stringContaining("hoogste niveau") });
    expect(decideCaseAction({ ...open, state: "opgelost" }, { kind: "escalate" }, 5, now, 3)).toMatchObject({ ok: false });
  });
});

describe("authorizeCaseAction", () => {
  const staff = { personId: 1, roles: [{ role: "projectteam", schoolId: null }] };
  const decaan = { personId: 2, roles: [{ role: "decaan", schoolId: 10 }] };
  const mentor = { personId: 3, roles: [{ role: "mentor", schoolId: 10 }] };

  it("lets staff do everything with every case", () => {
    for (const action of ["view", "acknowledge", "comment", "pause", "resolve", "reopen", "escalate"] as const) expect(authorizeCaseAction(staff, action, 99).ok).toBe(true);
  });

  it("lets a decaan view, pick up and comment on cases of their own school only", () => {
    for (const action of ["view", "acknowledge", "comment"] as const) {
      expect(authorizeCaseAction(decaan, action, 10).ok).toBe(true);
      expect(authorizeCaseAction(decaan, action, 11)).toMatchObject({ ok: false, message: expect.stringContaining("niet over jouw school") });
    }
    for (const action of ["pause", "resolve", "reopen", "escalate"] as const) expect(authorizeCaseAction(decaan, action, 10).ok).toBe(false);
  });

  it("lets a decaan see a case without a school that they reported themselves, and no other", () => {
    expect(authorizeCaseAction(decaan, "view", null, decaan.personId).ok).toBe(true);
    expect(authorizeCaseAction(decaan, "acknowledge", null, decaan.personId).ok).toBe(true);
    expect(authorizeCaseAction(decaan, "view", null, 999).ok).toBe(false);
    expect(authorizeCaseAction(decaan, "view", null).ok).toBe(false);
    expect(authorizeCaseAction(decaan, "escalate", null, decaan.personId).ok).toBe(false);
  });

  it("refuses everyone else in Dutch", () => {
    expect(authorizeCaseAction(mentor, "view", 10)).toMatchObject({ ok: false, message: expect.stringContaining("voorbehouden") });
    expect(authorizeCaseAction({ personId: null, roles: [] }, "view", 10)).toMatchObject({ ok: false });
  });
});
