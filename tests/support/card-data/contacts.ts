import { buildContactCheckCardData } from "../../../src/cards/contact-check-card.js";
import { buildContactsOverviewData, MAX_SCHOOLS_ON_CARD } from "../../../src/cards/contacts-card.js";
import type { SchoolContactRow } from "../../../src/db/contacts.js";

/**
 * Data sets for the contact cards, the largest realistic ones included (every card must stay
 * under Teams' 28 KB). Shaped like CARD_DATA_SETS in tests/unit/cards.test.ts so they can be
 * spread into it.
 */
const longReason =
  "geen geldige decaan. Marieke Quaedvlieg-Notermans: onbekend in Teams (nog niet gekoppeld); niet bevestigd voor schooljaar 2026-2027 | Anouk Aerts-Bemelmans: heeft Aanjager verwijderd in Teams; niet bevestigd voor schooljaar 2026-2027";
const manySchools = Array.from({ length: 60 }, (_, i) => ({ naam: `Sint-Maarten Vakcollege Maastricht-Heuvelland ${i}`, brin: "12AB00", soort: "vmbo", subregio: "Maastricht-Heuvelland", reason: longReason }));

function contact(i: number, confirmed: boolean): SchoolContactRow {
  return {
    personId: 1000 + i,
    naam: `Marieke Quaedvlieg-Notermans ${i}`,
    email: `marieke.quaedvlieg-notermans${i}@sint-maarten-vakcollege.school.example`,
    aadObjectId: null,
    teamsUserId: null,
    roles: i === 0 ? [{ role: "decaan", mentorGroup: null }, { role: "mentor", mentorGroup: "4A" }] : [{ role: "mentor", mentorGroup: `4-${i}` }],
    reachability: { hasTeamsIdentity: false, refused: null, latestPersonalChat: null },
    confirmation: confirmed ? { confirmedAt: new Date("2026-10-05T08:00:00Z"), confirmedById: 1000 } : null,
  };
}
const school = (n: number) => ({ id: 1, brin: "12AB", naam: "Sint-Maarten Vakcollege Maastricht", contacts: Array.from({ length: n }, (_, i) => contact(i, i % 2 === 0)) });
const day = () => "5 oktober 2026";
const everyFieldWrong = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`email_${1000 + i}`, `marieke.quaedvlieg-notermans${i}-at-sint-maarten-vakcollege.school.example`]));

export const CONTACT_CARD_DATA_SETS: Record<string, object[]> = {
  contacten: [
    buildContactsOverviewData({ schoolYear: "2026-2027", overstapSchools: 39, schools: [] }),
    buildContactsOverviewData({ schoolYear: "2026-2027", overstapSchools: 39, schools: manySchools.slice(0, 3) }),
    buildContactsOverviewData({ schoolYear: "2026-2027", overstapSchools: 60, schools: manySchools }),
  ],
  "contact-check": [
    buildContactCheckCardData(school(0), "2026-2027", {}, day),
    buildContactCheckCardData(school(4), "2026-2027", { notice: "Bevestigd door Marieke op 5 oktober 2026. Dank je wel!" }, day),
    buildContactCheckCardData(school(45), "2026-2027", {}, day),
    buildContactCheckCardData(
      school(45),
      "2026-2027",
      {
        errors: Array.from({ length: 30 }, (_, i) => [
          { personId: 1000 + i, field: "naam" as const, message: "de naam mag niet leeg zijn" },
          { personId: 1000 + i, field: "email" as const, message: "dit e-mailadres hoort in Aanjager al bij iemand anders" },
        ]).flat(),
        submitted: everyFieldWrong,
      },
      day,
    ),
  ],
};

export { MAX_SCHOOLS_ON_CARD };
