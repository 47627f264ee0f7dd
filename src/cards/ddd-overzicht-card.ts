import { completionRatio, formatPercent, formatWeekdayDayMonth, isBelowNorm, isComplete, plural, sumFigures } from "../domain/ddd/index.js";
import type { Fact } from "./ddd-card-parts.js";
import { renderCard, type AdaptiveCard } from "./render-card.js";
import type { OverzichtCardInput } from "../services/ddd/views.js";
export type { OverzichtCardInput };


const MAX_BEHIND = 15;

/** The projectteam's region view: totals per subregio and the schools that will miss the norm. */
export function buildOverzichtCardData(input: OverzichtCardInput) {
  const withFigures = input.schools.filter((s) => s.figures !== null && s.figures.overstappers > 0);
  const total = sumFigures(withFigures.map((s) => s.figures!));
  const done = withFigures.filter((s) => isComplete(s.figures!)).length;
  const basis = input.today >= input.plan.deadlineDay ? "actual" : "forecast";
  const behind = withFigures
    .filter((s) => isBelowNorm(s.forecast, basis))
    .sort((a, b) => (a.forecast.projectedRatio ?? 0) - (b.forecast.projectedRatio ?? 0));
  const missing = input.schools.filter((s) => s.figures === null);
  const subregioNames = [...new Set(input.schools.map((s) => s.subregio ?? "Zonder subregio"))].sort((a, b) => a.localeCompare(b, "nl"));
  const subregios: Fact[] = subregioNames.map((name) => {
    const inRegion = withFigures.filter((s) => (s.subregio ?? "Zonder subregio") === name);
    const sum = sumFigures(inRegion.map((s) => s.figures!));
    const all = input.schools.filter((s) => (s.subregio ?? "Zonder subregio") === name).length;
    return {
      title: name,
      value: `${sum.overstappers > 0 ? `${sum.afgerond} van ${sum.overstappers} (${formatPercent(completionRatio(sum))})` : "nog geen cijfers"} · ${inRegion.filter((s) => isComplete(s.figures!)).length} van ${all} scholen klaar`,
    };
  });
  const describeBehind = (s: (typeof behind)[number]): Fact => {
    const now = formatPercent(s.forecast.currentRatio);
    const value =
      basis === "actual"
        ? `${now} op de deadline`
        : s.forecast.status === "stilstand"
          ? `${now}, geen voortgang in twee weken`
          : s.forecast.status === "geen-tempo"
            ? `${now}, nog geen tempo bekend`
            : `${now} nu, prognose ${formatPercent(s.forecast.projectedRatio)}`;
    return { title: s.naam, value };
  };
  return {
    title: `DDD-voortgang regio · ${input.schoolYear}`,
    subtitle: `Stand op ${formatWeekdayDayMonth(input.today)} · deadline ${input.plan.deadlineLabel} · norm ${input.normPercent} %`,
    regionLine: `${total.afgerond} van ${total.overstappers} dossiers afgerond en aangeleverd (${formatPercent(completionRatio(total))})`,
    schoolsLine: `${done} van ${plural(input.schools.length, "school", "scholen")} klaar · ${behind.length} ${basis === "actual" ? "onder de norm" : "halen in dit tempo de norm niet"} · ${missing.length} zonder cijfers`,
    subregios,
    hasBehind: behind.length > 0,
    behindTitle: basis === "actual" ? "Onder de norm" : `Halen de norm van ${input.normPercent} % niet in dit tempo`,
    behind: behind.slice(0, MAX_BEHIND).map(describeBehind),
    hasMoreBehind: behind.length > MAX_BEHIND,
    moreBehind: `En nog ${behind.length - MAX_BEHIND} scholen.`,
    hasMissing: missing.length > 0,
    missing: missing.map((s) => s.naam).join(", "),
    footer: `Typ voortgang ‹school› (naam of BRIN) voor de kaart van één school, of voorbeeld herinneringen [datum] voor wat de campagne verstuurt. Vragen? ${input.contact}`,
  };
}

export function renderOverzichtCard(input: OverzichtCardInput): AdaptiveCard {
  return renderCard("ddd-overzicht", buildOverzichtCardData(input));
}
