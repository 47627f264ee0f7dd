import { describe, expect, it } from "vitest";
import { BSN_REFUSAL } from "../../src/domain/cases/bsn.js";
import { findEmailAddresses, listEmailAddresses, screenFreeText } from "../../src/domain/free-text.js";

const staff = new Set(["meganb@example.com", "j.smeets@school.example"]);
const isStaff = (a: string) => staff.has(a);

describe("findEmailAddresses", () => {
  it("finds addresses in running text, lowercased and without repeats", () => {
    expect(findEmailAddresses("Mail naar Ouder.Jansen@Gmail.com, of ouder.jansen@gmail.com.")).toEqual(["ouder.jansen@gmail.com"]);
    expect(findEmailAddresses("(piet+school@leerling.sg-x.nl) en 'kim_o@student.example.org'")).toEqual(["piet+school@leerling.sg-x.nl", "kim_o@student.example.org"]);
    expect(findEmailAddresses("josé.müller@schüle.de")).toEqual(["josé.müller@schüle.de"]);
  });

  it("leaves text without an address alone: an @-mention, a time, a domain", () => {
    for (const text of ["@Aanjager help", "om 14:00 @ Stadhuis", "zie vsv-zuidlimburg.nl", "a@b", "x@y.z", ""]) expect(findEmailAddresses(text)).toEqual([]);
  });
});

describe("screenFreeText", () => {
  it("allows staff addresses and text without pupil data", () => {
    expect(screenFreeText(["Afgestemd met MeganB@example.com en j.smeets@school.example", null, undefined, ""], isStaff)).toBeNull();
  });

  it("refuses a BSN first, then every unknown address, naming them", () => {
    expect(screenFreeText(["leerling 123 456 782, moeder@gmail.com"], isStaff)).toBe(BSN_REFUSAL);
    const refusal = screenFreeText(["moeder@gmail.com", "cc meganb@example.com, vader@hotmail.nl"], isStaff, "Dit veld");
    expect(refusal).toMatch(/^Dit veld bevat een e-mailadres/);
    expect(refusal).toContain("(**moeder@gmail.com**, **vader@hotmail.nl**)");
    expect(refusal).not.toContain("meganb");
    expect(refusal).toContain("Er is niets opgeslagen.");
  });

  it("lists every address across texts for one directory lookup", () => {
    expect(listEmailAddresses(["a.b@c.nl", null, "A.B@C.nl d@e.org"])).toEqual(["a.b@c.nl", "d@e.org"]);
  });
});
