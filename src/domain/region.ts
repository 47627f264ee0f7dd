import { z } from "zod";
import { calculateEasterSunday, type PublicHoliday } from "./calendar/public-holidays.js";
import { SCHOOL_HOLIDAY_REGIONS, type SchoolHolidayRegion } from "./calendar/school-holidays.js";
import { isValidIsoDate, shiftIsoDate } from "./calendar/school-year.js";
import { readYamlFile } from "./yaml-errors.js";
import { DEFAULT_PHASE_TIMING, type PhaseTimingSettings } from "./ddd/campaign-plan.js";
import { DEFAULT_START_NORM } from "./ddd/overstap-year.js";
import { AppError } from "../errors.js";

/**
 * A region is data: the file the beheerder keeps (src/data/regio-*.yaml) says which subregio's
 * schools belong to, which school holidays count, which extra days are off, whom people contact
 * and when the DDD is due. Another region goes live with its own file, not with a code change.
 * Pure: this module validates text; src/config.ts reads the file.
 */

export type Subregio = {
  /** Slug used in the database, e.g. "parkstad". */
  id: string;
  /** As the region writes it, e.g. "Westelijke Mijnstreek". */
  naam: string;
  /** Other ways a directory file may write it (short forms such as "WM"). */
  aliases: readonly string[];
};

/** A day off beyond the public holidays: a fixed date, or a day counted from Easter Sunday (Goede Vrijdag is -2). */
export type ExtraDayOff = { naam: string; datum: string } | { naam: string; dagenVanafPasen: number };

export type Region = {
  naam: string;
  vakantieregio: SchoolHolidayRegion;
  subregios: readonly Subregio[];
  extraVrijeDagen: readonly ExtraDayOff[];
  projectteamContact: string;
  /** MM-DD in the second calendar year of the school year. */
  dddDeadline: string;
  /** When the registration phase and the DDD campaign begin, counted from the holidays. */
  dddTiming: PhaseTimingSettings;
  /** % of the placed overstappers started in the mbo on 1 October (the seed gives no figure; default DEFAULT_START_NORM). */
  overstapStartNorm: number;
};

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const text = (what: string) => z.string({ required_error: `${what} ontbreekt`, invalid_type_error: `${what} moet tekst zijn` }).trim().min(1, `${what} mag niet leeg zijn`);

/** A number of working days, 1 = the first working day after (or before) a holiday. */
const workingDays = (what: string, max: number) =>
  z
    .number({ invalid_type_error: `${what} moet een geheel aantal werkdagen zijn` })
    .int(`${what} moet een geheel aantal werkdagen zijn`)
    .min(1, `${what}: minstens 1 (1 = de eerste werkdag)`)
    .max(max, `${what}: hoogstens ${max} werkdagen`);

const subregioSchema = z
  .object({
    id: text("id").regex(SLUG, "id: gebruik kleine letters, cijfers en streepjes, bijvoorbeeld westelijke-mijnstreek"),
    naam: text("naam"),
    ookGeschrevenAls: z.array(text("een andere schrijfwijze"), { invalid_type_error: "ookGeschrevenAls moet een lijst zijn" }).default([]),
  })
  .strict();

const extraDaySchema = z.union(
  [
    z.object({ naam: text("naam"), datum: text("datum").refine(isValidIsoDate, "datum: verwacht \"JJJJ-MM-DD\" tussen aanhalingstekens") }).strict(),
    z.object({ naam: text("naam"), dagenVanafPasen: z.number({ invalid_type_error: "dagenVanafPasen moet een geheel getal zijn" }).int("dagenVanafPasen moet een geheel getal zijn").min(-60).max(60) }).strict(),
  ],
  { errorMap: () => ({ message: "een extra vrije dag heeft een naam en óf een datum (\"JJJJ-MM-DD\") óf dagenVanafPasen (Goede Vrijdag: -2)" }) },
);

export const regionFileSchema = z
  .object({
    naam: text("naam"),
    vakantieregio: z.enum(SCHOOL_HOLIDAY_REGIONS, { errorMap: () => ({ message: `vakantieregio: kies noord, midden of zuid` }) }),
    subregios: z.array(subregioSchema, { required_error: "subregios ontbreekt", invalid_type_error: "subregios moet een lijst zijn" }).min(1, "subregios: noem ten minste één subregio"),
    extraVrijeDagen: z.array(extraDaySchema, { invalid_type_error: "extraVrijeDagen moet een lijst zijn" }).default([]),
    projectteam: z.object({ contact: text("projectteam.contact") }, { required_error: "projectteam ontbreekt (met contact: hoe men het projectteam bereikt)" }).strict(),
    ddd: z
      .object(
        {
          deadline: text("ddd.deadline").regex(MONTH_DAY, "ddd.deadline: verwacht \"MM-DD\", bijvoorbeeld \"04-01\" voor 1 april"),
          registratieNaHerfstvakantie: workingDays("ddd.registratieNaHerfstvakantie", 20).default(DEFAULT_PHASE_TIMING.registrationAfterHerfstvakantie),
          herinneringVoorKerstvakantie: workingDays("ddd.herinneringVoorKerstvakantie", 30).default(DEFAULT_PHASE_TIMING.reminderBeforeKerstvakantie),
          campagneNaKerstvakantie: workingDays("ddd.campagneNaKerstvakantie", 20).default(DEFAULT_PHASE_TIMING.campaignAfterKerstvakantie),
        },
        { required_error: "ddd ontbreekt (met deadline: \"MM-DD\")" },
      )
      .strict(),
    overstapjaar: z
      .object({ normGestart: z.number({ invalid_type_error: "overstapjaar.normGestart moet een getal zijn (een percentage)" }).min(0, "overstapjaar.normGestart: een percentage van 0 tot en met 100").max(100, "overstapjaar.normGestart: een percentage van 0 tot en met 100") })
      .strict()
      .default({ normGestart: DEFAULT_START_NORM }),
  })
  .strict()
  .superRefine((file, ctx) => {
    // Two subregio's that read the same would make a directory row ambiguous.
    const seen = new Map<string, number>();
    file.subregios.forEach((s, index) => {
      for (const [field, value] of [["id", s.id], ["naam", s.naam], ...s.ookGeschrevenAls.map((a, i) => [`ookGeschrevenAls.${i}`, a])] as const) {
        const key = squashName(value);
        const earlier = seen.get(key);
        if (earlier !== undefined && earlier !== index) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["subregios", index, ...String(field).split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p))], message: `'${value}' is ook de naam van subregio nr. ${earlier + 1}` });
        }
        seen.set(key, index);
      }
    });
  });

/** Spelling-insensitive key: case, accents, spaces, dashes and dots do not matter. */
export function squashName(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\s_\-/.]+/g, "");
}

/** "Westelijke Mijnstreek", "westelijke-mijnstreek", "WM" ... to the subregio's id, or null. */
export function findSubregioId(value: string, subregios: readonly Subregio[]): string | null {
  let byKey = subregioKeys.get(subregios);
  if (!byKey) {
    byKey = new Map(subregios.flatMap((s) => [s.id, s.naam, ...s.aliases].map((name) => [squashName(name), s.id] as const)));
    subregioKeys.set(subregios, byKey);
  }
  return byKey.get(squashName(value)) ?? null;
}

// An import asks for every row; a region's list never changes, so its lookup is built once.
const subregioKeys = new WeakMap<readonly Subregio[], Map<string, string>>();

/** The region's extra days off in a calendar year, shaped as public holidays so the calendar treats them alike. */
export function listExtraDaysOff(region: Pick<Region, "extraVrijeDagen">, year: number): PublicHoliday[] {
  return region.extraVrijeDagen.flatMap((day) => {
    if ("datum" in day) return day.datum.startsWith(`${year}-`) ? [{ date: day.datum, name: day.naam }] : [];
    return [{ date: shiftIsoDate(calculateEasterSunday(year), day.dagenVanafPasen), name: day.naam }];
  });
}


function fail(sourceName: string, lines: string[]): never {
  throw new AppError("CONFIG_INVALID", `Het regiobestand '${sourceName}' is ongeldig, Aanjager start niet:\n${lines.map((l) => `- ${l}`).join("\n")}`);
}

/** Parses and validates a region file; throws AppError CONFIG_INVALID listing every problem with its line. */
export function parseRegion(yamlText: string, options: { sourceName: string }): Region {
  const r = readYamlFile(yamlText, regionFileSchema, (lines) => fail(options.sourceName, lines));
  return {
    naam: r.naam,
    vakantieregio: r.vakantieregio,
    subregios: r.subregios.map((s) => ({ id: s.id, naam: s.naam, aliases: s.ookGeschrevenAls })),
    extraVrijeDagen: r.extraVrijeDagen,
    projectteamContact: r.projectteam.contact,
    dddDeadline: r.ddd.deadline,
    dddTiming: {
      registrationAfterHerfstvakantie: r.ddd.registratieNaHerfstvakantie,
      reminderBeforeKerstvakantie: r.ddd.herinneringVoorKerstvakantie,
      campaignAfterKerstvakantie: r.ddd.campagneNaKerstvakantie,
    },
    overstapStartNorm: r.overstapjaar.normGestart,
  };
}
