import { describe, expect, it } from "vitest";
import { MAX_CONTACTS_ON_CARD } from "../../src/cards/contact-check-card.js";
import { findUnexpandedExpressions, renderCard } from "../../src/cards/render-card.js";
import { CONTACT_CARD_DATA_SETS, MAX_SCHOOLS_ON_CARD } from "../support/card-data/contacts.js";

describe("contact cards", () => {
  for (const [name, dataSets] of Object.entries(CONTACT_CARD_DATA_SETS)) {
    it(`renders ${name} with every data set: Adaptive Card 1.5, nothing left unexpanded, under 28 KB`, () => {
      for (const data of dataSets) {
        const card = renderCard(name, data);
        expect(card.version).toBe("1.5");
        expect(findUnexpandedExpressions(card)).toEqual([]);
        expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
      }
    });
  }

  it("cuts long lists and says so", () => {
    const overview = renderCard("contacten", CONTACT_CARD_DATA_SETS.contacten![2]!);
    expect(overview.body.filter((b: any) => b.type === "Container")).toHaveLength(MAX_SCHOOLS_ON_CARD);
    expect(JSON.stringify(overview)).toContain(`En nog ${60 - MAX_SCHOOLS_ON_CARD} andere scholen`);
    const check = renderCard("contact-check", CONTACT_CARD_DATA_SETS["contact-check"]![2]!);
    expect((check.body.find((b: any) => b.type === "FactSet") as any).facts).toHaveLength(MAX_CONTACTS_ON_CARD);
    expect(JSON.stringify(check)).toContain(`En nog ${45 - MAX_CONTACTS_ON_CARD} contactpersonen die niet op deze kaart passen`);
  });

  it("shows no actions on a card for a school without contacts", () => {
    const empty = renderCard("contact-check", CONTACT_CARD_DATA_SETS["contact-check"]![0]!);
    expect(empty.actions ?? []).toEqual([]);
    expect(JSON.stringify(empty)).toContain("Aanjager kent geen decaan of mentor van deze school");
  });
});
