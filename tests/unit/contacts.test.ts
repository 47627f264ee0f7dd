import { describe, expect, it } from "vitest";
import { assessContact, assessSchoolContacts, isContactCheckPeriod, readContactCorrections, type ContactFacts } from "../../src/domain/contacts.js";
import type { Reachability } from "../../src/domain/reachability.js";

const YEAR = "2026-2027";
const blocked: Reachability = { reachable: false, reason: "blocked", detail: "403", since: new Date("2026-10-01T08:00:00Z") };
const uninstalled: Reachability = { reachable: false, reason: "uninstalled", detail: null, since: null };
const valid: ContactFacts = { personId: 1, naam: "Anna Aerts", linkedToTeams: true, reachability: { reachable: true, via: "personal-chat" }, confirmedThisSchoolYear: true };

describe("assessContact", () => {
  it("accepts a linked, reachable contact confirmed this school year", () => {
    expect(assessContact(valid, YEAR)).toEqual({ valid: true, reasons: [] });
  });

  it("accepts a linked contact who never opened a chat with the bot (the bot can start one)", () => {
    expect(assessContact({ ...valid, reachability: { reachable: true, via: "new-chat" } }, YEAR).valid).toBe(true);
  });

  it.each([
    [{ linkedToTeams: false }, "onbekend in Teams (nog niet gekoppeld)"],
    [{ reachability: blocked }, "heeft Aanjager geblokkeerd in Teams"],
    [{ reachability: uninstalled }, "heeft Aanjager verwijderd in Teams"],
    [{ confirmedThisSchoolYear: false }, "niet bevestigd voor schooljaar 2026-2027"],
  ])("rejects %o with the Dutch reason", (patch, reason) => {
    expect(assessContact({ ...valid, ...patch }, YEAR)).toEqual({ valid: false, reasons: [reason] });
  });

  it("gives every reason at once", () => {
    expect(assessContact({ ...valid, linkedToTeams: false, confirmedThisSchoolYear: false }, YEAR).reasons).toEqual(["onbekend in Teams (nog niet gekoppeld)", "niet bevestigd voor schooljaar 2026-2027"]);
  });
});

describe("assessSchoolContacts", () => {
  it("needs at least one valid decaan", () => {
    expect(assessSchoolContacts([], YEAR)).toEqual({ valid: false, reason: "geen decaan geregistreerd", decanen: [] });
    expect(assessSchoolContacts([{ ...valid, confirmedThisSchoolYear: false }, { ...valid, personId: 2, naam: "Bert" }], YEAR)).toMatchObject({ valid: true, reason: null });
  });

  it("explains per decaan why none is valid", () => {
    const verdict = assessSchoolContacts([{ ...valid, linkedToTeams: false }, { ...valid, personId: 2, naam: "Bert Bemelmans", reachability: blocked, confirmedThisSchoolYear: false }], YEAR);
    expect(verdict.valid).toBe(false);
    expect(verdict.reason).toBe(
      "geen geldige decaan. Anna Aerts: onbekend in Teams (nog niet gekoppeld) | Bert Bemelmans: heeft Aanjager geblokkeerd in Teams; niet bevestigd voor schooljaar 2026-2027",
    );
  });
});

describe("isContactCheckPeriod", () => {
  it("runs from 1 September up to the DDD deadline of 1 April", () => {
    expect(isContactCheckPeriod("2026-08-31", YEAR)).toBe(false);
    expect(isContactCheckPeriod("2026-09-01", YEAR)).toBe(true);
    expect(isContactCheckPeriod("2027-03-31", YEAR)).toBe(true);
    expect(isContactCheckPeriod("2027-04-01", YEAR)).toBe(false);
  });
});

describe("readContactCorrections", () => {
  const contacts = [
    { personId: 1, naam: "Anna Aerts", email: "anna@school.example" },
    { personId: 2, naam: "Bert Bemelmans", email: "bert@school.example" },
    { personId: 3, naam: "Carla Coenen", email: "carla@school.example" },
  ];
  const owners = new Map([["anna@school.example", 1], ["bert@school.example", 2], ["carla@school.example", 3], ["other@school.example", 99]]);
  const read = (data: Record<string, unknown>) => readContactCorrections(data, contacts, (e) => owners.get(e) ?? null);

  it("returns only what changed: a name, a normalised e-mail, someone gone", () => {
    expect(
      read({
        naam_1: "Anna Aerts-Smeets",
        email_1: "anna@school.example",
        weg_1: "false",
        naam_2: "Bert Bemelmans",
        email_2: " Bert.B@School.Example ",
        weg_2: "false",
        naam_3: "Carla Coenen",
        email_3: "carla@school.example",
        weg_3: "true",
      }),
    ).toEqual({
      ok: true,
      changes: [
        { personId: 1, gone: false, naam: "Anna Aerts-Smeets" },
        { personId: 2, gone: false, email: "bert.b@school.example" },
        { personId: 3, gone: true },
      ],
    });
  });

  it("finds nothing to change when the inputs are as they were", () => {
    expect(read({ naam_1: "Anna Aerts", email_1: "anna@school.example", weg_1: "false" })).toEqual({ ok: true, changes: [] });
  });

  it("rejects empty names, malformed or taken e-mail addresses, all at once, in Dutch", () => {
    expect(read({ naam_1: "  ", email_1: "anna-at-school", naam_2: "Bert", email_2: "other@school.example", email_3: "BERT.NEW@school.example", naam_3: "Carla" })).toEqual({
      ok: false,
      errors: [
        { personId: 1, field: "naam", message: "de naam mag niet leeg zijn" },
        { personId: 1, field: "email", message: "dit is geen geldig e-mailadres" },
        { personId: 2, field: "email", message: "dit e-mailadres hoort in Aanjager al bij iemand anders" },
      ],
    });
    expect(read({ email_2: "same@school.example", email_3: "same@school.example" })).toEqual({
      ok: false,
      errors: [{ personId: 3, field: "email", message: "hetzelfde e-mailadres staat ook bij een andere contactpersoon op deze kaart" }],
    });
  });

  it("ignores inputs of people who are no longer contacts of the school", () => {
    expect(read({ naam_42: "Iemand", email_42: "x" })).toEqual({ ok: true, changes: [] });
  });
});
