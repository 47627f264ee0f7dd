import { z } from "zod";
import { AppError } from "../../errors.js";
import { squashName } from "../region.js";
import { readYamlFile } from "../yaml-errors.js";

/**
 * The mapping file of the overstap system's per-pupil export (src/data/overstap-export.yaml, or
 * the file OVERSTAP_EXPORT_FILE names): which header names mean which column, and which status
 * words mean which stage. The beheerder keeps it, because every overstap system (and every
 * version of its export) writes its own words; a new word is a line in this file, not a release.
 * Pure: this module validates text; src/config.ts reads the file.
 */

export const PUPIL_EXPORT_COLUMNS = ["school", "mentorgroep", "dddStatus", "aanmeldingStatus", "instelling", "opleiding"] as const;
export type PupilExportColumn = (typeof PUPIL_EXPORT_COLUMNS)[number];

/** Cumulative stages of the dossier, in order; `telNietMee` is a pupil who does not go to the mbo. */
export const DDD_STAGES = ["overstapper", "gestart", "deelB", "afgerond", "telNietMee"] as const;
export type DddStage = (typeof DDD_STAGES)[number];

/** Where a pupil's aanmelding is; each stage adds to one or more of the overstap counts. */
export const AANMELDING_STAGES = ["geenAanmelding", "aangemeld", "geplaatst", "afgewezen", "mboGestart", "nietGestart", "zomerlek"] as const;
export type AanmeldingStage = (typeof AANMELDING_STAGES)[number];

export type OverstapExportMapping = {
  /** Per column the header names it may have, best first (the first one found in a file wins). */
  columns: Record<PupilExportColumn, readonly string[]>;
  /** Headers of columns that are known to hold pupil data and are never read (for the dry run's report). */
  notKept: readonly string[];
  /** Status word (as `statusKey` gives it) to stage. */
  dddStatus: ReadonlyMap<string, DddStage>;
  aanmeldingStatus: ReadonlyMap<string, AanmeldingStage>;
  inBeeld: { columns: readonly ("instelling" | "opleiding")[]; aanmeldingStages: ReadonlySet<AanmeldingStage> };
};

/** Case, accents, spaces, dashes and dots do not matter in a header or a status word. */
export const statusKey = squashName;

const word = z.string({ invalid_type_error: "een kolomnaam of status moet tekst zijn (zet hem tussen aanhalingstekens)" }).trim();
const wordList = (what: string) => z.array(word, { required_error: `${what} ontbreekt`, invalid_type_error: `${what} moet een lijst zijn, bijvoorbeeld [a, b]` });
const nonEmptyList = (what: string) => wordList(what).refine((list) => list.some((w) => w !== ""), `${what}: noem ten minste één kolomnaam`);

const columnsSchema = z
  .object({
    school: nonEmptyList("kolommen.school"),
    mentorgroep: nonEmptyList("kolommen.mentorgroep"),
    dddStatus: nonEmptyList("kolommen.dddStatus"),
    aanmeldingStatus: nonEmptyList("kolommen.aanmeldingStatus"),
    instelling: nonEmptyList("kolommen.instelling"),
    opleiding: nonEmptyList("kolommen.opleiding"),
  }, { required_error: "kolommen ontbreekt" })
  .strict();

const stageLists = <S extends string>(stages: readonly S[], what: string) =>
  z
    .object(Object.fromEntries(stages.map((s) => [s, wordList(`${what}.${s}`).default([])])) as Record<S, z.ZodDefault<ReturnType<typeof wordList>>>, { required_error: `${what} ontbreekt` })
    .strict();

export const overstapExportFileSchema = z
  .object({
    kolommen: columnsSchema,
    nietBewaard: wordList("nietBewaard").default([]),
    dddStatus: stageLists(DDD_STAGES, "dddStatus"),
    aanmeldingStatus: stageLists(AANMELDING_STAGES, "aanmeldingStatus"),
    inBeeld: z
      .object({
        kolommen: z.array(z.enum(["instelling", "opleiding"], { errorMap: () => ({ message: "inBeeld.kolommen: kies instelling en/of opleiding" }) })).default([]),
        aanmeldingStatus: z.array(z.enum(AANMELDING_STAGES, { errorMap: () => ({ message: `inBeeld.aanmeldingStatus: kies uit ${AANMELDING_STAGES.join(", ")}` }) })).default([]),
      }, { required_error: "inBeeld ontbreekt" })
      .strict(),
  })
  .strict()
  .superRefine((file, ctx) => {
    // One header name for two columns, or one status for two stages, would make a file ambiguous.
    const headerOwners = new Map<string, string>();
    const claimHeader = (name: string, owner: string, path: (string | number)[]) => {
      const key = statusKey(name);
      if (key === "") return;
      const earlier = headerOwners.get(key);
      if (earlier !== undefined && earlier !== owner) ctx.addIssue({ code: z.ZodIssueCode.custom, path, message: `kolomnaam '${name}' staat ook bij ${earlier}` });
      headerOwners.set(key, owner);
    };
    for (const column of PUPIL_EXPORT_COLUMNS) file.kolommen[column].forEach((name, i) => claimHeader(name, `kolommen.${column}`, ["kolommen", column, i]));
    file.nietBewaard.forEach((name, i) => claimHeader(name, "nietBewaard", ["nietBewaard", i]));
    for (const [track, stages] of [["dddStatus", DDD_STAGES], ["aanmeldingStatus", AANMELDING_STAGES]] as const) {
      const owners = new Map<string, string>();
      for (const stage of stages) {
        (file[track] as Record<string, string[]>)[stage]!.forEach((status, i) => {
          const key = statusKey(status);
          const earlier = owners.get(key);
          if (earlier !== undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [track, stage, i], message: `status '${status}' staat ook bij ${track}.${earlier}` });
          owners.set(key, stage);
        });
      }
    }
  });


function fail(sourceName: string, lines: string[]): never {
  throw new AppError("CONFIG_INVALID", `Het koppelbestand voor de export van het overstapsysteem '${sourceName}' (OVERSTAP_EXPORT_FILE) is ongeldig:\n${lines.map((l) => `- ${l}`).join("\n")}`);
}

/** Parses and validates a mapping file; throws AppError CONFIG_INVALID listing every problem with its line. */
export function parseOverstapExportMapping(yamlText: string, options: { sourceName: string }): OverstapExportMapping {
  const f = readYamlFile(yamlText, overstapExportFileSchema, (lines) => fail(options.sourceName, lines));
  const byStatus = <S extends string>(lists: Record<S, string[]>, stages: readonly S[]) => new Map(stages.flatMap((stage) => lists[stage].map((status) => [statusKey(status), stage] as const)));
  return {
    columns: Object.fromEntries(PUPIL_EXPORT_COLUMNS.map((c) => [c, f.kolommen[c].filter((w) => w !== "")])) as Record<PupilExportColumn, string[]>,
    notKept: f.nietBewaard.filter((w) => w !== ""),
    dddStatus: byStatus(f.dddStatus as Record<DddStage, string[]>, DDD_STAGES),
    aanmeldingStatus: byStatus(f.aanmeldingStatus as Record<AanmeldingStage, string[]>, AANMELDING_STAGES),
    inBeeld: { columns: f.inBeeld.kolommen, aanmeldingStages: new Set(f.inBeeld.aanmeldingStatus) },
  };
}
