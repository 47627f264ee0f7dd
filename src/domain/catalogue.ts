import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { describeYamlError } from "./yaml-errors.js";
import { z } from "zod";
import { addWorkingDays, firstWorkingDayOfMonth, isSchoolYearLabel, parseSchoolYear, shiftIsoDate, type IsoDate, type WorkCalendar } from "./calendar/index.js";
import { ROLES, type Role } from "./roles.js";

/**
 * The programme catalogue: the activities of the regional VSV programme with their meetmoment
 * rhythms and KPIs, as kept in src/data/activities.yaml (copied from the programme plan
 * 2016-2020). This module validates that YAML (the beheerder edits it and re-imports it),
 * derives what the file leaves implicit (KPI direction), resolves targets per school year,
 * decides whether an activity runs in a school year (its looptijd, its programme period) and
 * lists the meetmomenten of a school year. Pure: text in, data out.
 *
 * Months are never invented: a rhythm whose source names no month ("twee keer per jaar",
 * "op het einde van het jaar") gives no meetmomenten until the beheerder writes the months in
 * the catalogue; `listSchedulesNeedingChoice` names those rhythms.
 */

export const MEETMOMENT_KINDS = ["halfyearly", "yearly", "quarterly", "monthly", "per-event", "other"] as const;
export type MeetmomentKind = (typeof MEETMOMENT_KINDS)[number];

export const KPI_UNITS = ["count", "percentage", "text"] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];
export type KpiDirection = "higher" | "lower";

/** One rhythm as written in the catalogue; empty months mean "the source names none: the beheerder chooses". */
export type MeetmomentSchedule = { kind: MeetmomentKind; months: number[]; day: number | null; note: string | null };

export type KpiTarget = { period: string; schoolYear: string | null; value: number };

export type CatalogueKpi = {
  key: string;
  name: string;
  unit: KpiUnit;
  direction: KpiDirection | null;
  targetText: string | null;
  note: string | null;
  targets: KpiTarget[];
  /** False where the source says the figure cannot be established yet: never asked as a number. */
  measurable: boolean;
  /** The DUO onderwijstype whose published vsv-percentage fills this KPI (never typed by an owner). */
  duoVsv: string | null;
};

/** Who reports a round's figures: one answer for the activity (null), or each responsible party its own. */
export const PARTY_KINDS = ["school", "subregio", "eigenaar"] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export type CatalogueActivity = {
  id: string;
  position: number;
  section: string | null;
  programmalijn: string;
  maatregel: string | null;
  naam: string;
  doel: string | null;
  doelgroep: string;
  looptijd: string | null;
  verantwoordelijk: string | null;
  monitoring: string | null;
  ownerRole: Role;
  /** The programme period the entry belongs to ("2016-2020"); null: not tied to one. */
  programmePeriod: string | null;
  /** First and last school year of the looptijd; a null end runs to the end of the programme period. */
  looptijdFrom: string | null;
  looptijdTo: string | null;
  figuresPer: PartyKind | null;
  meetmomenten: MeetmomentSchedule[];
  kpis: CatalogueKpi[];
};

export type CatalogueIssue = { position: number | null; id: string | null; line: number | null; reason: string };

const MONTH_COUNT: Partial<Record<MeetmomentKind, { counts: number[]; label: string }>> = {
  halfyearly: { counts: [0, 2], label: "halfjaarlijks: twee maanden, of leeg zolang de bron geen maanden noemt" },
  yearly: { counts: [0, 1], label: "jaarlijks: één maand, of leeg zolang de bron geen maand noemt" },
  quarterly: { counts: [0, 4], label: "per kwartaal: vier maanden, of leeg zolang de bron geen maanden noemt" },
};

/** The rhythms that take months; per-event and other rhythms never have dates. */
const DATED_KINDS: readonly MeetmomentKind[] = ["halfyearly", "yearly", "quarterly", "monthly"];

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// ---------------------------------------------------------------------------------------------
// Validation

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const requiredText = (label: string) =>
  z.string({ required_error: `${label} ontbreekt`, invalid_type_error: `${label} moet tekst zijn` }).trim().min(1, `${label} is leeg`);
const optionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || String(v).trim() === "" ? null : String(v).trim()));

const scheduleSchema = z
  .object({
    kind: z.enum(MEETMOMENT_KINDS, { errorMap: () => ({ message: `onbekende soort meetmoment (kies uit: ${MEETMOMENT_KINDS.join(", ")})` }) }),
    months: z
      .array(z.number({ invalid_type_error: "maand moet een getal 1-12 zijn" }).int("maand moet een geheel getal zijn").min(1, "maand moet 1-12 zijn").max(12, "maand moet 1-12 zijn"))
      .nullish()
      .transform((v) => v ?? []),
    day: z.number({ invalid_type_error: "dag moet een getal zijn" }).int("dag moet een geheel getal zijn").min(1, "dag moet 1-31 zijn").max(31, "dag moet 1-31 zijn").nullish().transform((v) => v ?? null),
    note: optionalText,
  })
  .passthrough()
  .superRefine((s, ctx) => {
    if (new Set(s.months).size !== s.months.length) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["months"], message: "een maand staat er twee keer in" });
    const rule = MONTH_COUNT[s.kind];
    if (rule && !rule.counts.includes(s.months.length)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["months"], message: `${s.months.length} maanden bij ${rule.label}` });
    if ((s.kind === "per-event" || s.kind === "other") && (s.months.length > 0 || s.day !== null)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["months"], message: `een meetmoment '${s.kind}' heeft geen vaste maanden of dag` });
    }
    if (s.day !== null) {
      if (s.months.length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["day"], message: "een dag zonder maanden: vul ook de maanden in" });
      for (const m of s.months) {
        if (s.day > DAYS_IN_MONTH[m - 1]!) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["day"], message: `dag ${s.day} bestaat niet in maand ${m} (in elk jaar)` });
      }
    }
  });

const PROGRAMME_YEAR = /^\d+e jaar$/;
const PROGRAMME_PERIOD = /^\d{4}-\d{4}$/;
const schoolYearText = z.string({ invalid_type_error: "schooljaar is tekst, bijvoorbeeld \"2016-2017\"" }).refine(isSchoolYearLabel, "geen schooljaar (JJJJ-JJJJ, opeenvolgende jaren)");

function periodYears(period: string): { start: number; end: number } {
  const [start, end] = period.split("-").map(Number);
  return { start: start!, end: end! };
}

function parseTargetValue(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value !== "string") return null;
  const match = /^\s*(\d+(?:[.,]\d+)?)\s*%?\s*$/.exec(value);
  return match ? Number(match[1]!.replace(",", ".")) : null;
}

const kpiSchema = z
  .object({
    id: z.string().regex(SLUG, "id: alleen kleine letters, cijfers en streepjes").max(60, "id is te lang").optional(),
    name: requiredText("name"),
    unit: z.enum(KPI_UNITS, { errorMap: () => ({ message: `onbekende eenheid (kies uit: ${KPI_UNITS.join(", ")})` }) }),
    target: optionalText,
    note: optionalText,
    direction: z.enum(["higher", "lower", "none"], { errorMap: () => ({ message: "direction is higher, lower of none" }) }).optional(),
    meetbaar: z.boolean({ invalid_type_error: "meetbaar is true of false" }).optional(),
    duo_vsv: optionalText,
    per_year_targets: z
      .record(z.union([z.string(), z.number()]))
      .nullish()
      .superRefine((targets, ctx) => {
        for (const [period, value] of Object.entries(targets ?? {})) {
          if (!isSchoolYearLabel(period) && !PROGRAMME_YEAR.test(period)) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, path: [period], message: `periode '${period}' is geen schooljaar (JJJJ-JJJJ) of programmajaar ('1e jaar')` });
          } else if (parseTargetValue(value) === null) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, path: [period], message: `streefwaarde '${value}' is geen getal of percentage` });
          }
        }
      }),
  })
  .passthrough();

const activitySchema = z
  .object({
    id: z.string({ required_error: "id ontbreekt" }).regex(SLUG, "id: alleen kleine letters, cijfers en streepjes (bijvoorbeeld ddd)").max(60, "id is te lang"),
    section: optionalText,
    programmalijn: requiredText("programmalijn"),
    maatregel: optionalText,
    naam: requiredText("naam"),
    doel: optionalText,
    doelgroep: requiredText("doelgroep"),
    looptijd: optionalText,
    verantwoordelijk: optionalText,
    monitoring: optionalText,
    owner_role: z.enum(ROLES, { errorMap: () => ({ message: `onbekende rol (kies uit: ${ROLES.join(", ")})` }) }).optional(),
    programmaperiode: z
      .string({ invalid_type_error: "programmaperiode is tekst, bijvoorbeeld \"2016-2020\"" })
      .regex(PROGRAMME_PERIOD, "programmaperiode: JJJJ-JJJJ, bijvoorbeeld 2016-2020")
      .refine((v) => periodYears(v).start < periodYears(v).end, "programmaperiode: het eindjaar moet na het beginjaar liggen")
      .nullish()
      .transform((v) => v ?? null),
    looptijd_schooljaren: z
      .object({ van: schoolYearText.nullish().transform((v) => v ?? null), tot: schoolYearText.nullish().transform((v) => v ?? null) })
      .nullish()
      .transform((v) => v ?? { van: null, tot: null })
      .refine((v) => !v.van || !v.tot || v.van <= v.tot, "looptijd_schooljaren: 'tot' ligt vóór 'van'"),
    cijfers_per: z.enum(PARTY_KINDS, { errorMap: () => ({ message: `cijfers_per: kies uit ${PARTY_KINDS.join(", ")}` }) }).nullish().transform((v) => v ?? null),
    meetmomenten_parsed: z.array(scheduleSchema).nullish().transform((v) => v ?? []),
    kpis: z.array(kpiSchema).nullish().transform((v) => v ?? []),
  })
  .passthrough();

type KpiInput = z.infer<typeof kpiSchema>;

const DUTCH_TYPE_NAMES: Record<string, string> = {
  string: "tekst",
  number: "een getal",
  integer: "een geheel getal",
  float: "een getal",
  boolean: "ja/nee (true/false)",
  array: "een lijst",
  object: "velden (naam: waarde)",
  null: "niets (null)",
  date: "een datum",
};

/**
 * Dutch messages for zod's structural issues (a value of the wrong type, such as `months: 11`
 * without brackets): the beheerder editing the YAML does not read "Expected array, received
 * number". The schemas' own messages (set per field) are kept as they are.
 */
const dutchErrorMap: z.ZodErrorMap = (issue, ctx) => {
  if (issue.code === z.ZodIssueCode.invalid_type) {
    if (issue.received === "undefined") return { message: "ontbreekt" };
    const name = (type: string) => DUTCH_TYPE_NAMES[type] ?? type;
    return { message: `verkeerd soort waarde: verwacht ${name(issue.expected)}, gevonden ${name(issue.received)}` };
  }
  return { message: ctx.defaultError };
};

function slugify(text: string, max = 48): string {
  const slug = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/%/g, " pct ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  if (slug.length <= max) return slug || "kpi";
  // Cut at a word boundary so the key stays readable.
  const cut = slug.slice(0, max + 1);
  return cut.slice(0, Math.max(cut.lastIndexOf("-"), 16)).replace(/-+$/, "");
}

// ---------------------------------------------------------------------------------------------
// KPI direction

// A measure of harm: fewer is better. "streefnorm" is OCW's maximum vsv percentage for a sector.
const HARM = /\bvsv|uitval|uitvallers|uitgevallen|verzuim|thuiszit|streefnorm|\bweken\b|\bduur\b|zomerlek|late aanmeld/i;
// Registering harm (reports, registered drop-outs): more can mean better registration as easily
// as more harm, so "better" is left undefined for these.
const REGISTRATION = /melding|geregistreerd/i;
const TARGET_LOWER = /terugdring|verminder|reducer|gedaald|daling|afname|(^|\s)-\s?\d/i;
const TARGET_HIGHER = /verhog|oplopend|toename|\bgroei/i;

/**
 * Which way is better for a KPI, derived in this order:
 * 1. an explicit `direction` in the catalogue (higher, lower or none) always wins;
 * 2. text KPIs have no direction;
 * 3. a count of registered harm ("verzuimmeldingen", drop-outs "in beeld gebracht en
 *    geregistreerd") has none either (ambiguous, see REGISTRATION);
 * 4. the target's own words: "terugdringen/verminderen/reduceren/gedaald/-50%" mean lower,
 *    "verhogen/oplopend/toename" higher;
 * 5. a measure of harm in the name (vsv, uitval, verzuim, thuiszitters, duration, the vsv
 *    streefnorm) is lower;
 * 6. per-period targets that rise (90, 95, 96, 97 %) mean higher, that fall lower;
 * 7. anything else counted in the programme (trajecten, leerlingen in beeld, begeleid,
 *    behouden) is something the programme wants more of: higher.
 */
export function deriveKpiDirection(kpi: { name: string; unit: KpiUnit; target: string | null; direction?: "higher" | "lower" | "none"; targets?: readonly { value: number }[] }): KpiDirection | null {
  if (kpi.direction) return kpi.direction === "none" ? null : kpi.direction;
  if (kpi.unit === "text") return null;
  if (REGISTRATION.test(kpi.name) && HARM.test(kpi.name)) return null;
  const target = kpi.target ?? "";
  if (TARGET_LOWER.test(target)) return "lower";
  if (TARGET_HIGHER.test(target)) return "higher";
  if (HARM.test(kpi.name)) return "lower";
  const values = (kpi.targets ?? []).map((t) => t.value);
  if (values.length >= 2 && values[values.length - 1]! > values[0]!) return "higher";
  if (values.length >= 2 && values[values.length - 1]! < values[0]!) return "lower";
  return "higher";
}

function buildKpi(input: KpiInput): CatalogueKpi {
  const targets: KpiTarget[] = Object.entries(input.per_year_targets ?? {}).map(([period, value]) => ({
    period,
    schoolYear: isSchoolYearLabel(period) ? period : null,
    value: parseTargetValue(value)!,
  }));
  targets.sort((a, b) => (a.schoolYear && b.schoolYear ? a.schoolYear.localeCompare(b.schoolYear) : a.period.localeCompare(b.period, "nl", { numeric: true })));
  return {
    key: input.id ?? slugify(input.name),
    name: input.name,
    unit: input.unit,
    direction: deriveKpiDirection({ name: input.name, unit: input.unit, target: input.target, direction: input.direction, targets }),
    targetText: input.target,
    note: input.note,
    targets,
    measurable: input.meetbaar ?? true,
    duoVsv: input.duo_vsv,
  };
}

// ---------------------------------------------------------------------------------------------
// Parsing the YAML with positions, so every rejection names the entry and its line

function lineOf(doc: ReturnType<typeof parseDocument>, counter: LineCounter, path: (string | number)[]): number | null {
  for (let depth = path.length; depth >= 1; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as YamlNode | undefined;
    const range = node && typeof node === "object" && "range" in node ? node.range : undefined;
    if (range) return counter.linePos(range[0]).line;
  }
  return null;
}

function describePath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p + 1}]` : i === 0 ? p : `.${p}`)).join("");
}

/**
 * Validates a catalogue YAML. The whole file is checked and every problem reported with the
 * entry's position (1-based), its id and line; a file with any problem is rejected as a whole.
 */
export function parseCatalogue(text: string): { ok: true; activities: CatalogueActivity[] } | { ok: false; issues: CatalogueIssue[] } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // One line per place and kind: the parser can report the same fault several times.
    const issues = new Map<string, CatalogueIssue>();
    for (const e of doc.errors) {
      const line = counter.linePos(e.pos[0]).line;
      const reason = `geen geldige YAML: ${describeYamlError({ code: e.code, message: e.message })}`;
      issues.set(`${line}|${reason}`, { position: null, id: null, line, reason });
    }
    return { ok: false, issues: [...issues.values()] };
  }
  if (!isSeq(doc.contents)) return { ok: false, issues: [{ position: null, id: null, line: 1, reason: "het bestand moet een lijst van activiteiten zijn (regels die beginnen met '- id:')" }] };
  const items = doc.toJS() as unknown[];
  if (items.length === 0) return { ok: false, issues: [{ position: null, id: null, line: 1, reason: "de catalogus bevat geen activiteiten" }] };

  const issues: CatalogueIssue[] = [];
  const activities: CatalogueActivity[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const position = index + 1;
    const itemNode = doc.contents && isSeq(doc.contents) ? doc.contents.items[index] : undefined;
    const rawId = isMap(itemNode) && typeof (item as { id?: unknown })?.id === "string" ? (item as { id: string }).id : null;
    const issue = (path: (string | number)[], reason: string) => issues.push({ position, id: rawId, line: lineOf(doc, counter, [index, ...path]), reason: path.length > 0 ? `${describePath(path)}: ${reason}` : reason });
    if (!isMap(itemNode)) {
      issue([], "een activiteit moet velden hebben (id, naam, programmalijn, ...)");
      return;
    }
    const parsed = activitySchema.safeParse(item, { errorMap: dutchErrorMap });
    if (!parsed.success) {
      for (const zIssue of parsed.error.issues) issue(zIssue.path, zIssue.message);
      return;
    }
    const a = parsed.data;
    const earlier = seen.get(a.id);
    if (earlier !== undefined) issue(["id"], `id '${a.id}' staat ook bij activiteit ${earlier}`);
    seen.set(a.id, position);
    const kpis = a.kpis.map(buildKpi);
    const keys = new Map<string, number>();
    kpis.forEach((k, i) => {
      const other = keys.get(k.key);
      if (other !== undefined) issue(["kpis", i], `KPI-sleutel '${k.key}' komt ook voor bij KPI ${other + 1}; geef een van beide een eigen id`);
      keys.set(k.key, i);
    });
    activities.push({
      id: a.id,
      position,
      section: a.section,
      programmalijn: a.programmalijn,
      maatregel: a.maatregel,
      naam: a.naam,
      doel: a.doel,
      doelgroep: a.doelgroep,
      looptijd: a.looptijd,
      verantwoordelijk: a.verantwoordelijk,
      monitoring: a.monitoring,
      ownerRole: a.owner_role ?? "eigenaar",
      programmePeriod: a.programmaperiode,
      looptijdFrom: a.looptijd_schooljaren.van,
      looptijdTo: a.looptijd_schooljaren.tot,
      figuresPer: a.cijfers_per,
      meetmomenten: a.meetmomenten_parsed.map((s) => ({ kind: s.kind, months: s.months, day: s.day, note: s.note })),
      kpis,
    });
  });
  if (issues.length > 0) return { ok: false, issues: issues.sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || (a.line ?? 0) - (b.line ?? 0)) };
  return { ok: true, activities };
}

export function formatCatalogueIssue(issue: CatalogueIssue): string {
  const where = [issue.position !== null ? `activiteit ${issue.position}` : null, issue.id ? `id ${issue.id}` : null, issue.line !== null ? `regel ${issue.line}` : null].filter(Boolean).join(", ");
  return where ? `${where}: ${issue.reason}` : issue.reason;
}

// ---------------------------------------------------------------------------------------------
// Targets per school year

export type ResolvedTarget = { value: number; schoolYear: string; defaulted: boolean };

/**
 * The target of a KPI for a school year: the year's own target when the catalogue has one,
 * otherwise the most recent earlier school year's (the seed's targets end in 2019-2020, so
 * today's target defaults to that year's until the beheerder configures a newer one).
 * Null when there is no target on or before that year.
 */
export function resolveKpiTarget(targets: readonly KpiTarget[], schoolYear: string): ResolvedTarget | null {
  const wanted = parseSchoolYear(schoolYear).startYear;
  let best: { start: number; target: KpiTarget } | null = null;
  for (const target of targets) {
    if (!target.schoolYear) continue;
    const start = parseSchoolYear(target.schoolYear).startYear;
    if (start <= wanted && (!best || start > best.start)) best = { start, target };
  }
  if (!best) return null;
  return { value: best.target.value, schoolYear: best.target.schoolYear!, defaulted: best.start !== wanted };
}

// ---------------------------------------------------------------------------------------------
// Meetmomenten

export type Meetmoment = {
  activityId: string;
  /** Index of the rhythm in the activity's meetmomenten (0-based). */
  scheduleIndex: number;
  kind: MeetmomentKind;
  /** The day the catalogue means: its fixed day (1 januari, a peildatum) or, for a month, the month's first working day. */
  date: IsoDate;
  /** The first working day on or after `date`: when a request for figures can go out. */
  workingDay: IsoDate;
  /** The school year the figures describe (see describedSchoolYear). */
  describes: string;
  note: string | null;
};

/** A rhythm with a frequency but no month in its source: it waits for the beheerder's choice. */
export function needsMonthChoice(schedule: MeetmomentSchedule): boolean {
  return DATED_KINDS.includes(schedule.kind) && schedule.months.length === 0;
}

/** The rhythms of an activity that give no rounds until the beheerder writes their months. */
export function listSchedulesNeedingChoice(activity: { meetmomenten: readonly MeetmomentSchedule[] }): MeetmomentSchedule[] {
  return activity.meetmomenten.filter(needsMonthChoice);
}

/**
 * The school year a meetmoment's figures describe. From 1 August to the end of November the
 * figures are those of the school year that just ended (the verzuimconvenant's 1 August
 * peildatum, the November evaluation of last year's overstap); from December on they describe
 * the running school year.
 */
export function describedSchoolYear(date: IsoDate): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (month >= 8 && month <= 11) return `${year - 1}-${year}`;
  return month >= 12 ? `${year}-${year + 1}` : `${year - 1}-${year}`;
}

/** The first and last school year of a programme period ("2016-2020": 2016-2017 to 2019-2020). */
export function programmePeriodSchoolYears(period: string): { first: string; last: string } {
  const { start, end } = periodYears(period);
  return { first: `${start}-${start + 1}`, last: `${end - 1}-${end}` };
}

export type ActivityRun = { running: true } | { running: false; reason: "nog-niet-gestart" | "afgelopen" | "opgevolgd" };

/**
 * Whether an activity runs in a school year. Its own looptijd decides first (an activity that
 * ended in 2017-2018 gets no rounds in 2026-2027). An activity that runs "the whole programme
 * period" (no end year) keeps running after the period's nominal end, because the programme
 * stays in force until the region adopts the next one; it stops when the catalogue holds a
 * later programme period that has begun (`periods`: every period in the catalogue).
 */
export function describeActivityRun(activity: Pick<CatalogueActivity, "looptijdFrom" | "looptijdTo" | "programmePeriod">, schoolYear: string, periods: readonly string[]): ActivityRun {
  if (activity.looptijdFrom && schoolYear < activity.looptijdFrom) return { running: false, reason: "nog-niet-gestart" };
  if (activity.looptijdTo && schoolYear > activity.looptijdTo) return { running: false, reason: "afgelopen" };
  if (!activity.looptijdTo && activity.programmePeriod) {
    const own = periodYears(activity.programmePeriod).start;
    const successor = periods.some((p) => periodYears(p).start > own && programmePeriodSchoolYears(p).first <= schoolYear);
    if (successor) return { running: false, reason: "opgevolgd" };
  }
  return { running: true };
}

export function isActivityRunning(activity: Pick<CatalogueActivity, "looptijdFrom" | "looptijdTo" | "programmePeriod">, schoolYear: string, periods: readonly string[]): boolean {
  return describeActivityRun(activity, schoolYear, periods).running;
}

/** The programme periods of a catalogue, oldest first. */
export function listProgrammePeriods(activities: readonly Pick<CatalogueActivity, "programmePeriod">[]): string[] {
  return [...new Set(activities.map((a) => a.programmePeriod).filter((p): p is string => p !== null))].sort();
}

function firstWorkingDayFrom(day: IsoDate, calendar: WorkCalendar): IsoDate {
  return addWorkingDays(shiftIsoDate(day, -1), 1, calendar);
}

/**
 * The meetmomenten of an activity in a school year (1 August - 31 July), in date order.
 * Months from August on belong to the school year's first calendar year, January-July to the
 * second; a rhythm without months (the source names none) gives none. A fixed day is kept as the date (a peildatum such as 1 januari stays 1 januari) with
 * the first working day next to it; a month-only rhythm falls on the month's first working
 * day (which in a summer-long holiday can roll into the next month: deferred, never dropped;
 * two months landing on the same day give one meetmoment). Per-event and other rhythms have
 * no dates and give none.
 */
export function listMeetmomenten(activity: { id: string; meetmomenten: readonly MeetmomentSchedule[] }, schoolYear: string, calendar: WorkCalendar): Meetmoment[] {
  const { startYear, endYear } = parseSchoolYear(schoolYear);
  const result: Meetmoment[] = [];
  activity.meetmomenten.forEach((schedule, scheduleIndex) => {
    const months = DATED_KINDS.includes(schedule.kind) ? schedule.months : [];
    const seen = new Set<IsoDate>();
    for (const month of months) {
      const year = month >= 8 ? startYear : endYear;
      const date = schedule.day !== null ? `${year}-${String(month).padStart(2, "0")}-${String(schedule.day).padStart(2, "0")}` : firstWorkingDayOfMonth(year, month, calendar);
      if (seen.has(date)) continue;
      seen.add(date);
      result.push({ activityId: activity.id, scheduleIndex, kind: schedule.kind, date, workingDay: firstWorkingDayFrom(date, calendar), describes: describedSchoolYear(date), note: schedule.note });
    }
  });
  return result.sort((a, b) => a.date.localeCompare(b.date) || a.scheduleIndex - b.scheduleIndex);
}

// ---------------------------------------------------------------------------------------------
// The diff: what a catalogue import changes

export type CataloguePlan = {
  toCreate: CatalogueActivity[];
  toUpdate: CatalogueActivity[];
  toArchive: string[];
  summary: { added: string[]; changed: string[]; archived: string[]; unchanged: number };
};

/** A canonical text of an activity (fixed key order), so the database's copy and the file's compare equal when equal. */
function comparable(a: CatalogueActivity): string {
  return JSON.stringify([
    a.position, a.section, a.programmalijn, a.maatregel, a.naam, a.doel, a.doelgroep, a.looptijd, a.verantwoordelijk, a.monitoring, a.ownerRole,
    a.programmePeriod, a.looptijdFrom, a.looptijdTo, a.figuresPer,
    a.meetmomenten.map((m) => [m.kind, m.months, m.day, m.note]),
    a.kpis.map((k) => [k.key, k.name, k.unit, k.direction, k.targetText, k.note, k.measurable, k.duoVsv, k.targets.map((t) => [t.period, t.schoolYear, t.value])]),
  ]);
}

/**
 * The school-year targets an import keeps although the file does not have them: those of school
 * years before the file's programme period, so figures of an earlier period keep their norms
 * when an activity continues into a new period.
 */
export function keepsEarlierTarget(target: Pick<KpiTarget, "schoolYear">, desired: Pick<CatalogueActivity, "programmePeriod">): boolean {
  return desired.programmePeriod !== null && target.schoolYear !== null && target.schoolYear < programmePeriodSchoolYears(desired.programmePeriod).first;
}

/** The activity as the file would leave it: the stored copy without the earlier period's kept targets. */
function withoutKeptTargets(a: CatalogueActivity, desired: CatalogueActivity): CatalogueActivity {
  const inFile = (key: string, period: string) => desired.kpis.some((k) => k.key === key && k.targets.some((t) => t.period === period));
  return { ...a, kpis: a.kpis.map((k) => ({ ...k, targets: k.targets.filter((t) => !keepsEarlierTarget(t, desired) || inFile(k.key, t.period)) })) };
}

/**
 * Compares the file with the catalogue in the database (both normalised the same way). An
 * activity missing from the file is archived, not deleted: measurements may refer to it. A file
 * of programme periods only touches those periods: importing the 2026-2029 catalogue leaves the
 * 2016-2020 activities in place (they stop running once the new period begins, and keep their
 * history); an activity id the new file repeats continues into the new period.
 */
export function planCatalogueImport(current: readonly (CatalogueActivity & { archived: boolean })[], desired: readonly CatalogueActivity[]): CataloguePlan {
  const byId = new Map(current.map((a) => [a.id, a]));
  const wanted = new Set(desired.map((a) => a.id));
  const plan: CataloguePlan = { toCreate: [], toUpdate: [], toArchive: [], summary: { added: [], changed: [], archived: [], unchanged: 0 } };
  for (const activity of desired) {
    const existing = byId.get(activity.id);
    if (!existing) {
      plan.toCreate.push(activity);
      plan.summary.added.push(activity.id);
      continue;
    }
    const { archived, ...rest } = existing;
    if (archived || comparable(withoutKeptTargets(rest, activity)) !== comparable(activity)) {
      plan.toUpdate.push(activity);
      plan.summary.changed.push(activity.id);
    } else {
      plan.summary.unchanged++;
    }
  }
  const filePeriods = new Set(desired.map((a) => a.programmePeriod));
  for (const activity of current) {
    if (!wanted.has(activity.id) && !activity.archived && filePeriods.has(activity.programmePeriod)) {
      plan.toArchive.push(activity.id);
      plan.summary.archived.push(activity.id);
    }
  }
  return plan;
}
