import type { PersonWithRoles } from "../db/people.js";
import type { CommandDefinition } from "../domain/commands.js";
import { showPlaceholders } from "../domain/placeholders.js";
import { ROLE_LABELS, isRole } from "../domain/roles.js";
import { renderCard, type AdaptiveCard } from "./render-card.js";

/** Who asks for help: the directory person (null when unknown) and their roles. */
export type HelpCardActor = { person: PersonWithRoles | null; roles: readonly string[] };

export type HelpCardData = {
  title: string;
  intro: string;
  known: boolean;
  roles: { label: string }[];
  commands: { usage: string; description: string }[];
  unknownExplanation: string;
  contact: string;
};

function describeRole(role: PersonWithRoles["roles"][number]): string {
  const label = isRole(role.role) ? ROLE_LABELS[role.role] : role.role;
  const scope = [role.schoolNaam, role.mentorGroup ? `mentorgroep ${role.mentorGroup}` : null, role.activityId ? `activiteit ${role.activityId}` : null]
    .filter(Boolean)
    .join(", ");
  return scope ? `${label} (${scope})` : label;
}

/** "04-01" as a person reads it: "1 april". */
function describeMonthDay(monthDay: string): string {
  const [month, day] = monthDay.split("-").map(Number);
  return `${day} ${["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"][month! - 1]}`;
}

/** The region's name and DDD deadline ("MM-DD") come from its region file: the card is the same for every region. */
export function buildHelpCardData(actor: HelpCardActor, commands: readonly CommandDefinition[], contact: string, region: { naam: string; dddDeadline: string }): HelpCardData {
  const known = actor.person !== null && actor.roles.length > 0;
  const firstName = actor.person?.naam.split(" ")[0];
  return {
    title: firstName ? `Hallo ${firstName}, ik ben Aanjager` : "Hallo, ik ben Aanjager",
    intro:
      `Ik help het VSV-programma ${region.naam} om afspraken op tijd na te komen: herinneringen voor het Digitaal Doorstroomdossier (DDD), van de registratie van de overstappers tot uiterlijk ${describeMonthDay(region.dddDeadline)}, escalaties, meetmomenten en de wekelijkse samenvatting voor de stuurgroep.`,
    known,
    roles: known ? actor.person!.roles.map((r) => ({ label: describeRole(r) })) : [],
    commands: commands.map((c) => ({ usage: showPlaceholders(c.usage), description: showPlaceholders(c.description) })),
    unknownExplanation:
      "Ik ken je nog niet als decaan, mentor, eigenaar van een activiteit, projectteamlid of stuurgroeplid. Daarom kan ik nu alleen uitleggen wat ik doe. Hoort dat anders? Vraag het projectteam om je toe te voegen aan de contactenlijst.",
    contact,
  };
}

export function renderHelpCard(data: HelpCardData): AdaptiveCard {
  return renderCard("help", data);
}
