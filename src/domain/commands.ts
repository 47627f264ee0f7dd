import { chatActionRef, isAllowed, type ChatActionName } from "./authorization.js";
import type { Role } from "./roles.js";
import { levenshtein } from "./text-match.js";

/**
 * The chat commands as data: name and Dutch help text, in the order help shows them. Who may
 * use each one is in the authorization table (`authorization.ts`); the help card lists only
 * what that table allows, so help never promises what a role cannot do.
 */
export type CommandDefinition = {
  name: ChatActionName;
  usage: string;
  description: string;
};

export const COMMANDS: readonly CommandDefinition[] = [
  { name: "help", usage: "help", description: "Laat zien wat Aanjager voor jou kan doen." },
  { name: "wie ben ik", usage: "wie ben ik", description: "Laat zien welke rollen en scholen Aanjager van je kent." },
  { name: "voortgang", usage: "voortgang [school]", description: "De DDD-voortgang van je school of mentorgroep, met prognose tot 1 april (projectteam: de regio, of één school)." },
  { name: "cijfers", usage: "cijfers [activiteit]", description: "Je openstaande meetmomenten, of het formulier van één activiteit (een eigenaar alleen van de eigen activiteiten)." },
  { name: "export meetmomenten", usage: "export meetmomenten [activiteit] [xlsx]", description: "De cijfers van dit schooljaar als downloadbestand (CSV, of Excel met xlsx): elke KPI, periode, waarde, norm, wie en wanneer." },
  { name: "zaken", usage: "zaken [subregio|type]", description: "Openstaande escalatiezaken, te filteren." },
  { name: "zaak", usage: "zaak <nr>", description: "Eén zaak met zijn geschiedenis." },
  { name: "escaleer", usage: "escaleer <school|zaak> [reden]", description: "Open of verhoog een escalatiezaak." },
  { name: "pak op", usage: "pak op <nr>", description: "Erken een zaak en word eigenaar." },
  { name: "pauzeer", usage: "pauzeer <nr> tot <datum>", description: "Zet een zaak tot een datum in de wacht." },
  { name: "sluit", usage: "sluit <nr> <toelichting>", description: "Sluit een zaak met een toelichting." },
  { name: "heropen", usage: "heropen <nr>", description: "Heropen een gesloten zaak." },
  { name: "opmerking", usage: "opmerking <nr> <tekst>", description: "Zet een opmerking bij een zaak." },
  { name: "overstapzaak", usage: "overstapzaak <kenmerk> <reden> [toelichting]", description: "Meld een leerling met risico bij de overstap (geen vervolgkeuze, niet ingeschreven, zomerlek, warme overdracht), alleen met het pseudonieme kenmerk." },
  { name: "contacten", usage: "contacten", description: "Scholen zonder geldige contactpersoon (decaan)." },
  { name: "verzending", usage: "verzending", description: "Stand van de verzonden en wachtende berichten." },
  { name: "voorbeeld herinneringen", usage: "voorbeeld herinneringen [datum]", description: "Wie welke DDD-herinnering zou krijgen, zonder iets te versturen." },
  { name: "samenvatting", usage: "samenvatting [week <nr>]", description: "De KPI-samenvatting van deze of een eerdere week." },
  { name: "export samenvatting", usage: "export samenvatting [week <nr>] [html]", description: "De KPI-samenvatting als downloadbestand om te bewaren of door te sturen: CSV voor Excel, of HTML om te printen." },
  { name: "koppel stuurgroep", usage: "koppel stuurgroep", description: "Maak dit kanaal het stuurgroepkanaal voor de wekelijkse samenvatting." },
  { name: "koppel projectteam", usage: "koppel projectteam", description: "Maak dit kanaal het kanaal voor zaakkaarten." },
  { name: "nodig uit evaluatie", usage: "nodig uit evaluatie <datum> <tijd> <plaats>", description: "Nodig alle deelnemers aan de overstapprocedure uit voor de jaarlijkse evaluatie." },
  { name: "evaluatie", usage: "evaluatie", description: "Hoeveel deelnemers komen naar de evaluatie." },
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
  return isAllowed(chatActionRef(command.name), roles);
}

/** The commands a person with these roles can use, in help order. */
export function listCommandsFor(roles: readonly Role[], commands: readonly CommandDefinition[] = COMMANDS): CommandDefinition[] {
  return commands.filter((c) => isCommandAllowed(c, roles));
}

/** Closest known command names, for a "bedoel je ...?" answer to a typo. */
export function suggestCommands(text: string, commands: readonly CommandDefinition[] = COMMANDS, max = 3): string[] {
  const word = normalizeCommandText(text).split(" ").slice(0, 2).join(" ");
  if (!word) return [];
  return commands
    .map((c) => ({ name: c.name, distance: levenshtein(word, c.name) }))
    .filter((c) => c.distance <= Math.max(2, Math.floor(c.name.length / 3)))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, max)
    .map((c) => c.name);
}
