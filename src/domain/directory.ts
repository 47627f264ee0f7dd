import { z } from "zod";
import type { CsvRecord } from "./csv.js";
import { containsBsn } from "./free-text.js";
import { findSubregioId, squashName, type Subregio } from "./region.js";
import { ROLES, buildScopeKey, type Role } from "./roles.js";

/**
 * The directory as the schools deliver it: one CSV row per role of a person. This module is
 * the import contract (columns, what each role needs, every rejection reason in Dutch) and the
 * pure diff between what the database holds and what a file says. The database side lives in
 * src/db/directory.ts, the orchestration in src/services/directory-import.ts.
 */

export const DIRECTORY_COLUMNS = ["email", "naam", "rol", "school_brin", "school_naam", "school_soort", "subregio", "mentorgroep", "activiteit", "aad_object_id", "organisatie", "school_bestuur"] as const;
export type DirectoryColumn = (typeof DIRECTORY_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly DirectoryColumn[] = ["email", "naam", "rol"];

/** A subregio's id (a slug); which subregio's exist is the region's (src/data/regio-*.yaml). */
export type SubregioId = string;

export const SCHOOL_SOORTEN = ["vmbo", "vso", "pro", "havo-vwo", "mbo", "vavo"] as const;
export type SchoolSoort = (typeof SCHOOL_SOORTEN)[number];

/** vo schools whose pupils move to the mbo and need a DDD ("de overstap"): vmbo, vso and pro. */
export const OVERSTAP_SCHOOL_SOORTEN: readonly SchoolSoort[] = ["vmbo", "vso", "pro"];
export const OVERSTAP_SOORTEN: ReadonlySet<string> = new Set<string>(OVERSTAP_SCHOOL_SOORTEN);

export function isOverstapSchool(soort: string): boolean {
  return OVERSTAP_SOORTEN.has(soort);
}

/** Organisations that are not schools: a vo school board, or a gemeente (its RMC and leerplicht). */
export const ORGANISATION_SOORTEN = ["bestuur", "gemeente"] as const;
export type OrganisationSoort = (typeof ORGANISATION_SOORTEN)[number];

/** "Stichting LVO", "stichting  lvo" ... to one code, so a name typed twice is one organisation. */
export function buildOrganisationCode(naam: string): string {
  return naam
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Where an assignment came from; an import manages (adds, removes) only its own source. */
export type DirectorySource = "import" | "demo";

export type DirectoryRecord = { line: number; values: Partial<Record<DirectoryColumn, string>> };
export type DirectoryIssue = { line: number; reason: string };

/** A validated row: one role of one person. */
export type DirectoryRole = {
  line: number;
  email: string;
  role: Role;
  schoolBrin: string | null;
  mentorGroup: string | null;
  activityId: string | null;
  organisationCode: string | null;
  scopeKey: string;
};
export type DirectoryPerson = { line: number; email: string; naam: string; aadObjectId: string | null };
/** School details as a file gives them; undefined fields are not in the file and left as they are. */
export type DirectorySchool = { line: number; brin: string; naam?: string; soort?: SchoolSoort; subregioId?: SubregioId; bestuurCode?: string };
/** An organisation as a file names it; subregioId only where the file gives one. */
export type DirectoryOrganisation = { line: number; code: string; naam: string; soort: OrganisationSoort; subregioId?: SubregioId };
export type ValidatedDirectory = { people: DirectoryPerson[]; roles: DirectoryRole[]; schools: DirectorySchool[]; organisations: DirectoryOrganisation[]; subregios: readonly Subregio[] };

/** What validation needs to know from the database. */
export type DirectoryContext = {
  /** Active catalogue activities: an eigenaar must own one of these. */
  activityIds: ReadonlySet<string>;
  /** Schools already known, by BRIN: a row may then give the BRIN alone. */
  schoolBrins: ReadonlySet<string>;
  /** The region's subregio's (its region file): a school belongs to one of these. */
  subregios: readonly Subregio[];
  /** Known schools that are mbo institutions: only those have an intake (rol mbo-intake). */
  mboBrins?: ReadonlySet<string>;
};

// ---------------------------------------------------------------------------------------------
// Normalisation of what people type in spreadsheets

/** "Westelijke Mijnstreek", "westelijke-mijnstreek", " PARKSTAD ", or a short form the region file lists, to the subregio id, or null. */
export function normalizeSubregio(value: string, subregios: readonly Subregio[]): SubregioId | null {
  return findSubregioId(value, subregios);
}

const squash = squashName;
const SOORT_BY_KEY = new Map<string, SchoolSoort>(SCHOOL_SOORTEN.map((s) => [squash(s), s]));
SOORT_BY_KEY.set("praktijkonderwijs", "pro");
SOORT_BY_KEY.set("voortgezetspeciaalonderwijs", "vso");

/** "VMBO", "havo/vwo", "PrO" ... to the school kind, or null. */
export function normalizeSoort(value: string): SchoolSoort | null {
  return SOORT_BY_KEY.get(squash(value)) ?? null;
}

/**
 * BRIN: four characters, two digits and two letters (e.g. 12AB), the code DUO gives an
 * institution; or the six-character vestigingscode (BRIN plus a two-digit location number,
 * e.g. 12AB00) when a school's locations are listed separately.
 */
export const BRIN_PATTERN = /^\d{2}[A-Z]{2}(\d{2})?$/;

export function normalizeBrin(value: string): string {
  return value.replace(/\s+/g, "").toUpperCase();
}

// An Entra (AAD) object id is a GUID. The Microsoft 365 Agents Playground's built-in test users
// have a 13-digit last group (00000000-0000-0000-0000-0000000000020); they are accepted too
// so the demo region goes through this same validation.
const AAD_OBJECT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i;
const ACTIVITY_ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** An import names no pupils: a cell with a BSN-like number is refused, without repeating it. */
export const IMPORT_BSN_ISSUE = (column: string) => `${column} bevat een nummer dat een burgerservicenummer (BSN) kan zijn; Aanjager bewaart geen gegevens van leerlingen`;

const MENTOR_GROUP_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} ._/-]{0,29}$/u;

// ---------------------------------------------------------------------------------------------
// Header

export type HeaderResult = { ok: true; columns: (DirectoryColumn | null)[] } | { ok: false; issues: DirectoryIssue[] };

/** Maps header cells to known columns (case and spaces do not matter); unknown or repeated columns reject the file. */
export function readDirectoryHeader(header: CsvRecord): HeaderResult {
  const issues: DirectoryIssue[] = [];
  const seen = new Set<DirectoryColumn>();
  const columns = header.fields.map((cell) => {
    const key = cell.trim().toLowerCase().replace(/[\s-]+/g, "_");
    if (key === "") return null;
    const column = (DIRECTORY_COLUMNS as readonly string[]).includes(key) ? (key as DirectoryColumn) : null;
    if (!column) issues.push({ line: header.line, reason: `onbekende kolom '${cell.trim()}' in de kopregel (verwacht: ${DIRECTORY_COLUMNS.join(";")})` });
    else if (seen.has(column)) issues.push({ line: header.line, reason: `kolom '${column}' staat twee keer in de kopregel` });
    else seen.add(column);
    return column;
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c));
  if (missing.length > 0) issues.push({ line: header.line, reason: `verplichte kolom ontbreekt in de kopregel: ${missing.join(", ")} (verwacht: ${DIRECTORY_COLUMNS.join(";")})` });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, columns };
}

/** Turns parsed CSV (header first) into records keyed by column; a row with too many cells is an issue. */
export function buildDirectoryRecords(csv: readonly CsvRecord[]): { records: DirectoryRecord[]; issues: DirectoryIssue[] } {
  const [header, ...rows] = csv;
  if (!header) return { records: [], issues: [{ line: 1, reason: "het bestand is leeg: er ontbreekt een kopregel" }] };
  const head = readDirectoryHeader(header);
  if (!head.ok) return { records: [], issues: head.issues };
  const issues: DirectoryIssue[] = [];
  const records: DirectoryRecord[] = [];
  for (const row of rows) {
    const extra = row.fields.slice(head.columns.length).filter((f) => f.trim() !== "");
    if (extra.length > 0) {
      issues.push({ line: row.line, reason: `de regel heeft ${row.fields.length} velden, de kopregel ${head.columns.length} (scheidingsteken in een veld zonder aanhalingstekens?)` });
      continue;
    }
    const values: DirectoryRecord["values"] = {};
    head.columns.forEach((column, i) => {
      if (column) values[column] = row.fields[i] ?? "";
    });
    records.push({ line: row.line, values });
  }
  if (rows.length === 0) issues.push({ line: header.line, reason: "het bestand bevat alleen een kopregel en geen personen" });
  return { records, issues };
}

// ---------------------------------------------------------------------------------------------
// Row validation

const optionalCell = z
  .string()
  .optional()
  .transform((v) => {
    const trimmed = (v ?? "").trim();
    return trimmed === "" ? null : trimmed;
  });

const rowSchema = z.object({
  email: z
    .string({ required_error: "e-mailadres ontbreekt" })
    .trim()
    .toLowerCase()
    .min(1, "e-mailadres ontbreekt")
    .max(254, "e-mailadres is te lang")
    .superRefine((v, ctx) => {
      if (v !== "" && !z.string().email().safeParse(v).success) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `ongeldig e-mailadres '${v}'` });
    }),
  naam: z.string({ required_error: "naam ontbreekt" }).trim().min(1, "naam ontbreekt").max(200, "naam is langer dan 200 tekens").refine((v) => !containsBsn(v), IMPORT_BSN_ISSUE("naam")),
  rol: z
    .string({ required_error: "rol ontbreekt" })
    .trim()
    .toLowerCase()
    .min(1, "rol ontbreekt")
    .superRefine((v, ctx) => {
      if (v !== "" && !(ROLES as readonly string[]).includes(v)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `onbekende rol '${v}' (kies uit: ${ROLES.join(", ")})` });
    }),
  school_brin: optionalCell.superRefine((v, ctx) => {
    if (v !== null && !BRIN_PATTERN.test(normalizeBrin(v))) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `ongeldige BRIN-code '${v}' (verwacht twee cijfers en twee letters, bijvoorbeeld 12AB, of een vestigingscode zoals 12AB00)` });
    }
  }),
  school_naam: optionalCell.superRefine((v, ctx) => {
    if (v !== null && v.length > 200) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "school_naam is langer dan 200 tekens" });
  }),
  school_soort: optionalCell.superRefine((v, ctx) => {
    if (v !== null && !normalizeSoort(v)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `onbekende schoolsoort '${v}' (kies uit: ${SCHOOL_SOORTEN.join(", ")})` });
  }),
  // Checked against the region's subregio's in validateDirectoryRecords: they are data, not code.
  subregio: optionalCell,
  mentorgroep: optionalCell.superRefine((v, ctx) => {
    if (v !== null && containsBsn(v)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: IMPORT_BSN_ISSUE("mentorgroep") });
    else if (v !== null && !MENTOR_GROUP_PATTERN.test(v)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `ongeldige mentorgroep '${v}' (letters, cijfers, spatie, punt, streepje; hoogstens 30 tekens)` });
  }),
  activiteit: optionalCell.superRefine((v, ctx) => {
    if (v !== null && !ACTIVITY_ID_PATTERN.test(v.toLowerCase())) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `ongeldige activiteit '${v}' (gebruik de id uit de programmacatalogus, bijvoorbeeld ddd)` });
  }),
  organisatie: optionalCell.superRefine((v, ctx) => {
    if (v !== null && (v.length > 200 || buildOrganisationCode(v) === "")) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `ongeldige organisatie '${v.slice(0, 40)}' (een naam met letters of cijfers, hoogstens 200 tekens)` });
  }),
  school_bestuur: optionalCell.superRefine((v, ctx) => {
    if (v !== null && (v.length > 200 || buildOrganisationCode(v) === "")) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `ongeldig school_bestuur '${v.slice(0, 40)}' (de naam van het schoolbestuur, hoogstens 200 tekens)` });
  }),
  aad_object_id: optionalCell.superRefine((v, ctx) => {
    if (v !== null && !AAD_OBJECT_ID_PATTERN.test(v)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `ongeldige aad_object_id '${v}' (verwacht een GUID, bijvoorbeeld 3f2504e0-4f89-11d3-9a0c-0305e82c3301)` });
  }),
});

type ParsedRow = z.infer<typeof rowSchema>;

type RoleScopeNeeds = { school: boolean; mentorgroep: boolean; activiteit: boolean; organisatie?: OrganisationSoort; subregio?: boolean };
const NONE = { school: false, mentorgroep: false, activiteit: false } as const;

/** Which scope columns a role needs and which it must leave empty (a filled one is a sign of a shifted column). */
const ROLE_SCOPE: Record<Role, RoleScopeNeeds> = {
  decaan: { ...NONE, school: true },
  mentor: { ...NONE, school: true, mentorgroep: true },
  eigenaar: { ...NONE, activiteit: true },
  projectteam: NONE,
  programmaleider: NONE,
  stuurgroep: NONE,
  beheerder: NONE,
  schoolleiding: { ...NONE, school: true },
  "mbo-intake": { ...NONE, school: true },
  bestuur: { ...NONE, organisatie: "bestuur" },
  // RMC and leerplicht serve the pupils of their subregio, whichever gemeente employs them.
  rmc: { ...NONE, organisatie: "gemeente", subregio: true },
  leerplicht: { ...NONE, organisatie: "gemeente", subregio: true },
};

/** The organisation soort a role's `organisatie` names, or null for roles without one. */
export function findRoleOrganisationSoort(role: Role): OrganisationSoort | null {
  return ROLE_SCOPE[role].organisatie ?? null;
}

function checkRoleScope(row: ParsedRow, role: Role, context: DirectoryContext): string[] {
  const need = ROLE_SCOPE[role];
  const reasons: string[] = [];
  if (need.organisatie && !row.organisatie) reasons.push(`rol ${role} vraagt een organisatie: organisatie ontbreekt (${need.organisatie === "bestuur" ? "de naam van het schoolbestuur" : "de gemeente"})`);
  if (!need.organisatie && row.organisatie) reasons.push(`rol ${role} hoort niet bij een organisatie: laat organisatie leeg`);
  if (need.subregio && !row.subregio) reasons.push(`rol ${role} vraagt een subregio: subregio ontbreekt`);
  if (row.school_bestuur && !row.school_brin) reasons.push("school_bestuur ingevuld zonder school_brin");
  if (role === "mbo-intake" && row.school_soort && normalizeSoort(row.school_soort) !== "mbo") reasons.push(`rol mbo-intake hoort bij een mbo-instelling: school_soort is '${row.school_soort}'`);
  if (need.school && !row.school_brin) reasons.push(`rol ${role} vraagt een school: school_brin ontbreekt`);
  if (!need.school && row.school_brin) reasons.push(`rol ${role} hoort niet bij een school: laat school_brin leeg`);
  if (need.mentorgroep && !row.mentorgroep) reasons.push(`rol mentor vraagt een mentorgroep: mentorgroep ontbreekt`);
  if (!need.mentorgroep && row.mentorgroep) reasons.push(`rol ${role} heeft geen mentorgroep: laat mentorgroep leeg`);
  if (need.activiteit && !row.activiteit) reasons.push(`rol eigenaar vraagt een activiteit: activiteit ontbreekt`);
  if (!need.activiteit && row.activiteit) reasons.push(`rol ${role} heeft geen activiteit: laat activiteit leeg`);
  if (need.activiteit && row.activiteit && !context.activityIds.has(row.activiteit.toLowerCase())) {
    reasons.push(`onbekende activiteit '${row.activiteit}': die staat niet (meer) in de programmacatalogus`);
  }
  if (!row.school_brin && (row.school_naam || row.school_soort || (row.subregio && !need.organisatie))) {
    reasons.push("school_naam, school_soort of subregio ingevuld zonder school_brin");
  }
  return reasons;
}

/**
 * Validates every record and the file as a whole. All problems are collected (never just the
 * first), each with the line a person sees in their editor, because the file is rejected as a
 * whole and fixing it should take one round.
 */
export function validateDirectoryRecords(records: readonly DirectoryRecord[], context: DirectoryContext): { ok: true; directory: ValidatedDirectory } | { ok: false; issues: DirectoryIssue[] } {
  const issues: DirectoryIssue[] = [];
  const people = new Map<string, DirectoryPerson>();
  const personByAad = new Map<string, DirectoryPerson>();
  const roles: DirectoryRole[] = [];
  const roleByKey = new Map<string, DirectoryRole>();
  const schools = new Map<string, DirectorySchool>();
  const brinLines = new Map<string, number[]>();
  const organisations = new Map<string, DirectoryOrganisation>();
  const mboIntakeLines: { line: number; brin: string }[] = [];

  /** One organisation per code: the same name must mean the same kind and subregio on every row. */
  const noteOrganisation = (line: number, naam: string, soort: OrganisationSoort, subregioId: SubregioId | undefined) => {
    const code = buildOrganisationCode(naam);
    const earlier = organisations.get(code);
    if (!earlier) {
      organisations.set(code, { line, code, naam, soort, ...(subregioId ? { subregioId } : {}) });
    } else if (earlier.soort !== soort) {
      issues.push({ line, reason: `organisatie '${naam}' staat op regel ${earlier.line} als ${earlier.soort === "bestuur" ? "schoolbestuur" : "gemeente"}: één naam is één soort organisatie` });
    } else if (subregioId && earlier.subregioId && earlier.subregioId !== subregioId) {
      issues.push({ line, reason: `subregio van organisatie '${naam}' verschilt van regel ${earlier.line}` });
    } else if (subregioId && !earlier.subregioId) {
      earlier.subregioId = subregioId;
    }
    return code;
  };

  for (const record of records) {
    const parsed = rowSchema.safeParse(record.values);
    const subregio = record.values.subregio?.trim() ?? "";
    const unknownSubregio = subregio !== "" && !normalizeSubregio(subregio, context.subregios);
    if (unknownSubregio) issues.push({ line: record.line, reason: `onbekende subregio '${subregio}' (kies uit: ${context.subregios.map((s) => s.naam).join(", ")})` });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issues.push({ line: record.line, reason: issue.message });
      continue;
    }
    if (unknownSubregio) continue;
    const row = parsed.data;
    const role = row.rol as Role;
    const scopeReasons = checkRoleScope(row, role, context);
    if (scopeReasons.length > 0) {
      for (const reason of scopeReasons) issues.push({ line: record.line, reason });
      continue;
    }
    const line = record.line;
    const email = row.email;
    const aad = row.aad_object_id?.toLowerCase() ?? null;

    const known = people.get(email);
    if (known) {
      if (known.naam !== row.naam) issues.push({ line, reason: `naam '${row.naam}' verschilt van regel ${known.line} ('${known.naam}') bij hetzelfde e-mailadres` });
      if (aad && known.aadObjectId && known.aadObjectId !== aad) issues.push({ line, reason: `aad_object_id verschilt van regel ${known.line} bij hetzelfde e-mailadres` });
      if (aad && !known.aadObjectId) known.aadObjectId = aad;
    } else {
      people.set(email, { line, email, naam: row.naam, aadObjectId: aad });
    }
    if (aad) {
      const other = personByAad.get(aad);
      if (other && other.email !== email) issues.push({ line, reason: `aad_object_id staat op regel ${other.line} al bij een ander e-mailadres` });
      else personByAad.set(aad, people.get(email)!);
    }

    const organisationSoort = ROLE_SCOPE[role].organisatie;
    const organisationCode = organisationSoort && row.organisatie ? noteOrganisation(line, row.organisatie, organisationSoort, row.subregio ? normalizeSubregio(row.subregio, context.subregios)! : undefined) : null;
    const schoolBrin = row.school_brin ? normalizeBrin(row.school_brin) : null;
    if (schoolBrin && role === "mbo-intake") mboIntakeLines.push({ line, brin: schoolBrin });
    if (schoolBrin) {
      brinLines.set(schoolBrin, [...(brinLines.get(schoolBrin) ?? []), line]);
      const given: DirectorySchool = { line, brin: schoolBrin };
      if (row.school_naam) given.naam = row.school_naam;
      if (row.school_soort) given.soort = normalizeSoort(row.school_soort)!;
      if (row.subregio) given.subregioId = normalizeSubregio(row.subregio, context.subregios)!;
      if (row.school_bestuur) given.bestuurCode = noteOrganisation(line, row.school_bestuur, "bestuur", undefined);
      const earlier = schools.get(schoolBrin);
      if (!earlier) {
        schools.set(schoolBrin, given);
      } else {
        const labels = { naam: "school_naam", soort: "school_soort", subregioId: "subregio", bestuurCode: "school_bestuur" } as const;
        for (const field of ["naam", "soort", "subregioId", "bestuurCode"] as const) {
          const value = given[field];
          if (value === undefined) continue;
          if (earlier[field] === undefined) (earlier as Record<string, unknown>)[field] = value;
          else if (earlier[field] !== value) issues.push({ line, reason: `${labels[field]} '${value}' van school ${schoolBrin} verschilt van een eerdere regel ('${earlier[field]}')` });
        }
      }
    }

    const scope = { schoolBrin, mentorGroup: row.mentorgroep, activityId: row.activiteit?.toLowerCase() ?? null, organisationCode };
    const scopeKey = buildScopeKey(scope);
    const roleKey = `${email}|${role}|${scopeKey}`;
    const duplicate = roleByKey.get(roleKey);
    if (duplicate) {
      issues.push({ line, reason: `dubbele regel: dezelfde persoon met dezelfde rol${schoolBrin ? ", school" : ""}${scope.mentorGroup ? " en mentorgroep" : ""}${scope.activityId ? " en activiteit" : ""}${scope.organisationCode ? " en organisatie" : ""} staat al op regel ${duplicate.line}` });
      continue;
    }
    const entry: DirectoryRole = { line, email, role, ...scope, scopeKey };
    roleByKey.set(roleKey, entry);
    roles.push(entry);
  }

  // A school the database does not know yet must be described completely somewhere in the file.
  for (const [brin, school] of schools) {
    if (context.schoolBrins.has(brin)) continue;
    const missing = [school.naam === undefined && "school_naam", school.soort === undefined && "school_soort", school.subregioId === undefined && "subregio"].filter(Boolean);
    if (missing.length === 0) continue;
    for (const line of brinLines.get(brin) ?? []) {
      issues.push({ line, reason: `school ${brin} is nieuw: vul ${missing.join(", ")} in (op ten minste één regel van deze school)` });
    }
  }

  // An intake belongs to an mbo institution: the file or the database must say the school is one.
  for (const { line, brin } of mboIntakeLines) {
    const soort = schools.get(brin)?.soort;
    const isMbo = soort !== undefined ? soort === "mbo" : (context.mboBrins?.has(brin) ?? false);
    if (!isMbo && (soort !== undefined || context.schoolBrins.has(brin))) issues.push({ line, reason: `rol mbo-intake hoort bij een mbo-instelling: school ${brin} is geen mbo` });
  }

  if (issues.length > 0) return { ok: false, issues: sortIssues(issues) };
  return { ok: true, directory: { people: [...people.values()], roles, schools: [...schools.values()], organisations: [...organisations.values()], subregios: context.subregios } };
}

export function sortIssues(issues: readonly DirectoryIssue[]): DirectoryIssue[] {
  return [...issues].sort((a, b) => a.line - b.line);
}

// ---------------------------------------------------------------------------------------------
// The diff: what an import changes

export type CurrentPerson = { id: number; email: string; naam: string; aadObjectId: string | null };
export type CurrentRole = { id: number; personId: number; role: string; scopeKey: string; source: string };
export type CurrentSchool = { id: number; brin: string; naam: string; soort: string; subregioId: string | null; bestuurCode?: string | null };
export type CurrentOrganisation = { id: number; code: string; naam: string; soort: string; subregioId: string | null };

/**
 * The part of the database an import can touch: the people named in the file (by e-mail or
 * AAD object id), every person holding an assignment of the import's source, their roles, and
 * the schools and subregio's.
 */
export type CurrentDirectory = {
  people: readonly CurrentPerson[];
  roles: readonly CurrentRole[];
  schools: readonly CurrentSchool[];
  /** The subregio's in the database, by id, with their names. */
  subregios: ReadonlyMap<string, string>;
  organisations?: readonly CurrentOrganisation[];
};

export type DirectoryPlan = {
  subregiosToCreate: { id: string; naam: string }[];
  /** Subregio's the region file now names differently (the id stays, so schools keep theirs). */
  subregiosToRename: { id: string; naam: string }[];
  organisationsToCreate: { code: string; naam: string; soort: string; subregioId: string | null }[];
  organisationsToUpdate: { id: number; code: string; data: { naam?: string; subregioId?: string } }[];
  /** bestuurCode names the school's board by organisation code; applying the plan finds its id. */
  schoolsToCreate: { brin: string; naam: string; soort: string; subregioId: string; bestuurCode?: string }[];
  schoolsToUpdate: { id: number; brin: string; data: { naam?: string; soort?: string; subregioId?: string; bestuurCode?: string } }[];
  peopleToCreate: { email: string; naam: string; aadObjectId: string | null }[];
  /** A changed AAD object id also drops the Teams id: that belonged to the other account. */
  peopleToUpdate: { id: number; email: string; data: { naam?: string; aadObjectId?: string; teamsUserId?: null } }[];
  rolesToCreate: DirectoryRole[];
  /** Existing assignments (manual or from another source) that this import now manages. */
  rolesToAdopt: { id: number; email: string; role: string; scopeKey: string }[];
  rolesToDelete: { id: number; email: string; role: string; scopeKey: string }[];
  summary: DirectoryImportSummary;
};

export type DirectoryImportSummary = {
  schools: { added: string[]; changed: string[] };
  organisations: { added: string[]; changed: string[] };
  people: { added: string[]; changed: string[]; removed: string[]; unchanged: number };
  roles: { added: string[]; removed: string[]; adopted: number; unchanged: number };
};

function describeRole(email: string, role: string, scopeKey: string): string {
  return scopeKey === "*" ? `${email} ${role}` : `${email} ${role} ${scopeKey}`;
}

/**
 * Computes the changes that make the database match the file, for assignments of `source`
 * only: people and roles the previous import of that source brought in and that are missing
 * now are removed; manual assignments (and the other source's) are never removed. People are
 * never deleted: a removed person keeps their record and Teams link but loses the roles of
 * this source, so Aanjager stops addressing them (everything it sends goes to a role).
 * Schools are never removed either, because figures and history hang on them.
 */
export function planDirectoryImport(current: CurrentDirectory, desired: ValidatedDirectory, source: DirectorySource): { ok: true; plan: DirectoryPlan } | { ok: false; issues: DirectoryIssue[] } {
  const issues: DirectoryIssue[] = [];
  const personByEmail = new Map(current.people.map((p) => [p.email, p]));
  const personByAad = new Map(current.people.filter((p) => p.aadObjectId).map((p) => [p.aadObjectId!.toLowerCase(), p]));
  const personById = new Map(current.people.map((p) => [p.id, p]));
  const schoolByBrin = new Map(current.schools.map((s) => [s.brin, s]));
  const rolesByPerson = new Map<number, CurrentRole[]>();
  for (const r of current.roles) rolesByPerson.set(r.personId, [...(rolesByPerson.get(r.personId) ?? []), r]);

  const summary: DirectoryImportSummary = {
    schools: { added: [], changed: [] },
    organisations: { added: [], changed: [] },
    people: { added: [], changed: [], removed: [], unchanged: 0 },
    roles: { added: [], removed: [], adopted: 0, unchanged: 0 },
  };
  const plan: DirectoryPlan = { subregiosToCreate: [], subregiosToRename: [], organisationsToCreate: [], organisationsToUpdate: [], schoolsToCreate: [], schoolsToUpdate: [], peopleToCreate: [], peopleToUpdate: [], rolesToCreate: [], rolesToAdopt: [], rolesToDelete: [], summary };

  plan.subregiosToCreate = desired.subregios.filter((s) => !current.subregios.has(s.id)).map((s) => ({ id: s.id, naam: s.naam }));
  // A name another subregio in the database still holds (one no longer in the region file) stays as it is: names are unique.
  const takenNames = new Set(current.subregios.values());
  plan.subregiosToRename = desired.subregios.filter((s) => current.subregios.has(s.id) && current.subregios.get(s.id) !== s.naam && !takenNames.has(s.naam)).map((s) => ({ id: s.id, naam: s.naam }));

  // Organisations are never removed either: cases and schools refer to them.
  const organisationByCode = new Map((current.organisations ?? []).map((o) => [o.code, o]));
  for (const organisation of desired.organisations) {
    const existing = organisationByCode.get(organisation.code);
    if (!existing) {
      plan.organisationsToCreate.push({ code: organisation.code, naam: organisation.naam, soort: organisation.soort, subregioId: organisation.subregioId ?? null });
      summary.organisations.added.push(organisation.naam);
      continue;
    }
    if (existing.soort !== organisation.soort) {
      issues.push({ line: organisation.line, reason: `organisatie '${organisation.naam}' is in Aanjager een ${existing.soort === "bestuur" ? "schoolbestuur" : "gemeente"}: één naam is één soort organisatie` });
      continue;
    }
    const data: { naam?: string; subregioId?: string } = {};
    if (organisation.naam !== existing.naam) data.naam = organisation.naam;
    if (organisation.subregioId !== undefined && organisation.subregioId !== existing.subregioId) data.subregioId = organisation.subregioId;
    if (Object.keys(data).length > 0) {
      plan.organisationsToUpdate.push({ id: existing.id, code: organisation.code, data });
      summary.organisations.changed.push(organisation.naam);
    }
  }

  for (const school of desired.schools) {
    const existing = schoolByBrin.get(school.brin);
    if (!existing) {
      // Validation guarantees a new school is complete.
      plan.schoolsToCreate.push({ brin: school.brin, naam: school.naam!, soort: school.soort!, subregioId: school.subregioId!, ...(school.bestuurCode ? { bestuurCode: school.bestuurCode } : {}) });
      summary.schools.added.push(school.brin);
      continue;
    }
    const data: { naam?: string; soort?: string; subregioId?: string; bestuurCode?: string } = {};
    if (school.naam !== undefined && school.naam !== existing.naam) data.naam = school.naam;
    if (school.bestuurCode !== undefined && school.bestuurCode !== existing.bestuurCode) data.bestuurCode = school.bestuurCode;
    if (school.soort !== undefined && school.soort !== existing.soort) data.soort = school.soort;
    if (school.subregioId !== undefined && school.subregioId !== existing.subregioId) data.subregioId = school.subregioId;
    if (Object.keys(data).length > 0) {
      plan.schoolsToUpdate.push({ id: existing.id, brin: school.brin, data });
      summary.schools.changed.push(school.brin);
    }
  }

  const inSource = (personId: number) => (rolesByPerson.get(personId) ?? []).some((r) => r.source === source);
  const fileEmails = new Set(desired.people.map((p) => p.email));
  for (const person of desired.people) {
    const existing = personByEmail.get(person.email);
    const holder = person.aadObjectId ? personByAad.get(person.aadObjectId) : undefined;
    if (holder && holder.email !== person.email) {
      issues.push({ line: person.line, reason: "aad_object_id is in Aanjager al gekoppeld aan iemand met een ander e-mailadres" });
      continue;
    }
    if (!existing) {
      plan.peopleToCreate.push({ email: person.email, naam: person.naam, aadObjectId: person.aadObjectId });
      summary.people.added.push(person.email);
      continue;
    }
    const data: { naam?: string; aadObjectId?: string; teamsUserId?: null } = {};
    if (person.naam !== existing.naam) data.naam = person.naam;
    // An empty cell means "not known to the school", never "unlink": a link made in Teams stays.
    if (person.aadObjectId && person.aadObjectId !== existing.aadObjectId?.toLowerCase()) {
      data.aadObjectId = person.aadObjectId;
      if (existing.aadObjectId) data.teamsUserId = null;
    }
    if (Object.keys(data).length > 0) {
      plan.peopleToUpdate.push({ id: existing.id, email: existing.email, data });
      summary.people.changed.push(existing.email);
    }
    if (!inSource(existing.id)) summary.people.added.push(existing.email);
    else if (Object.keys(data).length === 0) summary.people.unchanged++;
  }
  if (issues.length > 0) return { ok: false, issues: sortIssues(issues) };

  const wanted = new Set<string>();
  for (const role of desired.roles) {
    wanted.add(`${role.email}|${role.role}|${role.scopeKey}`);
    const person = personByEmail.get(role.email);
    const existing = person ? (rolesByPerson.get(person.id) ?? []).find((r) => r.role === role.role && r.scopeKey === role.scopeKey) : undefined;
    if (!existing) {
      plan.rolesToCreate.push(role);
      summary.roles.added.push(describeRole(role.email, role.role, role.scopeKey));
    } else if (existing.source !== source) {
      plan.rolesToAdopt.push({ id: existing.id, email: role.email, role: role.role, scopeKey: role.scopeKey });
      summary.roles.adopted++;
    } else {
      summary.roles.unchanged++;
    }
  }

  const removedPeople = new Set<string>();
  for (const role of current.roles) {
    if (role.source !== source) continue;
    const person = personById.get(role.personId);
    if (!person) continue;
    if (wanted.has(`${person.email}|${role.role}|${role.scopeKey}`)) continue;
    plan.rolesToDelete.push({ id: role.id, email: person.email, role: role.role, scopeKey: role.scopeKey });
    summary.roles.removed.push(describeRole(person.email, role.role, role.scopeKey));
    if (!fileEmails.has(person.email)) removedPeople.add(person.email);
  }
  summary.people.removed = [...removedPeople].sort();
  return { ok: true, plan };
}

export function hasDirectoryChanges(plan: DirectoryPlan): boolean {
  return (
    plan.subregiosToCreate.length + plan.subregiosToRename.length + plan.organisationsToCreate.length + plan.organisationsToUpdate.length + plan.schoolsToCreate.length + plan.schoolsToUpdate.length + plan.peopleToCreate.length + plan.peopleToUpdate.length + plan.rolesToCreate.length + plan.rolesToAdopt.length + plan.rolesToDelete.length >
    0
  );
}
