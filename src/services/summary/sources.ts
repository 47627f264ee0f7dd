import type { Db } from "../../db/client.js";
import type { IsoDate, SchoolYearLabel } from "../../domain/calendar/index.js";
import type { DddRegionProgress, KpiMeasurement, MeetmomentRoundStatus, OverstapYearProgress } from "../../domain/summary/types.js";

/**
 * THE seam between the weekly summary and the features whose figures it shows. Each function is
 * optional: while it is absent its section is built without it (KPIs: norms with "nog geen
 * meting") or left out (DDD, meetmoment rounds), never faked. A feature supplies its function
 * where src/app.ts builds the sources; nothing else in the summary changes.
 */
export type SummarySources = {
  /**
   * Meetmomenten (issue 7): every region-level KPI value whose peildatum (`measuredOn`) lies in
   * [from, asOf's day] and that was known at `asOf` (a value entered later must not change an
   * earlier week's summary). The summary asks from the start of the previous school year, so it
   * can show "vorige", "vorig jaar" and the trend. Order does not matter.
   */
  listLatestMeasurements?: (db: Db, query: { from: IsoDate; asOf: Date }) => Promise<KpiMeasurement[]>;
  /**
   * DDD campaign (issue 5): the progress of one school year per school over time, as known at
   * `asOf` (points after `asOf` may be left out or are ignored). Null when that school year had
   * no campaign. Called for the current school year and, up to `through`, the years before it.
   * `through`: the caller reads no point after that day nor after the year's deadline, so the
   * source may leave those out (an earlier year is compared up to its deadline, not read whole).
   */
  loadDddRegionProgress?: (db: Db, query: { schoolYear: SchoolYearLabel; asOf: Date; through?: IsoDate }) => Promise<DddRegionProgress | null>;
  /** Meetmomenten (issue 7): the rounds of the school year that had opened at `asOf`, and how far each was then. */
  listMeetmomentRounds?: (db: Db, query: { schoolYear: SchoolYearLabel; asOf: Date }) => Promise<MeetmomentRoundStatus[]>;
  /**
   * The overstap year (issue 18): the cohorts running at `asOf` (in the autumn two: the one that
   * registers and the one that just started in the mbo), each with its phases and every school's
   * counts over time as known at `asOf`.
   */
  loadOverstapYears?: (db: Db, query: { asOf: Date }) => Promise<OverstapYearProgress[]>;
};
