import { buildCommandSuggestionCardData } from "../../src/cards/command-suggestion-card.js";
import { buildHelpCardData } from "../../src/cards/help-card.js";
import { buildOverstapDeletionCardData } from "../../src/cards/overstap-deletion-card.js";
import { buildChainGapCardData } from "../../src/cards/keten-gat-card.js";
import { buildHandoverCardData } from "../../src/cards/warme-overdracht-card.js";
import { listCommandsFor } from "../../src/domain/commands.js";
import { COMPOSED_FEATURES } from "../../src/features/index.js";
import { buildActor } from "../../src/services/actor.js";
import { CASE_CARD_DATA_SETS } from "./card-data/cases.js";
import { CHECKLIST_CARD_DATA_SETS } from "./card-data/checklist.js";
import { CONTACT_CARD_DATA_SETS } from "./card-data/contacts.js";
import { DELIVERY_STATUS_CARD_DATA_SETS } from "./card-data/delivery-status.js";
import { DDD_CARD_DATA_SETS } from "../unit/ddd/card-fixtures.js";
import { SUMMARY_CARD_DATA_SETS } from "./card-data/summary.js";
import { MEETMOMENT_CARD_DATA_SETS } from "./card-data/meetmomenten.js";

/**
 * Test data for every card template in cards/: the template's name -> the data sets to render it
 * with, built by the card's own typed builder. Two suites use it: tests/unit/cards.test.ts
 * (templating, version, size) and tests/e2e/cards.test.ts (the official Adaptive Cards renderer
 * in Chromium, a PNG per data set). A template without an entry here fails both.
 *
 * Adding a card: add `<name>: [dataSet, ...]` with the realistic cases the card must survive
 * (empty lists, the longest names, every branch of a `$when`).
 */
const alex = {
  id: 1,
  naam: "Alex Wilber",
  email: "alexw@example.com",
  aadObjectId: "a",
  teamsUserId: "t",
  roles: [
    { role: "projectteam", schoolId: null, schoolBrin: null, schoolNaam: null, mentorGroup: null, activityId: null },
    { role: "decaan", schoolId: 1, schoolBrin: "10AB", schoolNaam: "Graaf Huyn Vmbo", mentorGroup: null, activityId: null },
  ],
};
const contact = "projectteam, pt@vsv.example";
const zuidLimburg = { naam: "Zuid-Limburg", dddDeadline: "04-01" };

export const CARD_DATA_SETS: Record<string, object[]> = {
  ...CASE_CARD_DATA_SETS,
  ...CHECKLIST_CARD_DATA_SETS,
  ...CONTACT_CARD_DATA_SETS,
  ...DDD_CARD_DATA_SETS,
  "delivery-status": DELIVERY_STATUS_CARD_DATA_SETS,
  ...SUMMARY_CARD_DATA_SETS,
  ...MEETMOMENT_CARD_DATA_SETS,
  "overstap-deletion": [buildOverstapDeletionCardData({ caseId: 12, reference: "OS-2027-0042", deleteOn: "01-11-2027", contact: "het projectteam Elke Jongere in Beeld (projectteam@vsv-zuid-limburg.example)" })],
  overstapjaar: [
    {
      title: "Na 1 april: wie heeft nog geen aanmelding?",
      greeting: "Hallo Alex,",
      intro: 'Zo staat Graaf Huyn Vmbo Geleen ervoor in de fase "Toelating en plaatsing":',
      reasons: ["3 leerlingen hebben nog geen aanmelding", "1 leerling is afgewezen en heeft een nieuwe aanmelding nodig"],
      facts: [
        { label: "aangemeld bij een mbo", value: "40", explanation: "leerlingen met een aanmelding bij een mbo-instelling" },
        { label: "geen aanmelding", value: "3", explanation: "potentiële overstappers zonder aanmelding: zij hebben nu een aanmelding nodig" },
        { label: "geplaatst met afgerond DDD", value: "nog niet gemeld", explanation: "" },
      ],
      norm: "Norm: 97 % van de geplaatste overstappers met een ingevuld DDD.",
      footer: "De cijfers komen uit het overstapsysteem (alleen aantallen, geen namen). Vragen of hulp nodig? het projectteam Elke Jongere in Beeld",
    },
  ],
  "keten-gat": [
    buildChainGapCardData({ caseId: 12, level: 2, audience: "schoolleiding", where: "Graaf Huyn Vmbo Geleen (10AB)" }),
    buildChainGapCardData({ caseId: 13, level: 3, audience: "school-board", where: "Stichting Voortgezet Onderwijs Parkstad Limburg, een heel lange naam van een schoolbestuur (99ZZ00)" }),
    buildChainGapCardData({ caseId: 14, level: 2, audience: "rmc-leerplicht", where: "subregio parkstad" }),
  ],
  "warme-overdracht": [
    buildHandoverCardData({ caseId: 21, version: 1, reference: "OS-2027-0077", fromSchool: "Maaskant College vmbo Stein (10AC)", receiver: "Maasstad mbo-college Maastricht (10BA)", note: "begeleiding bij plannen nodig", received: null }),
    buildHandoverCardData({ caseId: 21, version: 2, reference: "OS-2027-0077", fromSchool: null, receiver: "Maasstad mbo-college Maastricht (10BA)", note: "warme overdracht", received: { by: "Ingrid Intake", on: "3 maart 2027" }, notice: "Dank je wel: de overdracht is bevestigd en de zaak is gesloten." }),
  ],
  "command-suggestion": [buildCommandSuggestionCardData(["help"]), buildCommandSuggestionCardData(["voorbeeld herinneringen", "voortgang", "export samenvatting"])],
  help: [
    buildHelpCardData(buildActor(alex, { teamsUserId: "t", aadObjectId: "a" }), listCommandsFor(COMPOSED_FEATURES.authorization, ["projectteam", "decaan"], COMPOSED_FEATURES.commands), contact, zuidLimburg),
    buildHelpCardData(buildActor(null, { teamsUserId: "t", aadObjectId: null }), listCommandsFor(COMPOSED_FEATURES.authorization, [], COMPOSED_FEATURES.commands), contact, zuidLimburg),
  ],
};
