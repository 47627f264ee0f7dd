import type { RoundRecord } from "../db/meetmomenten.js";
import type { AdaptiveCard } from "../domain/adaptive-card.js";
import { formatDutchDateTime } from "../domain/dutch-date.js";
import { formatFormValue, type FormValue } from "../domain/meetmomenten/form.js";
import { describeDay } from "../domain/meetmomenten/match.js";
import { isRoundClosed, readMeasurementValue } from "../domain/meetmomenten/round.js";
import type { FormState, KpiView, MeetmomentMessageView, RoundCardView, RoundNotice, RoundView } from "../services/meetmomenten/round-view.js";
import { buildAnnouncementCardData, buildFormCardData, buildSummaryCardData, renderFormCard, renderNoticeCard, renderSummaryCard, type FormRow, type MeetmomentEnvelope } from "./meetmoment-cards.js";

/** A refused number is shown back as typed, cut to this length (a pasted paragraph is not a number). */
const MAX_TYPED_NUMBER_SHOWN = 20;

// A round's cards, from the view the meetmomenten services return (src/services/meetmomenten/
// round-view.ts): the card actions and chat render them in their answer, the job through the
// renderer it hands to the service, which enqueues inside its transaction.

export function describeNorm(kpi: KpiView): string {
  if (kpi.target) {
    const value = formatFormValue(kpi.unit, kpi.target.value);
    return kpi.target.defaulted ? `Norm: ${value} (streefwaarde ${kpi.target.schoolYear})` : `Norm: ${value}`;
  }
  if (kpi.targetText) return `Norm: ${kpi.targetText}`;
  return "Geen norm vastgelegd";
}

export function describePrevious(view: RoundView, kpi: KpiView): string {
  const previous = view.previous.get(kpi.id);
  return previous ? `Vorige meting (${previous.periodLabel}): ${formatFormValue(kpi.unit, previous.value)}` : "Vorige meting: nog geen";
}


export function describeStatus(view: RoundView, now: Date): string {
  const { round } = view;
  const drafts = [...view.latest.values()].filter((m) => m.status === "concept" && readMeasurementValue(m) !== undefined).length;
  if (view.submittedAt) return `ingediend op ${formatDutchDateTime(view.submittedAt)}${isRoundClosed(round, now) ? ", gesloten" : ""}`;
  if (round.activity.figuresPer && !view.party) return isRoundClosed(round, now) ? "gesloten" : "open: elke partij geeft haar eigen cijfers door";
  if (isRoundClosed(round, now)) return "gesloten, niet ingediend";
  if (drafts > 0) return `concept opgeslagen (${drafts} van ${view.kpis.length} ingevuld), nog niet ingediend`;
  return "nog niet ingevuld";
}

export function envelopeOf(round: RoundRecord, party: { key: string } | null = null): MeetmomentEnvelope {
  return { roundId: round.id, activityId: round.activityId, schoolYear: round.schoolYear, party: party?.key ?? "" };
}

/** "2 van 3 partijen (nog niet: Parkstad)": who reported in a per-party round. */
export function describeReported(view: RoundView): string | undefined {
  if (view.parties.length === 0) return undefined;
  const missing = view.parties.filter((p) => !p.submitted).map((p) => p.label);
  const count = view.parties.length - missing.length;
  return `${count} van ${view.parties.length} ${view.parties.length === 1 ? "partij" : "partijen"}${missing.length > 0 ? ` (nog niet: ${missing.join(", ")})` : ""}`;
}

/** The region rows of a per-party round: per numeric KPI the total so far, and who reported it. */
function listRegionRows(view: RoundView): { label: string; value: string; detail: string }[] {
  return view.kpis.flatMap((kpi) => {
    const total = view.regionTotals.get(kpi.id);
    if (!total) return [];
    return [{
      label: `Regio: ${kpi.name}`,
      value: total.total === null ? "nog geen cijfers" : `${formatFormValue(kpi.unit, total.total)} (${total.kind === "som" ? "totaal" : "gemiddelde van de partijen"})`,
      detail: [total.reported.length > 0 ? `gemeld door ${total.reported.join(", ")}` : null, total.missing.length > 0 ? `nog niet: ${total.missing.join(", ")}` : "alle partijen hebben gemeld"].filter(Boolean).join(" · "),
    }];
  });
}

export function renderRoundForm(view: RoundView, now: Date, state: FormState = {}): AdaptiveCard {
  const rows: FormRow[] = view.kpis.map((kpi) => {
    const stored = view.latest.get(kpi.id);
    const typed = state.typed?.[kpi.field.inputId];
    let value: FormValue | undefined = stored ? readMeasurementValue(stored) : undefined;
    if (state.typed) {
      // Show exactly what was typed (the inputs are text inputs), so the error under it reads against it.
      value = typeof typed === "string" ? typed.slice(0, kpi.field.maxLength ?? MAX_TYPED_NUMBER_SHOWN) : typeof typed === "number" ? typed : undefined;
    }
    const error = state.fieldErrors?.get(kpi.field.inputId);
    return { field: kpi.field, norm: describeNorm(kpi), previous: describePrevious(view, kpi), value, ...(error ? { error } : {}) };
  });
  return renderFormCard(
    buildFormCardData({
      envelope: envelopeOf(view.round, view.party),
      activityName: view.round.activity.naam,
      periodLabel: view.round.periodLabel,
      describes: view.round.describes,
      ...(view.party ? { partyLabel: view.party.label } : {}),
      lastDayLabel: describeDay(view.lastDay),
      statusLabel: describeStatus(view, now),
      correcting: Boolean(state.correcting),
      rows,
      ...(state.notice ? { notice: state.notice } : {}),
      ...(state.errors ? { errors: state.errors } : {}),
      ...(view.kpis.length === 0 ? { intro: "Voor deze activiteit zijn geen KPI's vastgelegd. Dien in om te melden dat er niets te meten was, of neem contact op met het projectteam." } : {}),
    }),
  );
}

export function renderRoundSummary(view: RoundView, now: Date, notice?: RoundNotice): AdaptiveCard {
  const { round } = view;
  const closed = isRoundClosed(round, now);
  const lastSubmitter = [...view.latest.values()].sort((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime())[0];
  return renderSummaryCard(
    buildSummaryCardData({
      envelope: envelopeOf(round, view.party),
      activityName: round.activity.naam,
      periodLabel: round.periodLabel,
      describes: round.describes,
      ...(view.party ? { partyLabel: view.party.label } : {}),
      ...(view.parties.length > 0 ? { reportedLine: describeReported(view)! } : {}),
      statusLabel: describeStatus(view, now),
      submittedLine: view.submittedAt
        ? `Ingediend${lastSubmitter?.personName ? `, laatst gewijzigd door ${lastSubmitter.personName}` : ""} op ${formatDutchDateTime(lastSubmitter?.recordedAt ?? view.submittedAt)}.`
        : round.activity.figuresPer && !view.party
          ? "Elke partij geeft haar eigen cijfers door; hieronder de stand van de regio."
          : "Deze cijfers zijn (nog) niet ingediend.",
      editLine: closed
        ? "Dit meetmoment is gesloten: de cijfers kunnen niet meer worden gewijzigd. Vragen? Neem contact op met het projectteam."
        : `Klopt er iets niet? Met **Wijzigen** corrigeer je tot en met ${describeDay(view.lastDay)}; de vorige waarden blijven bewaard.`,
      canEdit: !closed && !(round.activity.figuresPer && !view.party),
      regionRows: listRegionRows(view),
      rows: (round.activity.figuresPer && !view.party ? [] : view.kpis).map((kpi) => {
        const latest = view.latest.get(kpi.id);
        return {
          label: kpi.name,
          unit: kpi.unit,
          value: latest ? readMeasurementValue(latest) : undefined,
          norm: describeNorm(kpi),
          previous: describePrevious(view, kpi),
          corrections: Math.max(0, (view.submittedCount.get(kpi.id) ?? 0) - 1),
          lastChange: latest ? formatDutchDateTime(latest.recordedAt) : null,
        };
      }),
      ...(notice ? { notice } : {}),
    }),
  );
}

/** A round's card as the meetmomenten services return it. */
export function renderRoundCardView(card: RoundCardView): AdaptiveCard {
  return card.kind === "form" ? renderRoundForm(card.view, card.now, card.state) : renderRoundSummary(card.view, card.now, card.notice);
}

/** What the meetmomenten job sends: an announcement, or a round's card. */
export function renderMeetmomentMessage(message: MeetmomentMessageView): AdaptiveCard {
  if (message.kind === "announcement") return renderNoticeCard(buildAnnouncementCardData(message.announcement));
  return renderRoundCardView(message);
}
