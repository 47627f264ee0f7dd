import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findBsnCandidates, findEmailAddresses, screenFreeText } from "../../src/domain/free-text.js";
import { ADDRESS_PRESENTATIONS, BSN_PRESENTATIONS, pupilAddress, validBsn } from "../support/pupil-data-variants.js";

const noStaff = () => false;
const around = fc.constantFrom("", "leerling ", "Moeder belde, ", "zie ", "overstap: ");
const after = fc.constantFrom("", " heeft geen plek", ", graag terugbellen", ".", " (mentor 4B)");

describe("the pupil-data screen, property-based", () => {
  it.each(BSN_PRESENTATIONS)("finds every valid BSN written as %s, anywhere in a sentence", (_name, present) => {
    fc.assert(
      fc.property(validBsn, around, after, (bsn, before, rest) => {
        const text = `${before}${present(bsn)}${rest}`;
        expect(findBsnCandidates(text)).toContain(bsn);
        expect(screenFreeText([text], noStaff)).toContain("burgerservicenummer");
      }),
      { numRuns: 60 },
    );
  });

  it.each(ADDRESS_PRESENTATIONS)("finds every pupil address written as %s", (_name, present) => {
    fc.assert(
      fc.property(pupilAddress, around, after, ({ user, domain }, before, rest) => {
        const text = `${before}${present(user, domain)}${rest}`;
        expect(findEmailAddresses(text).length, text).toBeGreaterThan(0);
        expect(screenFreeText([text], noStaff)).toContain("e-mailadres");
      }),
      { numRuns: 40 },
    );
  });
});
