import { runInTransaction, type Db } from "../db/client.js";
import { createDuoRound, findDuoRound, findLatestDuoValue, insertDuoValue, listDuoKpis, listSchoolBrins } from "../db/duo-figures.js";
import { getSchoolYear, toIsoDate } from "../domain/calendar/index.js";
import { computeRegionVsv, definitiveAvailableFrom, parseDuoVsvCsv, type DuoIssue } from "../domain/duo-vsv.js";
import { readImportFile } from "./sheet-file.js";

/**
 * `aanjager import duo FILE.csv`: DUO's vsv-figures per vestiging into the KPIs the catalogue
 * links to DUO (`duo_vsv` in the catalogue), so nobody types a figure DUO already publishes.
 * The region's percentage per onderwijstype (the directory's schools) is stored as a
 * measurement describing the figures' school year; definitive figures take precedence over
 * provisional ones of the same year, and importing the same file again changes nothing.
 */
export type DuoImportResult =
  | {
      ok: true;
      stored: { activityId: string; kpiKey: string; schoolYear: string; status: string; percentage: number; vestigingen: number }[];
      unchanged: number;
      /** Figures of the file no KPI asks for (another onderwijstype), or without any of the region's vestigingen. */
      unused: string[];
    }
  | { ok: false; issues: DuoIssue[] };

export async function importDuoVsvText(db: Db, text: string, options: { now: Date; zone?: string }): Promise<DuoImportResult> {
  const parsed = parseDuoVsvCsv(text);
  if (!parsed.ok) return parsed;
  const today = toIsoDate(options.now, options.zone);
  const early = parsed.rows.filter((r) => r.status === "definitief" && today < definitiveAvailableFrom(r.schoolYear));
  if (early.length > 0) {
    return { ok: false, issues: early.slice(0, 10).map((r) => ({ line: r.line, reason: `definitieve cijfers van ${r.schoolYear} publiceert DUO pas in november ${definitiveAvailableFrom(r.schoolYear).slice(0, 4)}: is dit het bestand met voorlopige cijfers?` })) };
  }
  const figures = computeRegionVsv(parsed.rows, await listSchoolBrins(db));
  const kpis = await listDuoKpis(db);
  const used = new Set<string>();
  const stored: Extract<DuoImportResult, { ok: true }>["stored"] = [];
  let unchanged = 0;
  await runInTransaction(db, async (tx) => {
    for (const figure of figures) {
      for (const kpi of kpis.filter((k) => k.duoVsv.toUpperCase() === figure.onderwijstype)) {
        used.add(`${figure.schoolYear}|${figure.status}|${figure.onderwijstype}`);
        // A provisional figure never replaces a definitive one of the same year.
        if (figure.status === "voorlopig" && (await findDuoRound(tx, kpi.activityId, `DUO definitief ${figure.schoolYear}`))) {
          unchanged++;
          continue;
        }
        const label = `DUO ${figure.status} ${figure.schoolYear}`;
        const round = (await findDuoRound(tx, kpi.activityId, label)) ?? (await createDuoRound(tx, { activityId: kpi.activityId, schoolYear: getSchoolYear(options.now, options.zone), day: today, periodLabel: label, describes: figure.schoolYear, now: options.now }));
        const latest = await findLatestDuoValue(tx, round.id, kpi.id);
        if (latest?.valueNumber === figure.percentage) {
          unchanged++;
          continue;
        }
        await insertDuoValue(tx, { roundId: round.id, kpiId: kpi.id, version: (latest?.version ?? 0) + 1, value: figure.percentage, personName: `DUO (${figure.status})`, now: options.now });
        stored.push({ activityId: kpi.activityId, kpiKey: kpi.key, schoolYear: figure.schoolYear, status: figure.status, percentage: figure.percentage, vestigingen: figure.vestigingen });
      }
    }
  });
  const unused = figures.filter((f) => !used.has(`${f.schoolYear}|${f.status}|${f.onderwijstype}`)).map((f) => `${f.onderwijstype} ${f.schoolYear} (${f.status})`);
  return { ok: true, stored, unchanged, unused };
}

export async function importDuoVsvFile(db: Db, path: string, options: { now: Date; zone?: string }): Promise<DuoImportResult> {
  const text = new TextDecoder().decode(await readImportFile(path));
  return importDuoVsvText(db, text, options);
}
