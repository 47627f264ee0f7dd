import {
  completionRatio,
  DDD_FIGURE_FIELDS,
  DDD_FIGURE_LABELS,
  describeOpenDossiers,
  formatPercent,
  formatWeekdayDayMonth,
  plural,
} from "../domain/ddd/index.js";
import {
  describeCardSubtitle,
  describeChange,
  describeDeadlineDistance,
  describeForecastLines,
  describeLeadTimes,
  noticeStyle,
  showsLeadTimes,
  type Fact,
} from "./ddd-card-parts.js";
import { renderCard, type AdaptiveCard } from "./render-card.js";
import type { DecaanCardInput } from "../services/ddd/views.js";
export type { DecaanCardInput };


export type DecaanCardData = ReturnType<typeof buildDecaanCardData>;

const MAX_GROUP_LINES = 8;
/** A refused value is shown back as typed, cut to this length (a pasted paragraph is not a count). */
const MAX_TYPED_SHOWN = 20;
/**
 * The client-side check of a count: digits only. The inputs are text inputs because a number box
 * in Teams silently clamps "-3" to its minimum and drops what it cannot parse; the server
 * (parseCount) checks everything again and explains a refusal on the card.
 */
const COUNT_PATTERN = "^\\s*\\d+\\s*$";

function describeGroup(g: DecaanCardInput["groups"][number]): Fact {
  const status = g.figures ? `${g.figures.afgerond} van ${g.figures.overstappers} (${formatPercent(completionRatio(g.figures))})` : "nog geen cijfers";
  return { title: `Groep ${g.mentorGroup}`, value: g.acknowledged ? `${status} · mentor meldt: gedaan` : status };
}

/** What the input shows: the stored count, or the text typed before a refused save, as typed. */
function toInputText(raw: unknown): string {
  if (typeof raw === "number") return String(raw);
  return typeof raw === "string" ? raw.slice(0, MAX_TYPED_SHOWN) : "";
}

export function buildDecaanCardData(input: DecaanCardInput) {
  const { figures, forecast, plan, today, step } = input;
  const open = figures ? describeOpenDossiers(figures) : null;
  const hasFigures = figures !== null && figures.overstappers > 0;
  const lagging = input.groups
    .filter((g) => !g.figures || g.figures.afgerond < g.figures.overstappers)
    .sort((a, b) => (completionRatio(a.figures ?? { overstappers: 1, afgerond: 0 }) ?? 1) - (completionRatio(b.figures ?? { overstappers: 1, afgerond: 0 }) ?? 1));
  const help = input.canAskHelp ? "Het projectteam denkt mee: kies Hulp vragen." : `Het projectteam denkt mee: ${input.contact}.`;
  const leadTime = showsLeadTimes(step, input.firstMessage, forecast)
    ? describeLeadTimes(plan, input.route, today, open?.nietGestart ?? null, help)
    : { leadTimeTitle: "", leadTimeIntro: "", leadTimes: [] };
  const greeting = input.greetingName ? `Hallo ${input.greetingName}, ` : "";
  const intro =
    input.kind === "stand"
      ? ""
      : step?.at.kind === "deadline"
        ? today === plan.deadlineDay
          ? `${greeting}vandaag moeten alle digitale doorstroomdossiers van ${input.school.naam} gevuld en aangeleverd zijn aan het mbo. Dit is de laatste herinnering.`
          : `${greeting}uiterlijk ${formatWeekdayDayMonth(plan.deadlineDay)} moeten alle digitale doorstroomdossiers van ${input.school.naam} gevuld en aangeleverd zijn aan het mbo, en vandaag is de laatste werkdag daarvoor. Dit is de laatste herinnering.`
        : `${greeting}uiterlijk ${plan.deadlineLabel} (de aanmelddatum) moeten alle digitale doorstroomdossiers van ${input.school.naam} gevuld en aangeleverd zijn aan het mbo. Zo staat het ervoor.`;
  const values = input.form?.values ?? {};
  const snoozesLeft = input.snoozesLeft ?? 0;
  return {
    title: `DDD-voortgang ${input.school.naam}`,
    subtitle: describeCardSubtitle(input.kind, step, today, input.schoolYear),
    hasNotice: input.notice !== undefined,
    notice: input.notice?.text ?? "",
    noticeStyle: noticeStyle(input.notice),
    noticeLines: (input.notice?.lines ?? []).map((text) => ({ text })),
    hasIntro: intro !== "",
    intro,
    progressLine: hasFigures
      ? `${figures!.afgerond} van ${figures!.overstappers} dossiers afgerond en aangeleverd (${formatPercent(completionRatio(figures!))})`
      : figures
        ? "Deze school heeft dit schooljaar geen overstappers."
        : "Er zijn nog geen DDD-cijfers van deze school.",
    normLine: `Norm ${input.schoolYear}: ${forecast.normPercent} %${open && hasFigures ? ` · nog ${plural(open.open, "dossier", "dossiers")} open` : ""} · ${describeDeadlineDistance(plan, today, forecast.workingDaysLeft)}`,
    hasFigures,
    facts: hasFigures
      ? ([
          { title: "Overstappers", value: String(figures!.overstappers) },
          { title: "Gestart (deel A)", value: String(figures!.gestart) },
          { title: "Deel B klaar", value: String(figures!.deelB) },
          { title: "Afgerond en aangeleverd", value: String(figures!.afgerond) },
          { title: "In beeld (vervolgkeuze)", value: `${figures!.inBeeld} (${formatPercent(figures!.inBeeld / figures!.overstappers)}, norm ${input.inBeeldNorm} %)` },
        ] satisfies Fact[])
      : [],
    ...describeChange(input.change),
    ...describeForecastLines(forecast, plan, "jullie school", input.canEdit),
    hasGroups: lagging.length > 0 && forecast.status !== "klaar",
    groupsTitle: lagging.length === 1 ? "Mentorgroep die achterloopt" : "Mentorgroepen die achterlopen",
    groups: [
      ...lagging.slice(0, MAX_GROUP_LINES).map(describeGroup),
      ...(lagging.length > MAX_GROUP_LINES ? [{ title: "…", value: `en nog ${lagging.length - MAX_GROUP_LINES} groepen` }] : []),
    ],
    hasLeadTime: leadTime.leadTimes.length > 0,
    deadlineLabel: plan.deadlineLabel,
    ...leadTime,
    canEdit: input.canEdit,
    formOpen: input.form?.open ?? false,
    formHint:
      "De aantallen van de hele school, tellend: wie deel B klaar heeft, telt ook mee bij gestart, en een afgerond dossier ook bij deel B. De volgende import uit het overstapsysteem komt hier als nieuwe stand overheen.",
    formFields: DDD_FIGURE_FIELDS.map((field) => ({
      id: field,
      label: `${DDD_FIGURE_LABELS[field].charAt(0).toUpperCase()}${DDD_FIGURE_LABELS[field].slice(1)}`,
      value: toInputText(field in values ? values[field] : figures?.[field]),
      regex: COUNT_PATTERN,
      errorMessage: "Vul een heel aantal in, alleen cijfers: 0 of meer, zonder punt of komma (dus 1000, niet 1.000).",
    })),
    saveData: { schoolId: input.school.id, version: input.version, stepId: step?.id ?? "" },
    canAskHelp: input.canAskHelp,
    helpData: { schoolId: input.school.id, mentorGroup: "", stepId: step?.id ?? "" },
    canSnooze: input.snoozesLeft !== null && snoozesLeft > 0 && step !== null && forecast.status !== "klaar",
    snoozeTitle: snoozesLeft === 1 ? "Later herinneren (laatste keer)" : "Later herinneren",
    snoozeData: { schoolId: input.school.id, stepId: step?.id ?? "" },
    footer: `${input.sourceLabel ? `Cijfers: ${input.sourceLabel}. ` : ""}Alleen aantallen, geen leerlinggegevens. Vragen? ${input.contact}`,
  };
}

export function renderDecaanCard(input: DecaanCardInput): AdaptiveCard {
  return renderCard("ddd-decaan", buildDecaanCardData(input));
}
