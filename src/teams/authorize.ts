import type { ActionRef } from "../domain/authorization.js";
import type { Actor } from "../services/actor.js";
import type { BotDeps } from "./types.js";

/**
 * The one place a turn is checked against the authorization table, for chat commands,
 * exports and card actions alike. Returns null when the actor may go on, otherwise the Dutch
 * answer. A person Aanjager does not know in any role gets a friendly explanation and the
 * projectteam's contact, and nothing else.
 */
export function authorizeTurn(deps: Pick<BotDeps, "config" | "logger" | "authorization">, actor: Actor, ref: ActionRef): string | null {
  if (deps.authorization.isAllowed(ref, actor.roles)) return null;
  deps.logger.info({ kind: ref.kind, action: ref.name, personId: actor.person?.id ?? null, roles: actor.roles }, "refused by the authorization table");
  const contact = deps.config.projectteamContact;
  const what = ref.kind === "kaartactie" ? "deze actie" : `**${ref.name}**`;
  if (actor.roles.length === 0) return `Ik ken je nog niet in een rol binnen het VSV-programma, dus ${what} kan ik nu niet voor je doen. Neem contact op met het ${contact}.`;
  return `${what.charAt(0).toUpperCase()}${what.slice(1)} is niet beschikbaar voor jouw rol. Typ **help** om te zien wat je wel kunt, of vraag het ${contact}.`;
}
