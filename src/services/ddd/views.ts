import type { IsoDate } from "../../domain/calendar/index.js";
import type { AdaptiveCard } from "../../domain/adaptive-card.js";
import type { CampaignPlan, CampaignStep, DddFigureField, DddFigures, DossierRoute, Forecast, RegistrationStep } from "../../domain/ddd/index.js";

/**
 * What the DDD cards show, as the DDD services return it: the decaan's and the mentor's card,
 * the thank-you, the region overview, the school choice and the reminder preview. The services
 * fill these in; src/cards/ddd-*.ts render them (src/cards/ddd-cards.ts picks the template).
 */

export type Fact = { title: string; value: string };

/** A message at the top of a card: the result of an action, or why nothing changed. */
export type CardNotice = { tone: "fout" | "let-op" | "goed" | "info"; text: string; lines?: string[] };

export type ReminderKind = "herinnering" | "later" | "stand";

/** What the decaan's and the mentor's card both show: figures, forecast and the campaign step. */
export type DddCardBase = {
  schoolYear: string;
  figures: DddFigures | null;
  /** Version of the snapshot the card shows (0: none yet); sent back by its buttons. */
  version: number;
  /** Where the figures come from: "import van maandag 15 maart". */
  sourceLabel: string | null;
  forecast: Forecast;
  plan: CampaignPlan;
  today: IsoDate;
  /** A dossier's way to the deadline as of today: the plan's chain, or the fastest way still open. */
  route: DossierRoute;
  kind: ReminderKind;
  step: CampaignStep | null;
  /** The target's first message of the campaign: it explains the way to the deadline whatever the step. */
  firstMessage?: boolean;
  greetingName: string | null;
  change: { since: IsoDate; delta: number } | null;
  canAskHelp: boolean;
  notice?: CardNotice;
  contact: string;
};

export type DecaanCardInput = DddCardBase & {
  school: { id: number; naam: string; brin: string };
  groups: { mentorGroup: string; figures: DddFigures | null; acknowledged: boolean }[];
  inBeeldNorm: number;
  canEdit: boolean;
  /** Only on reminders: how many snoozes are left for this step. */
  snoozesLeft: number | null;
  /** The figures as typed, to show again after a refused update. */
  form?: { values: Partial<Record<DddFigureField, unknown>>; open: boolean };
};

export type MentorCardInput = DddCardBase & {
  school: { id: number; naam: string };
  mentorGroup: string;
  /** When the mentor last reported "Gedaan" (and no newer figures arrived since). */
  acknowledgedOn: IsoDate | null;
  canMarkDone: boolean;
};

/** The registration phase's message to a school's decanen (October to the kerstvakantie). */
export type RegistratieCardInput = {
  school: { id: number; naam: string };
  schoolYear: string;
  plan: CampaignPlan;
  step: RegistrationStep;
  /** The school's first message of the phase (else: the reminder to a school without any registration). */
  firstMessage: boolean;
  /** The registered counts, when the overstap system's figures arrived. */
  figures: DddFigures | null;
  sourceLabel: string | null;
  greetingName: string | null;
  canAskHelp: boolean;
  contact: string;
};

export type DankCardInput = {
  /** "Graaf Huyn Vmbo Geleen" or "groep 4A van Graaf Huyn Vmbo Geleen". */
  subject: string;
  schoolYear: string;
  figures: DddFigures;
  greetingName: string | null;
  deadlineLabel: string;
  /** Complete by the deadline (on the deadline day itself too); after it the card does not say "op tijd". */
  onTime: boolean;
  contact: string;
};

export type OverzichtCardInput = {
  schoolYear: string;
  today: IsoDate;
  plan: CampaignPlan;
  normPercent: number;
  schools: { naam: string; subregio: string | null; figures: DddFigures | null; forecast: Forecast }[];
  contact: string;
};

export type VoorbeeldCardInput = {
  /** "donderdag 18 maart 08:15" */
  momentLabel: string;
  /** One or two Dutch sentences on what happens at that moment. */
  status: string;
  summary: Fact[];
  /** One line per school: what its decanen and mentors would get. */
  lines: Fact[];
  schoolYear: string;
  steps: Fact[];
};

/** One DDD card, as a service answers or sends it. */
export type DddCardView =
  | { kind: "decaan"; card: DecaanCardInput }
  | { kind: "mentor"; card: MentorCardInput }
  | { kind: "dank"; card: DankCardInput }
  | { kind: "registratie"; card: RegistratieCardInput }
  | { kind: "overzicht"; card: OverzichtCardInput }
  | { kind: "school-keuze"; typed: string; candidates: readonly { id: number; naam: string; brin: string }[]; verb: string; reason: string };

/** Renders a DDD card (src/cards/ddd-cards.ts; the reminder job hands it to the service). */
export type RenderDddCard = (view: DddCardView) => AdaptiveCard;
