import { DateTime } from "luxon";
import type { Fact, VoorbeeldCardInput } from "./views.js";
import { describeNonWorkingDay, toIsoDate } from "../../domain/calendar/index.js";
import { findStep, formatWeekdayDayMonth, plural, type PlannedItem, type ReminderPlan } from "../../domain/ddd/index.js";
import type { ProgressContext } from "./cards.js";
import { planDddReminders, resolveRecipients, type DddJobDeps } from "./reminders.js";

/**
 * "Who would get which reminder at that moment", for `voorbeeld herinneringen` in chat and
 * `aanjager preview ddd-reminders`. It asks the same planner as the job with the real sending
 * history, and sends nothing. Outside working time it also shows what the next working moment
 * would bring, since that is what the question usually means.
 */

export type PreviewItem = {
  school: string;
  brin: string;
  target: "decaan" | "mentor";
  mentorGroup: string | null;
  action: PlannedItem["action"];
  step: string | null;
  coveredSteps: string[];
  late: boolean;
  recipients: number;
  reason: string;
  escalation: { severity: string; reason: string } | null;
};

export type DddPreview = {
  at: string;
  schoolYear: string;
  /** The planner's status at the moment asked. */
  status: ReminderPlan["status"];
  /** When the items below would go out: the moment asked, or outside working time the next working moment. */
  plannedFor: string | null;
  nonWorkingReason: string | null;
  stepsToday: string[];
  counts: { herinnering: number; dank: number; later: number; stil: number; escalaties: number; ontvangers: number; alVerstuurdVandaag: number };
  items: PreviewItem[];
  steps: { id: string; title: string; day: string; sendDay: string }[];
  /** For the chat card. */
  card: VoorbeeldCardInput;
};

function toPreviewItems(pc: ProgressContext, plan: ReminderPlan): PreviewItem[] {
  const views = new Map(pc.views.map((v) => [v.school.id, v]));
  return plan.items.map((item) => {
    const view = views.get(item.schoolId)!;
    const group = item.mentorGroup ? (view.groups.find((g) => g.mentorGroup === item.mentorGroup) ?? null) : null;
    return {
      school: view.school.naam,
      brin: view.school.brin,
      target: item.mentorGroup ? "mentor" : "decaan",
      mentorGroup: item.mentorGroup,
      action: item.action,
      step: item.stepId,
      coveredSteps: item.coveredSteps,
      late: item.late,
      recipients: resolveRecipients(item, view, group).length,
      reason: item.reason,
      escalation: item.escalation ? { severity: item.escalation.severity, reason: item.escalation.reason } : null,
    };
  });
}

const ACTION_WORDS: Record<PlannedItem["action"], string> = { herinnering: "herinnering", dank: "klaar, dank je", later: "uitgestelde herinnering", stil: "niets (afgehandeld)" };

function describeSchoolLine(items: PreviewItem[], pc: ProgressContext): Fact {
  const parts: string[] = [];
  const school = items.find((i) => i.target === "decaan");
  if (school) {
    const step = findStep(pc.ctx.plan, school.step) ?? pc.ctx.plan.registration.steps.find((s) => s.id === school.step);
    const merged = school.action !== "herinnering" ? "" : school.coveredSteps.length > 1 ? `, ${school.coveredSteps.length} stappen samengevoegd` : school.late ? ", ingehaald" : "";
    parts.push(`decanen: ${ACTION_WORDS[school.action]}${school.action === "herinnering" && step ? ` "${step.title}"` : ""}${merged} (${plural(school.recipients, "ontvanger", "ontvangers")})`);
    if (school.escalation) parts.push(`escalatie ddd-achterstand (${school.escalation.severity})`);
  }
  const groups = items.filter((i) => i.target === "mentor");
  const byAction = new Map<string, PreviewItem[]>();
  for (const g of groups) byAction.set(g.action, [...(byAction.get(g.action) ?? []), g]);
  for (const [action, list] of byAction) {
    parts.push(`mentoren ${list.map((g) => g.mentorGroup).join(", ")}: ${ACTION_WORDS[action as PlannedItem["action"]]}${list.some((g) => g.recipients === 0) ? " (niet elke groep heeft een mentor)" : ""}`);
  }
  return { title: items[0]!.school, value: parts.join(" · ") };
}

function momentLabel(at: Date, zone: string): string {
  return `${formatWeekdayDayMonth(toIsoDate(at, zone))} ${DateTime.fromJSDate(at, { zone }).toFormat("HH:mm")}`;
}

export async function previewDddReminders(deps: Pick<DddJobDeps, "db" | "calendar" | "config">, at: Date): Promise<DddPreview> {
  const zone = deps.calendar.zone;
  let run = await planDddReminders(deps, at);
  const statusAtMoment = run.plan.status;
  const nonWorkingReason = describeNonWorkingDay(at, deps.calendar);
  let plannedFor: Date | null = run.plan.sendAt;
  let status = "";
  const { plan: campaign } = run.pc.ctx;
  if (run.plan.status === "geen-werkmoment") {
    const next = run.plan.nextSendMoment;
    const why = nonWorkingReason ? `${formatWeekdayDayMonth(toIsoDate(at, zone))} is geen werkdag (${nonWorkingReason})` : `${momentLabel(at, zone)} valt buiten kantoortijd`;
    status = `${why}: op dat moment gaat er niets uit. De eerstvolgende verzending is ${momentLabel(next, zone)}; hieronder staat wat er dan zou uitgaan.`;
    run = await planDddReminders(deps, next);
    plannedFor = run.plan.sendAt;
    if (run.plan.status !== "actief") status = `${why}; daarna ${run.plan.status === "na-deadline" ? "is de campagne voorbij" : "is de campagne nog niet begonnen"}.`;
  } else if (run.plan.status === "voor-start") {
    status = `Het DDD-jaar ${run.pc.ctx.schoolYear} begint op ${formatWeekdayDayMonth(campaign.registration.startDay)} met de vraag aan de decanen om de overstappers te registreren, de DDD-campagne op ${formatWeekdayDayMonth(campaign.startDay)}; vóór die dag gaat er niets uit.`;
  } else if (run.plan.status === "na-deadline") {
    status = `De deadline (${formatWeekdayDayMonth(campaign.deadlineDay)}) is voorbij: de campagne van ${run.pc.ctx.schoolYear} verstuurt niets meer.`;
  } else {
    const today = run.plan.stepsToday.map((s) => `"${s.title}"`);
    status = today.length > 0 ? `Stap van deze dag: ${today.join(" en ")}.` : "Op deze dag valt geen nieuwe stap; alleen ingehaalde stappen, bedankjes en uitgestelde herinneringen gaan uit.";
  }
  const items = toPreviewItems(run.pc, run.plan);
  const counts = {
    herinnering: items.filter((i) => i.action === "herinnering").length,
    dank: items.filter((i) => i.action === "dank").length,
    later: items.filter((i) => i.action === "later").length,
    stil: items.filter((i) => i.action === "stil").length,
    escalaties: items.filter((i) => i.escalation).length,
    ontvangers: items.filter((i) => i.action !== "stil").reduce((n, i) => n + i.recipients, 0),
    alVerstuurdVandaag: run.plan.alreadyToday.length,
  };
  const bySchool = new Map<string, PreviewItem[]>();
  for (const item of items) bySchool.set(item.brin, [...(bySchool.get(item.brin) ?? []), item]);
  const lines = [...bySchool.values()].filter((list) => list.some((i) => i.action !== "stil")).map((list) => describeSchoolLine(list, run.pc));
  // The registration phase's messages first, then the campaign's steps: the whole run-up to the deadline.
  const steps = [...campaign.registration.steps.map((s) => ({ id: s.id, title: s.title, day: s.sendDay, sendDay: s.sendDay })), ...campaign.steps.map((s) => ({ id: s.id, title: s.title, day: s.scheduledDay, sendDay: s.sendDay }))];
  return {
    at: at.toISOString(),
    schoolYear: run.pc.ctx.schoolYear,
    status: statusAtMoment,
    plannedFor: plannedFor ? plannedFor.toISOString() : null,
    nonWorkingReason,
    stepsToday: run.plan.stepsToday.map((s) => s.id),
    counts,
    items,
    steps,
    card: {
      momentLabel: momentLabel(at, zone),
      status,
      summary: [
        { title: "Herinneringen", value: `${counts.herinnering} (aan decanen en mentorgroepen)` },
        { title: "Klaar, dank je", value: String(counts.dank) },
        { title: "Uitgesteld", value: String(counts.later) },
        { title: "Ontvangers", value: String(counts.ontvangers) },
        { title: "Escalaties", value: String(counts.escalaties) },
        ...(counts.alVerstuurdVandaag > 0 ? [{ title: "Al gehad die dag", value: String(counts.alVerstuurdVandaag) }] : []),
      ],
      lines,
      schoolYear: run.pc.ctx.schoolYear,
      steps: steps.map((s) => ({
        title: s.title,
        value: `${formatWeekdayDayMonth(s.sendDay)}${s.sendDay !== s.day ? ` (gepland ${formatWeekdayDayMonth(s.day)}, verschoven naar een werkdag)` : ""}`,
      })),
    },
  };
}
