import type { FormField, FormValue } from "../domain/meetmomenten/form.js";
import { formatFormValue, toInputValue } from "../domain/meetmomenten/form.js";
import { renderCard, type AdaptiveCard } from "./render-card.js";

/**
 * The meetmoment cards: the form (generated from the activity's KPIs through FormField), the
 * read-only summary with `Wijzigen`, the list of open rounds (`cijfers`) and the "binnenkort"
 * notice. Every action carries the same envelope (round, activity, school year), which the card
 * action router checks before a handler looks at the inputs.
 */
export type MeetmomentEnvelope = { roundId: number; activityId: string; schoolYear: string; party?: string };
/** The envelope as the card template gets it: `party` always set ("" outside per-party rounds), so no `${party}` is left unexpanded. */
type CardEnvelope = Required<MeetmomentEnvelope>;

export type NoticeStyle = "good" | "warning" | "attention" | "accent";

export type FormRow = {
  field: FormField;
  /** "Norm: 97 % (streefwaarde 2019-2020)" or the catalogue's own words. */
  norm: string;
  /** "Vorige meting (november 2025): 96,5 %" or "Vorige meting: nog geen". */
  previous: string;
  /** What the input shows: the stored value, or the text typed before a rejected save (as typed). */
  value?: FormValue;
  /** Why the typed value was refused, shown under the input. */
  error?: string;
};

export type FormCardInput = {
  envelope: MeetmomentEnvelope;
  activityName: string;
  periodLabel: string;
  /** The school year the figures describe ("2025-2026"); empty for rounds from before it was stored. */
  describes?: string;
  /** The party whose figures these are, in a per-party round. */
  partyLabel?: string;
  /** "maandag 16 november 2026": the last day to submit or correct. */
  lastDayLabel: string;
  statusLabel: string;
  /** A correction of a submitted round: "Correctie indienen" and "Annuleren", no drafts. */
  correcting: boolean;
  rows: readonly FormRow[];
  notice?: { text: string; style: NoticeStyle };
  errors?: readonly string[];
  intro?: string;
};

export type FormCardData = {
  hasNotice: boolean;
  notice: string;
  noticeStyle: NoticeStyle;
  title: string;
  intro: string;
  facts: { title: string; value: string }[];
  hasErrors: boolean;
  errorIntro: string;
  errors: { text: string }[];
  fields: {
    inputId: string;
    label: string;
    showNumber: boolean;
    showText: boolean;
    isRequired: boolean;
    maxLength: number;
    regex: string;
    placeholder: string;
    errorMessage: string;
    value: string;
    hint: string;
    hasError: boolean;
    error: string;
  }[];
  footer: string;
  submitTitle: string;
  canDraft: boolean;
  canCancel: boolean;
} & CardEnvelope;

const MAX_ERRORS_LISTED = 8;
const UNIT_HINTS = { count: "Aantal (heel getal)", percentage: "Percentage (0-100)", text: "Toelichting" } as const;

export function buildFormCardData(input: FormCardInput): FormCardData {
  const errors = input.errors ?? [];
  return {
    hasNotice: Boolean(input.notice),
    notice: input.notice?.text ?? "",
    noticeStyle: input.notice?.style ?? "good",
    title: buildRoundTitle(input),
    intro:
      input.intro ??
      (input.correcting
        ? "Pas de cijfers aan en dien de correctie in. De vorige waarden blijven bewaard in de geschiedenis."
        : "Vul de cijfers van deze activiteit in. Met **Concept opslaan** bewaar je wat je al weet; pas met **Indienen** zijn ze doorgegeven."),
    facts: [
      { title: "Periode", value: input.periodLabel },
      ...(input.describes ? [{ title: "Cijfers over", value: `schooljaar ${input.describes}` }] : []),
      ...(input.partyLabel ? [{ title: "Cijfers van", value: input.partyLabel }] : []),
      { title: "Invullen tot en met", value: input.lastDayLabel },
      { title: "Status", value: input.statusLabel },
    ],
    hasErrors: errors.length > 0,
    errorIntro: "Er is niets opgeslagen. Verbeter dit en probeer het opnieuw:",
    errors: [
      ...errors.slice(0, MAX_ERRORS_LISTED).map((text) => ({ text })),
      ...(errors.length > MAX_ERRORS_LISTED ? [{ text: `en nog ${errors.length - MAX_ERRORS_LISTED} andere, bij de velden zelf` }] : []),
    ],
    fields: input.rows.map((row) => {
      const f = row.field;
      const value = row.value;
      const numeric = f.input === "number";
      return {
        inputId: f.inputId,
        label: f.label,
        showNumber: numeric,
        showText: !numeric,
        // Only a correction requires every field in the client: the first form also offers
        // "Concept opslaan", and a client blocks every button of a card while a required input
        // is empty. The server requires every field on "Indienen" either way.
        isRequired: input.correcting,
        maxLength: f.maxLength ?? 0,
        regex: f.regex ?? "",
        placeholder: f.placeholder,
        errorMessage: f.errorMessage,
        value: toInputValue(value),
        hint: [UNIT_HINTS[f.unit], row.norm, row.previous].filter(Boolean).join(" · "),
        hasError: Boolean(row.error),
        error: row.error ?? "",
      };
    }),
    footer: "Alleen de eigenaar van de activiteit en het projectteam kunnen deze cijfers doorgeven. Vul alleen aantallen en percentages in, nooit namen of gegevens van leerlingen.",
    submitTitle: input.correcting ? "Correctie indienen" : "Indienen",
    canDraft: !input.correcting,
    canCancel: input.correcting,
    ...input.envelope,
    party: input.envelope.party ?? "",
  };
}

/** "Meetmoment november 2026 (schooljaar 2025-2026): DDD": the period asked and the school year the figures are about. */
function buildRoundTitle(input: { periodLabel: string; describes?: string; activityName: string }): string {
  return `Meetmoment ${input.periodLabel}${input.describes ? ` (schooljaar ${input.describes})` : ""}: ${input.activityName}`;
}

export function renderFormCard(data: FormCardData): AdaptiveCard {
  return renderCard("meetmoment-form", data);
}

/** `corrections`: how often a submitted value was corrected; `lastChange`: when the shown value was saved. */
export type SummaryRow = { label: string; unit: FormField["unit"]; value: FormValue | undefined; norm: string; previous: string; corrections: number; lastChange: string | null };

export type SummaryCardInput = {
  envelope: MeetmomentEnvelope;
  activityName: string;
  periodLabel: string;
  describes?: string;
  partyLabel?: string;
  /** Per-party rounds: "2 van 3 partijen (nog niet: ...)". */
  reportedLine?: string;
  statusLabel: string;
  submittedLine: string;
  /** "Corrigeren kan tot en met ..." or why it no longer can. */
  editLine: string;
  canEdit: boolean;
  rows: readonly SummaryRow[];
  /** Per-party rounds: the region's figures so far, shown after the party's own. */
  regionRows?: readonly { label: string; value: string; detail: string }[];
  notice?: { text: string; style: NoticeStyle };
};

export type SummaryCardData = {
  hasNotice: boolean;
  notice: string;
  noticeStyle: NoticeStyle;
  title: string;
  intro: string;
  facts: { title: string; value: string }[];
  rows: { label: string; value: string; detail: string }[];
  footer: string;
  canEdit: boolean;
} & CardEnvelope;

export function buildSummaryCardData(input: SummaryCardInput): SummaryCardData {
  return {
    hasNotice: Boolean(input.notice),
    notice: input.notice?.text ?? "",
    noticeStyle: input.notice?.style ?? "good",
    title: buildRoundTitle(input),
    intro: input.submittedLine,
    facts: [
      { title: "Periode", value: input.periodLabel },
      ...(input.describes ? [{ title: "Cijfers over", value: `schooljaar ${input.describes}` }] : []),
      ...(input.partyLabel ? [{ title: "Cijfers van", value: input.partyLabel }] : []),
      { title: "Status", value: input.statusLabel },
      ...(input.reportedLine ? [{ title: "Gemeld", value: input.reportedLine }] : []),
    ],
    rows: input.rows.map((row) => ({
      label: row.label,
      value: row.value === undefined ? "niet ingevuld" : formatFormValue(row.unit, row.value),
      detail: [row.norm, row.previous, row.corrections > 0 && row.lastChange ? `${row.corrections}× gecorrigeerd, laatst op ${row.lastChange}` : null].filter(Boolean).join(" · "),
    })).concat(input.regionRows ?? []),
    footer: input.editLine,
    canEdit: input.canEdit,
    ...input.envelope,
    party: input.envelope.party ?? "",
  };
}

export function renderSummaryCard(data: SummaryCardData): AdaptiveCard {
  return renderCard("meetmoment-summary", data);
}

export type RoundListItem = MeetmomentEnvelope & { activityName: string; periodLabel: string; statusLabel: string; lastDayLabel: string; submitted: boolean };

export type RoundListCardData = {
  title: string;
  intro: string;
  hasRounds: boolean;
  rounds: ({ heading: string; detail: string; buttonTitle: string } & CardEnvelope)[];
  emptyText: string;
  hasMore: boolean;
  moreText: string;
  footer: string;
};

/** Teams refuses cards over 28 KB; each round takes about 0.6 KB. */
export const MAX_ROUNDS_ON_LIST = 25;

export function buildRoundListCardData(items: readonly RoundListItem[], options: { scope: "eigen" | "alle"; nextLine?: string }): RoundListCardData {
  const shown = items.slice(0, MAX_ROUNDS_ON_LIST);
  const hidden = items.length - shown.length;
  return {
    title: options.scope === "eigen" ? "Jouw openstaande meetmomenten" : "Openstaande meetmomenten",
    intro:
      options.scope === "eigen"
        ? "Dit zijn de meetmomenten van jouw activiteiten die nu openstaan. Kies er een om de cijfers in te vullen of te bekijken."
        : "Alle meetmomenten die nu openstaan, het eerst sluitende bovenaan.",
    hasRounds: shown.length > 0,
    rounds: shown.map((r) => ({
      heading: `${r.activityName}: ${r.periodLabel}`,
      detail: `${r.statusLabel} · invullen tot en met ${r.lastDayLabel}`,
      buttonTitle: r.submitted ? "Bekijken" : "Invullen",
      roundId: r.roundId,
      activityId: r.activityId,
      schoolYear: r.schoolYear,
      party: r.party ?? "",
    })),
    emptyText: `Er staat nu geen meetmoment open.${options.nextLine ? ` ${options.nextLine}` : ""}`,
    hasMore: hidden > 0,
    moreText: `En nog ${hidden} die niet op deze kaart passen: typ **cijfers** met de activiteit erachter voor één activiteit.`,
    footer: "Typ **cijfers** met de activiteit erachter (bijvoorbeeld **cijfers ddd**) om direct het formulier van één activiteit te krijgen.",
  };
}

export function renderRoundListCard(data: RoundListCardData): AdaptiveCard {
  return renderCard("meetmoment-list", data);
}

export type NoticeCardData = { title: string; text: string; kpiIntro: string; kpis: { name: string }[]; footer: string };

export function buildAnnouncementCardData(input: { activityName: string; periodLabel: string; openDayLabel: string; kpiNames: readonly string[]; contact: string }): NoticeCardData {
  return {
    title: `Binnenkort: meetmoment ${input.periodLabel} van ${input.activityName}`,
    text: `Op ${input.openDayLabel} vraagt Aanjager je de cijfers van ${input.activityName} over ${input.periodLabel}. Je krijgt dan een formulier in deze chat. Klopt de eigenaar nog? Ben jij niet (meer) de eigenaar van deze activiteit, laat het dan weten aan het ${input.contact}.`,
    kpiIntro: input.kpiNames.length > 0 ? "Dit wordt gevraagd:" : "Voor deze activiteit zijn geen KPI's vastgelegd; het projectteam neemt contact met je op.",
    kpis: input.kpiNames.map((name) => ({ name })),
    footer: "Alvast verzamelen scheelt werk: het formulier vraagt per KPI één waarde (aantallen en percentages, geen leerlinggegevens).",
  };
}

export function renderNoticeCard(data: NoticeCardData): AdaptiveCard {
  return renderCard("meetmoment-notice", data);
}
