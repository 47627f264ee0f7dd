import { completionRatio, describeOpenDossiers, formatDayMonth, formatPercent, plural } from "../domain/ddd/index.js";
import {
  describeCardSubtitle,
  describeChange,
  describeDeadlineDistance,
  describeForecastLines,
  describeLeadTimes,
  noticeStyle,
  showsLeadTimes,
} from "./ddd-card-parts.js";
import { renderCard, type AdaptiveCard } from "./render-card.js";
import type { MentorCardInput } from "../services/ddd/views.js";
export type { MentorCardInput };


export type MentorCardData = ReturnType<typeof buildMentorCardData>;

export function buildMentorCardData(input: MentorCardInput) {
  const { figures, forecast, plan, today, step } = input;
  const open = figures ? describeOpenDossiers(figures) : null;
  const hasFigures = figures !== null && figures.overstappers > 0;
  const group = `groep ${input.mentorGroup}`;
  const greeting = input.greetingName ? `Hallo ${input.greetingName}, ` : "";
  const intro =
    input.kind === "stand"
      ? ""
      : hasFigures && open!.open > 0
        ? `${greeting}van ${group} ${open!.open === 1 ? "staat" : "staan"} nog ${plural(open!.open, "dossier", "dossiers")} open. Deel B is jouw deel: hoe eerder dat klaar is, hoe eerder de decaan kan afronden en aanleveren, uiterlijk ${plan.deadlineLabel}.`
        : `${greeting}uiterlijk ${plan.deadlineLabel} (de aanmelddatum) moeten alle digitale doorstroomdossiers van ${group} gevuld en aangeleverd zijn aan het mbo.`;
  const help = input.canAskHelp ? "Het projectteam denkt mee: kies Hulp vragen." : `Het projectteam denkt mee: ${input.contact}.`;
  const leadTime = showsLeadTimes(step, input.firstMessage, forecast)
    ? describeLeadTimes(plan, input.route, today, open?.nietGestart ?? null, help)
    : { leadTimeTitle: "", leadTimeIntro: "", leadTimes: [] };
  return {
    title: `DDD-voortgang ${group}`,
    subtitle: `${input.school.naam} · ${describeCardSubtitle(input.kind, step, today, input.schoolYear)}`,
    hasNotice: input.notice !== undefined || input.acknowledgedOn !== null,
    notice:
      input.notice?.text ??
      (input.acknowledgedOn ? `Je hebt op ${formatDayMonth(input.acknowledgedOn)} gemeld dat je klaar bent. Zodra de nieuwe cijfers binnen zijn, zie je ze hier.` : ""),
    noticeStyle: noticeStyle(input.notice ?? (input.acknowledgedOn ? { tone: "goed", text: "" } : undefined)),
    hasIntro: intro !== "",
    intro,
    progressLine: hasFigures
      ? `${figures!.afgerond} van ${figures!.overstappers} dossiers van ${group} afgerond (${formatPercent(completionRatio(figures!))})`
      : figures
        ? `${group.charAt(0).toUpperCase()}${group.slice(1)} heeft dit schooljaar geen overstappers.`
        : `Er zijn nog geen DDD-cijfers van ${group}.`,
    hasOpen: hasFigures && open!.open > 0,
    openFacts: open
      ? [
          { title: "Nog niet aan deel A begonnen", value: String(open.nietGestart) },
          { title: "Deel A bezig, deel B nog te doen", value: String(open.wachtOpDeelB) },
          { title: "Wacht op akkoord of aanlevering", value: String(open.wachtOpAfronding) },
          { title: "Tijd", value: describeDeadlineDistance(plan, today, forecast.workingDaysLeft) },
        ]
      : [],
    ...describeChange(input.change),
    ...describeForecastLines(forecast, plan, group, false),
    hasLeadTime: leadTime.leadTimes.length > 0,
    deadlineLabel: plan.deadlineLabel,
    ...leadTime,
    canMarkDone: input.canMarkDone && input.acknowledgedOn === null && forecast.status !== "klaar",
    doneData: { schoolId: input.school.id, mentorGroup: input.mentorGroup, version: input.version, stepId: step?.id ?? "" },
    canAskHelp: input.canAskHelp,
    helpData: { schoolId: input.school.id, mentorGroup: input.mentorGroup, stepId: step?.id ?? "" },
    footer: `${input.sourceLabel ? `Cijfers: ${input.sourceLabel}. ` : ""}Alleen aantallen, geen leerlinggegevens. "Gedaan" betekent: mijn deel voor deze groep is klaar. Vragen? ${input.contact}`,
  };
}

export function renderMentorCard(input: MentorCardInput): AdaptiveCard {
  return renderCard("ddd-mentor", buildMentorCardData(input));
}
