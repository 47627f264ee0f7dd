import type { SchoolYearLabel } from "../../../src/domain/calendar/index.js";
import { buildDankCardData } from "../../../src/cards/ddd-dank-card.js";
import { buildDecaanCardData, type DecaanCardInput } from "../../../src/cards/ddd-decaan-card.js";
import { buildMentorCardData, type MentorCardInput } from "../../../src/cards/ddd-mentor-card.js";
import { buildOverzichtCardData } from "../../../src/cards/ddd-overzicht-card.js";
import { buildRegistratieCardData, type RegistratieCardInput } from "../../../src/cards/ddd-registratie-card.js";
import { buildVoorbeeldCardData } from "../../../src/cards/ddd-voorbeeld-card.js";
import { buildCampaignIndex, buildCampaignPlan, forecastCompletion, planDossierRoute, type DddFigures, type ProgressPoint } from "../../../src/domain/ddd/index.js";
import { zuid } from "./zuid-calendar.js";

/** Realistic inputs for every DDD card, shared by the template test and the card tests. */
export const plan = buildCampaignPlan("2026-2027" as SchoolYearLabel, zuid);
const index = buildCampaignIndex(plan, zuid);
export const contact = "projectteam, pt@vsv.example";
const step = (id: string) => plan.steps.find((s) => s.id === id)!;
const figures = (overstappers: number, afgerond: number, extra: Partial<DddFigures> = {}): DddFigures => ({
  overstappers,
  gestart: Math.min(overstappers, afgerond + 6),
  deelB: Math.min(overstappers, afgerond + 3),
  afgerond,
  inBeeld: overstappers - 1,
  ...extra,
});
/** 4 March 2027 lies after part A's latest start: the cards show the fastest way still open. */
const route = planDossierRoute(plan, "2027-03-04", zuid);
const forecast = (points: ProgressPoint[], today: string) => forecastCompletion({ points, today, deadlineDay: plan.deadlineDay, normPercent: 97, index });

export const decaanReminder: DecaanCardInput = {
  school: { id: 1, naam: "Graaf Huyn Vmbo Geleen", brin: "10AA" },
  schoolYear: "2026-2027",
  figures: figures(52, 38),
  version: 4,
  sourceLabel: "import uit het overstapsysteem van maandag 1 maart",
  forecast: forecast(
    [
      { day: "2027-02-15", afgerond: 20, overstappers: 52 },
      { day: "2027-03-01", afgerond: 38, overstappers: 52 },
    ],
    "2027-03-04",
  ),
  plan,
  today: "2027-03-04",
  route,
  kind: "herinnering",
  step: step("w4"),
  greetingName: "Anouk",
  change: { since: "2027-02-18", delta: 12 },
  groups: [
    { mentorGroup: "4A", figures: figures(26, 24), acknowledged: false },
    { mentorGroup: "4B", figures: figures(26, 14), acknowledged: true },
    { mentorGroup: "4C", figures: null, acknowledged: false },
  ],
  inBeeldNorm: 98,
  canEdit: true,
  canAskHelp: true,
  snoozesLeft: 2,
  contact,
};

export const mentorReminder: MentorCardInput = {
  school: { id: 1, naam: "Graaf Huyn Vmbo Geleen" },
  mentorGroup: "4B",
  schoolYear: "2026-2027",
  figures: figures(26, 14),
  version: 3,
  sourceLabel: "import uit het overstapsysteem van maandag 1 maart",
  forecast: forecast([{ day: "2027-03-01", afgerond: 14, overstappers: 26 }], "2027-03-04"),
  plan,
  today: "2027-03-04",
  route,
  kind: "herinnering",
  step: step("w4"),
  greetingName: "Bram",
  change: null,
  acknowledgedOn: null,
  canMarkDone: true,
  canAskHelp: true,
  contact,
};

/** The registration phase's first message, after the herfstvakantie (Monday 26 October 2026). */
export const registratieFirst: RegistratieCardInput = {
  school: { id: 1, naam: "Graaf Huyn Vmbo Geleen" },
  schoolYear: "2026-2027",
  plan,
  step: plan.registration.steps[0]!,
  firstMessage: true,
  figures: null,
  sourceLabel: null,
  greetingName: "Anouk",
  canAskHelp: true,
  contact,
};

export const DDD_CARD_DATA_SETS: Record<string, object[]> = {
  "ddd-registratie": [
    buildRegistratieCardData(registratieFirst),
    buildRegistratieCardData({ ...registratieFirst, figures: figures(52, 0, { gestart: 0, deelB: 0, inBeeld: 0 }), sourceLabel: "import uit het overstapsysteem van maandag 2 november" }),
    buildRegistratieCardData({ ...registratieFirst, step: plan.registration.steps[1]!, firstMessage: false, greetingName: null, canAskHelp: false }),
  ],
  "ddd-decaan": [
    buildDecaanCardData(decaanReminder),
    buildDecaanCardData({ ...decaanReminder, kind: "stand", step: null, figures: null, version: 0, sourceLabel: null, forecast: forecast([], "2027-03-04"), change: null, groups: [], snoozesLeft: null }),
    buildDecaanCardData({
      ...decaanReminder,
      notice: { tone: "fout", text: "Niet opgeslagen", lines: ["afgerond en aangeleverd (60) is groter dan het aantal overstappers (52)"] },
      form: { values: { overstappers: "52", gestart: "-1", deelB: "abc", afgerond: "60" }, open: true },
    }),
    buildDecaanCardData({ ...decaanReminder, kind: "stand", step: null, canEdit: false, canAskHelp: false, snoozesLeft: null, greetingName: null }),
    buildDecaanCardData({ ...decaanReminder, figures: figures(52, 52), forecast: forecast([{ day: "2027-03-01", afgerond: 52, overstappers: 52 }], "2027-03-04") }),
    // The campaign's first message in January: the plan's chain with every latest start.
    buildDecaanCardData({
      ...decaanReminder,
      today: "2027-01-04",
      route: planDossierRoute(plan, "2027-01-04", zuid),
      step: step("start"),
      firstMessage: true,
      change: null,
      figures: figures(52, 0),
      sourceLabel: "import uit het overstapsysteem van maandag 4 januari",
      forecast: forecast([{ day: "2027-01-04", afgerond: 0, overstappers: 52 }], "2027-01-04"),
    }),
  ],
  "ddd-mentor": [
    buildMentorCardData(mentorReminder),
    buildMentorCardData({ ...mentorReminder, kind: "stand", step: null, figures: null, version: 0, forecast: forecast([], "2027-03-04"), acknowledgedOn: "2027-03-02", sourceLabel: null }),
    buildMentorCardData({ ...mentorReminder, notice: { tone: "goed", text: "Dank je!" }, canMarkDone: false }),
    // A group whose first message comes late (the school was added mid-campaign): the fastest way still open.
    buildMentorCardData({
      ...mentorReminder,
      today: "2027-03-25",
      route: planDossierRoute(plan, "2027-03-25", zuid),
      forecast: forecast([{ day: "2027-03-22", afgerond: 14, overstappers: 26 }], "2027-03-25"),
      step: step("w1"),
      firstMessage: true,
    }),
  ],
  "ddd-dank": [
    buildDankCardData({ subject: "Graaf Huyn Vmbo Geleen", schoolYear: "2026-2027", figures: figures(40, 40, { gestart: 40, deelB: 40, inBeeld: 40 }), greetingName: "Anouk", deadlineLabel: "1 april", onTime: true, contact }),
    buildDankCardData({ subject: "groep 4A van Graaf Huyn Vmbo Geleen", schoolYear: "2026-2027", figures: figures(25, 25, { gestart: 25, deelB: 25, inBeeld: 25 }), greetingName: null, deadlineLabel: "1 april", onTime: false, contact }),
  ],
  "ddd-overzicht": [
    buildOverzichtCardData({
      schoolYear: "2026-2027",
      today: "2027-03-04",
      plan,
      normPercent: 97,
      schools: [
        { naam: "Graaf Huyn Vmbo Geleen", subregio: "Westelijke Mijnstreek", figures: decaanReminder.figures, forecast: decaanReminder.forecast },
        { naam: "Mosa Vakcollege Maastricht", subregio: "Maastricht-Heuvelland", figures: figures(40, 40), forecast: forecast([{ day: "2027-03-01", afgerond: 40, overstappers: 40 }], "2027-03-04") },
        { naam: "Carbon Vakcollege Heerlen", subregio: "Parkstad", figures: null, forecast: forecast([], "2027-03-04") },
      ],
      contact,
    }),
  ],
  "ddd-voorbeeld": [
    buildVoorbeeldCardData({
      momentLabel: "donderdag 4 maart 08:15",
      status: 'Stap van deze dag: "Nog 4 weken tot de DDD-deadline".',
      summary: [{ title: "Herinneringen", value: "3" }],
      lines: [{ title: "Graaf Huyn Vmbo Geleen", value: 'decanen: herinnering "Nog 4 weken tot de DDD-deadline" (1 ontvanger)' }],
      schoolYear: "2026-2027",
      steps: plan.steps.map((s) => ({ title: s.title, value: s.sendDay })),
    }),
  ],
};
