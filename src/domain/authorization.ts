import { CASE_STAFF_ROLES } from "./cases/actions.js";
import { ROLES, type Role } from "./roles.js";

/**
 * Who may do what in Aanjager: every chat command, every card action (the `verb` of an
 * Action.Execute) and every export, against the roles of the programme. Each feature declares
 * the audience next to its command or button (src/features/); the composed list is the one
 * table the message router and the card action router both ask, the help card lists what it
 * allows, and a test tries every row against every role through `/api/messages`.
 *
 * A role is the coarse check. Which school, mentor group, case or activity someone may touch
 * is decided by the service that knows the object (a decaan only sees cases about their own
 * school, an eigenaar only fills in their own activity's figures).
 * Anything not in the table is refused: a command or button without an audience does not exist.
 */
export type ActionKind = "opdracht" | "kaartactie" | "export";
export type Audience = readonly Role[] | "everyone";
export type ActionRef = { kind: ActionKind; name: string };
export type Permission = ActionRef & { roles: Audience };

export const EVERYONE = "everyone";
/** Work escalation cases: every case, every action. */
export const CASE_STAFF: readonly Role[] = CASE_STAFF_ROLES;
/** Look at, pick up and comment on cases (a decaan: about their own school). */
export const CASE_VIEWERS: readonly Role[] = [...CASE_STAFF_ROLES, "decaan"];
/** Run the programme's machinery: channels, contacts, sending, reminder previews. */
export const OPERATORS: readonly Role[] = ["projectteam", "beheerder"];
/** Fill in and correct meetmoment figures (an eigenaar: their own activities). */
export const FIGURE_KEEPERS: readonly Role[] = ["eigenaar", "projectteam", "beheerder"];
/** Read the weekly KPI summary. */
export const SUMMARY_READERS: readonly Role[] = ["stuurgroep", "projectteam", "programmaleider", "beheerder"];
export const EVALUATION_READERS: readonly Role[] = ["projectteam", "programmaleider", "beheerder"];

/** The composed table, asked by both routers, the help card and `aanjager rechten`. */
export type Authorization = {
  /** The rows in table order. */
  permissions: readonly Permission[];
  findAudience: (ref: ActionRef) => Audience | undefined;
  /** Deny by default: an action missing from the table is allowed for no one. */
  isAllowed: (ref: ActionRef, roles: readonly Role[]) => boolean;
  /** The roles that may do this, for a matrix or a refusal that names who can. */
  listRolesFor: (ref: ActionRef) => Role[];
};

function keyOf(ref: ActionRef): string {
  return `${ref.kind}\u0000${ref.name}`;
}

/** Builds the table; a name declared twice is a programming error, found at start. */
export function createAuthorization(permissions: readonly Permission[]): Authorization {
  // A Map, not an object: "constructor" or "__proto__" typed in chat must not find a row.
  const byKey = new Map<string, Audience>();
  for (const row of permissions) {
    if (byKey.has(keyOf(row))) throw new Error(`${row.kind} "${row.name}" is declared twice`);
    byKey.set(keyOf(row), row.roles);
  }
  const findAudience = (ref: ActionRef) => byKey.get(keyOf(ref));
  const isAllowed = (ref: ActionRef, roles: readonly Role[]) => {
    const audience = findAudience(ref);
    if (audience === undefined) return false;
    if (audience === EVERYONE) return true;
    return audience.some((r) => roles.includes(r));
  };
  return {
    permissions: [...permissions],
    findAudience,
    isAllowed,
    listRolesFor: (ref) => ROLES.filter((role) => isAllowed(ref, [role])),
  };
}

const KIND_LABELS: Record<ActionKind, string> = { opdracht: "opdracht", kaartactie: "knop", export: "export" };

/**
 * The table as a Markdown role × action matrix (`npx aanjager rechten`), for the beheerder and
 * for an AVG overview of who can see and change what.
 */
export function formatAuthorizationMatrix(authorization: Authorization): string {
  const header = ["Actie", "Soort", ...ROLES, "zonder rol"];
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
  for (const row of authorization.permissions) {
    const cells = ROLES.map((role) => (authorization.isAllowed(row, [role]) ? "ja" : ""));
    lines.push(`| ${[row.name, KIND_LABELS[row.kind], ...cells, authorization.isAllowed(row, []) ? "ja" : ""].join(" | ")} |`);
  }
  return `${lines.join("\n")}\n`;
}
