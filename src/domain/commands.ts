import type { Role } from "./roles.js";
import { levenshtein } from "./school-match.js";

/**
 * The chat commands as data: name, Dutch help text and who may use them. This table is the
 * single place the authorization of commands is decided (see `isCommandAllowed`); the help
 * card is generated from it, so help never promises what a role cannot do.
 * `available` marks commands whose feature has landed; the others are listed for planning
 * but never routed or shown.
 */
export type CommandDefinition = {
  name: string;
  usage: string;
  description: string;
  roles: readonly Role[] | "everyone";
  available: boolean;
};

const STAFF_WITH_CASES: readonly Role[] = ["projectteam", "programmaleider", "beheerder"];

export const COMMANDS: readonly CommandDefinition[] = [
  { name: "help", usage: "help", description: "Laat zien wat Aanjager voor jou kan doen.", roles: "everyone", available: true },
  { name: "wie ben ik", usage: "wie ben ik", description: "Laat zien welke rollen en scholen Aanjager van je kent.", roles: "everyone", available: true },
  { name: "voortgang", usage: "voortgang [school]", description: "De DDD-voortgang van je school of mentorgroep, met prognose tot 1 april (projectteam: de regio, of één school).", roles: ["decaan", "mentor", "projectteam", "beheerder"], available: true },
  { name: "cijfers", usage: "cijfers [activiteit]", description: "Je openstaande meetmomenten, of het formulier van één activiteit (een eigenaar alleen van de eigen activiteiten).", roles: ["eigenaar", "projectteam", "beheerder"], available: true },
  { name: "export meetmomenten", usage: "export meetmomenten [activiteit]", description: "De cijfers van dit schooljaar als CSV-bestand: elke KPI, periode, waarde, norm, wie en wanneer.", roles: ["projectteam", "beheerder"], available: true },
  { name: "zaken", usage: "zaken [subregio|type]", description: "Openstaande escalatiezaken, te filteren.", roles: [...STAFF_WITH_CASES, "decaan"], available: true },
  { name: "zaak", usage: "zaak <nr>", description: "Eén zaak met zijn geschiedenis.", roles: [...STAFF_WITH_CASES, "decaan"], available: true },
  { name: "escaleer", usage: "escaleer <school|zaak> [reden]", description: "Open of verhoog een escalatiezaak.", roles: STAFF_WITH_CASES, available: true },
  { name: "pak op", usage: "pak op <nr>", description: "Erken een zaak en word eigenaar.", roles: [...STAFF_WITH_CASES, "decaan"], available: true },
  { name: "pauzeer", usage: "pauzeer <nr> tot <datum>", description: "Zet een zaak tot een datum in de wacht.", roles: STAFF_WITH_CASES, available: true },
  { name: "sluit", usage: "sluit <nr> <toelichting>", description: "Sluit een zaak met een toelichting.", roles: STAFF_WITH_CASES, available: true },
  { name: "heropen", usage: "heropen <nr>", description: "Heropen een gesloten zaak.", roles: STAFF_WITH_CASES, available: true },
  { name: "opmerking", usage: "opmerking <nr> <tekst>", description: "Zet een opmerking bij een zaak.", roles: [...STAFF_WITH_CASES, "decaan"], available: true },
  { name: "overstapzaak", usage: "overstapzaak <kenmerk> <reden> [toelichting]", description: "Meld een leerling met risico bij de overstap (geen vervolgkeuze, niet ingeschreven, zomerlek, warme overdracht), alleen met het pseudonieme kenmerk.", roles: ["projectteam", "decaan"], available: true },
  { name: "contacten", usage: "contacten", description: "Scholen zonder geldige contactpersoon (decaan).", roles: ["projectteam", "beheerder"], available: true },
  { name: "verzending", usage: "verzending", description: "Stand van de verzonden en wachtende berichten.", roles: ["projectteam", "beheerder"], available: true },
  { name: "voorbeeld herinneringen", usage: "voorbeeld herinneringen [datum]", description: "Wie welke DDD-herinnering zou krijgen, zonder iets te versturen.", roles: ["projectteam", "beheerder"], available: true },
  { name: "samenvatting", usage: "samenvatting [week <nr>]", description: "De KPI-samenvatting van deze of een eerdere week.", roles: ["stuurgroep", "projectteam", "programmaleider", "beheerder"], available: true },
  { name: "koppel stuurgroep", usage: "koppel stuurgroep", description: "Maak dit kanaal het stuurgroepkanaal voor de wekelijkse samenvatting.", roles: ["projectteam", "beheerder"], available: true },
  { name: "koppel projectteam", usage: "koppel projectteam", description: "Maak dit kanaal het kanaal voor zaakkaarten.", roles: ["projectteam", "beheerder"], available: true },
  { name: "nodig uit evaluatie", usage: "nodig uit evaluatie <datum> <tijd> <plaats>", description: "Nodig alle deelnemers aan de overstapprocedure uit voor de jaarlijkse evaluatie.", roles: ["projectteam"], available: true },
  { name: "evaluatie", usage: "evaluatie", description: "Hoeveel deelnemers komen naar de evaluatie.", roles: ["projectteam", "programmaleider", "beheerder"], available: true },
];

export type ParsedCommand = { command: CommandDefinition; args: string };

/**
 * Finds the command a message starts with. Case-insensitive and tolerant of extra spaces and
 * punctuation, because people type in a hurry; the longest matching name wins so that
 * "voorbeeld herinneringen" is not read as a shorter command.
 */
export function parseCommand(text: string, commands: readonly CommandDefinition[] = COMMANDS): ParsedCommand | null {
  const normalized = normalizeCommandText(text);
  if (normalized === "") return null;
  const candidates = commands
    .filter((c) => c.available)
    .filter((c) => normalized === c.name || normalized.startsWith(`${c.name} `))
    .sort((a, b) => b.name.length - a.name.length);
  const command = candidates[0];
  if (!command) return null;
  return { command, args: normalized.slice(command.name.length).trim() };
}

export function normalizeCommandText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, " ") // a channel mention of the bot, if not removed upstream
    .replace(/&nbsp;/gi, " ")
    .replace(/[\u00a0\s]+/g, " ")
    .trim()
    .replace(/^[/!]+/, "") // "/help" and "!help" are common habits from other bots
    .replace(/[?.!]+$/, "")
    .toLowerCase()
    .trim();
}

export function isCommandAllowed(command: CommandDefinition, roles: readonly Role[]): boolean {
  if (command.roles === "everyone") return true;
  return command.roles.some((r) => roles.includes(r));
}

/** The commands a person with these roles can use right now, in table order. */
export function listCommandsFor(roles: readonly Role[], commands: readonly CommandDefinition[] = COMMANDS): CommandDefinition[] {
  return commands.filter((c) => c.available && isCommandAllowed(c, roles));
}

/** Closest known command names, for a "bedoel je ...?" answer to a typo. */
export function suggestCommands(text: string, commands: readonly CommandDefinition[] = COMMANDS, max = 3): string[] {
  const word = normalizeCommandText(text).split(" ").slice(0, 2).join(" ");
  if (!word) return [];
  return commands
    .filter((c) => c.available)
    .map((c) => ({ name: c.name, distance: levenshtein(word, c.name) }))
    .filter((c) => c.distance <= Math.max(2, Math.floor(c.name.length / 3)))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, max)
    .map((c) => c.name);
}
