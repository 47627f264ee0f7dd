import type { ActionRef, Authorization } from "./authorization.js";
import type { Role } from "./roles.js";
import { levenshtein } from "./text-match.js";

/**
 * A chat command as data: name and Dutch help text. Each feature declares its commands with the
 * roles that may use them (src/features/); the help card lists only what the authorization
 * table allows, so help never promises what a role cannot do. An export is a command whose
 * answer is a download, listed as such in the table.
 */
export type CommandDefinition = {
  name: string;
  usage: string;
  description: string;
  kind?: "export";
};

/** The row of the authorization table this command is checked against. */
export function commandActionRef(command: CommandDefinition): ActionRef {
  return { kind: command.kind ?? "opdracht", name: command.name };
}

export type ParsedCommand<T extends CommandDefinition = CommandDefinition> = { command: T; args: string };

/**
 * Finds the command a message starts with. Case-insensitive and tolerant of extra spaces and
 * punctuation, because people type in a hurry; the longest matching name wins so that
 * "voorbeeld herinneringen" is not read as a shorter command.
 */
export function parseCommand<T extends CommandDefinition>(text: string, commands: readonly T[]): ParsedCommand<T> | null {
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

/** The commands a person with these roles can use, in help order. */
export function listCommandsFor<T extends CommandDefinition>(authorization: Authorization, roles: readonly Role[], commands: readonly T[]): T[] {
  return commands.filter((c) => authorization.isAllowed(commandActionRef(c), roles));
}

/** Closest known command names, for a "bedoel je ...?" answer to a typo. */
export function suggestCommands(text: string, commands: readonly CommandDefinition[], max = 3): string[] {
  const word = normalizeCommandText(text).split(" ").slice(0, 2).join(" ");
  if (!word) return [];
  return commands
    .map((c) => ({ name: c.name, distance: levenshtein(word, c.name) }))
    .filter((c) => c.distance <= Math.max(2, Math.floor(c.name.length / 3)))
    .sort((a, b) => a.distance - b.distance)
    .slice(0, max)
    .map((c) => c.name);
}
