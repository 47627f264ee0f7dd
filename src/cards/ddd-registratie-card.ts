import { formatWeekdayDayMonth, plural } from "../domain/ddd/index.js";
import { renderCard, type AdaptiveCard } from "./render-card.js";
import type { RegistratieCardInput } from "../services/ddd/views.js";
export type { RegistratieCardInput };

export type RegistratieCardData = ReturnType<typeof buildRegistratieCardData>;

/**
 * The registration phase's card (issue 18), to a school's decanen after the herfstvakantie: register
 * every potential mbo overstapper in the overstap system, and what the year ahead brings, in two
 * lines. Never "te laat": the registration is the start of the year, and the reminder before the
 * kerstvakantie still leaves the whole campaign ahead.
 */
export function buildRegistratieCardData(input: RegistratieCardInput) {
  const { plan, step, figures } = input;
  const greeting = input.greetingName ? `Hallo ${input.greetingName}, ` : "";
  const registered = figures !== null && figures.overstappers > 0;
  const campaignStart = formatWeekdayDayMonth(plan.startDay);
  const before = plan.milestones.filter((m) => !m.afterDeadline);
  const after = plan.milestones.filter((m) => m.afterDeadline);
  const intro = input.firstMessage
    ? `${greeting}het DDD-jaar ${input.schoolYear} begint met de registratie: zet elke leerling van ${input.school.naam} die mogelijk naar het mbo overstapt (vmbo leerjaar 4, vso en pro) in het overstapsysteem, en vraag de mentoren dat ook na te lopen. Uit die registratie tel ik de overstappers; hier hoef je niets over te typen.`
    : `${greeting}van ${input.school.naam} zie ik nog geen overstappers in het overstapsysteem. Zet vóór de kerstvakantie elke leerling die mogelijk naar het mbo overstapt (vmbo leerjaar 4, vso en pro) erin: dan begint de DDD-campagne op ${campaignStart} voor iedereen op tijd.`;
  return {
    title: `Overstappers registreren: ${input.school.naam}`,
    subtitle: `${step.title} · schooljaar ${input.schoolYear}`,
    intro,
    statusLine: registered
      ? `${plural(figures!.overstappers, "overstapper", "overstappers")} geregistreerd`
      : "Nog geen overstappers geregistreerd",
    facts: [
      { title: "Overstappers", value: registered ? String(figures!.overstappers) : "nog niets bekend" },
      ...(input.sourceLabel ? [{ title: "Bron", value: input.sourceLabel }] : []),
    ],
    countsNote: "Overstappers: de leerlingen die mogelijk naar het mbo overstappen, zoals de school ze in het overstapsysteem heeft gezet. Aanjager ziet alleen dat aantal, geen namen of andere leerlinggegevens.",
    nextLine: registered
      ? `Klopt dit aantal niet, vul de registratie dan aan vóór de kerstvakantie. De DDD-campagne begint op ${campaignStart}.`
      : `Registreer vóór de kerstvakantie; de DDD-campagne begint op ${campaignStart}.`,
    yearLines: [
      {
        text: `Januari tot uiterlijk ${plan.deadlineLabel} (de aanmelddatum): ${before.map((m) => `${m.label} ~${m.amount} ${m.unit}`).join(", ")}, en de aanmelding bij het mbo.`,
      },
      {
        text: `Daarna: ${after.map((m) => `${m.label} (~${m.amount} ${m.unit})`).join(", ")}, toelating en plaatsing van april tot juni, en na de zomer kijken we op 1 oktober wie in het mbo is gestart.`,
      },
    ],
    canAskHelp: input.canAskHelp,
    helpData: { schoolId: input.school.id, mentorGroup: "", stepId: step.id },
    footer: `Alleen aantallen, geen leerlinggegevens. Vragen? ${input.contact}`,
  };
}

export function renderRegistratieCard(input: RegistratieCardInput): AdaptiveCard {
  return renderCard("ddd-registratie", buildRegistratieCardData(input));
}
