import { CASE_STAFF_ROLES } from "./cases/actions.js";
import { ROLES, type Role } from "./roles.js";

/**
 * Who may do what in Aanjager: every chat command, every card action (the `verb` of an
 * Action.Execute) and every export, against the roles of the programme. This table is the
 * only place roles are granted; the message router and the card action router both ask
 * `isAllowed`, the help card lists what it allows, and a test tries every row against every
 * role through `/api/messages`.
 *
 * A role is the coarse check. Which school, mentor group, case or activity someone may touch
 * is decided by the service that knows the object (a decaan only sees cases about their own
 * school, an eigenaar only fills in their own activity's figures).
 * Anything not in the table is refused: a new command or button has to be added here first.
 */
export type ActionKind = "opdracht" | "kaartactie" | "export";
export type Audience = readonly Role[] | "everyone";
export type ActionRef = { kind: ActionKind; name: string };

const EVERYONE = "everyone";
/** Work escalation cases: every case, every action. */
const CASE_STAFF: readonly Role[] = CASE_STAFF_ROLES;
/** Look at, pick up and comment on cases (a decaan: about their own school). */
const CASE_VIEWERS: readonly Role[] = [...CASE_STAFF_ROLES, "decaan"];
/** Run the programme's machinery: channels, contacts, sending, reminder previews. */
const OPERATORS: readonly Role[] = ["projectteam", "beheerder"];
/** Fill in and correct meetmoment figures (an eigenaar: their own activities). */
const FIGURE_KEEPERS: readonly Role[] = ["eigenaar", "projectteam", "beheerder"];
/** Read the weekly KPI summary. */
const SUMMARY_READERS: readonly Role[] = ["stuurgroep", "projectteam", "programmaleider", "beheerder"];
const EVALUATION_READERS: readonly Role[] = ["projectteam", "programmaleider", "beheerder"];

export const AUTHORIZATION = {
  opdracht: {
    help: EVERYONE,
    "wie ben ik": EVERYONE,
    voortgang: ["decaan", "mentor", "projectteam", "beheerder"],
    cijfers: FIGURE_KEEPERS,
    zaken: CASE_VIEWERS,
    zaak: CASE_VIEWERS,
    escaleer: CASE_STAFF,
    "pak op": CASE_VIEWERS,
    pauzeer: CASE_STAFF,
    sluit: CASE_STAFF,
    heropen: CASE_STAFF,
    opmerking: CASE_VIEWERS,
    overstapzaak: ["projectteam", "decaan"],
    contacten: OPERATORS,
    verzending: OPERATORS,
    "voorbeeld herinneringen": OPERATORS,
    samenvatting: SUMMARY_READERS,
    "koppel stuurgroep": OPERATORS,
    "koppel projectteam": OPERATORS,
    "nodig uit evaluatie": ["projectteam"],
    evaluatie: EVALUATION_READERS,
  },
  export: {
    "export meetmomenten": OPERATORS,
    "export samenvatting": SUMMARY_READERS,
  },
  kaartactie: {
    "zaak-bekijk": CASE_VIEWERS,
    "zaak-vernieuw": CASE_VIEWERS,
    "zaak-pak-op": CASE_VIEWERS,
    "zaak-opmerking": CASE_VIEWERS,
    "zaak-pauzeer": CASE_STAFF,
    "zaak-sluit": CASE_STAFF,
    "zaak-heropen": CASE_STAFF,
    "escaleer-school": CASE_STAFF,
    "contacten-bevestigen": ["decaan"],
    "contacten-corrigeren": ["decaan"],
    "ddd.cijfers": ["decaan"],
    "ddd.later": ["decaan"],
    "ddd.hulp": ["decaan", "mentor"],
    "ddd.gedaan": ["mentor"],
    // Another school's progress, as `voortgang <school>` (for a decaan the command shows their own).
    "voortgang-school": ["projectteam", "beheerder"],
    "meetmoment-bekijken": FIGURE_KEEPERS,
    "meetmoment-concept": FIGURE_KEEPERS,
    "meetmoment-indienen": FIGURE_KEEPERS,
    "meetmoment-wijzigen": FIGURE_KEEPERS,
    // The invitation goes to everyone in the overstap procedure; the service checks that the person is known.
    "evaluatie-antwoord": EVERYONE,
    "evaluatie-stand": EVALUATION_READERS,
  },
} as const satisfies Record<ActionKind, Record<string, Audience>>;

export type CardActionVerb = keyof (typeof AUTHORIZATION)["kaartactie"];
export type ChatActionName = keyof (typeof AUTHORIZATION)["opdracht"] | keyof (typeof AUTHORIZATION)["export"];

export type Permission = ActionRef & { roles: Audience };

/** The table as rows, in table order: for tests, the help card and the `rechten` overview. */
export function listPermissions(): Permission[] {
  return (Object.keys(AUTHORIZATION) as ActionKind[]).flatMap((kind) =>
    Object.entries(AUTHORIZATION[kind] as Record<string, Audience>).map(([name, roles]) => ({ kind, name, roles })),
  );
}

export function findAudience(ref: ActionRef): Audience | undefined {
  const row = AUTHORIZATION[ref.kind] as Record<string, Audience>;
  return Object.hasOwn(row, ref.name) ? row[ref.name] : undefined;
}

/** Deny by default: an action missing from the table is allowed for no one. */
export function isAllowed(ref: ActionRef, roles: readonly Role[]): boolean {
  const audience = findAudience(ref);
  if (audience === undefined) return false;
  if (audience === EVERYONE) return true;
  return audience.some((r) => roles.includes(r));
}

/** Chat text is a command or an export; which one is for the table to say. */
export function chatActionRef(name: string): ActionRef {
  return { kind: Object.hasOwn(AUTHORIZATION.export, name) ? "export" : "opdracht", name };
}

/** The roles that may do this, for a matrix or a refusal that names who can. */
export function listRolesFor(ref: ActionRef): Role[] {
  return ROLES.filter((role) => isAllowed(ref, [role]));
}

const KIND_LABELS: Record<ActionKind, string> = { opdracht: "opdracht", kaartactie: "knop", export: "export" };

/**
 * The table as a Markdown role × action matrix (`npx aanjager rechten`), for the beheerder and
 * for an AVG overview of who can see and change what.
 */
export function formatAuthorizationMatrix(): string {
  const header = ["Actie", "Soort", ...ROLES, "zonder rol"];
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
  for (const row of listPermissions()) {
    const cells = ROLES.map((role) => (isAllowed(row, [role]) ? "ja" : ""));
    lines.push(`| ${[row.name, KIND_LABELS[row.kind], ...cells, isAllowed(row, []) ? "ja" : ""].join(" | ")} |`);
  }
  return `${lines.join("\n")}\n`;
}
