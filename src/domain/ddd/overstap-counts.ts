/**
 * The overstap year after the DDD, as counts per school and mentor group (issue 18): what the
 * overstap system knows about each pupil's aanmelding, toelating/plaatsing and start in the mbo,
 * counted, never the pupils themselves. Stored next to the five DDD counts on a snapshot; null
 * means "not reported" (the aggregate DDD file and a card update before April know none of them),
 * which is not the same as 0.
 *
 * The stages, as the seed and the law name them:
 * - aangemeld: an aanmelding at an mbo institution (uiterlijk 1 april, the aanmelddatum);
 * - geenAanmelding: a potential overstapper without any aanmelding;
 * - geplaatst: toegelaten or (voorlopig) geplaatst by the mbo (April to June);
 * - afgewezen: the aanmelding was refused (and no other one placed);
 * - geplaatstMetDdd: of the geplaatst, those whose DDD is complete (the seed's norm "definitief
 *   geplaatst waarvan 97% met een ingevuld DDD" is a share of the placed pupils);
 * - mboGestart: started in the mbo after the summer (1 October check);
 * - zomerlek: placed or aangemeld, but not enrolled after the summer;
 * - nietGestart: enrolled, but did not start in the mbo.
 */
export type OverstapCounts = {
  aangemeld: number | null;
  geplaatst: number | null;
  afgewezen: number | null;
  geenAanmelding: number | null;
  geplaatstMetDdd: number | null;
  mboGestart: number | null;
  nietGestart: number | null;
  zomerlek: number | null;
};

export const OVERSTAP_COUNT_FIELDS = ["aangemeld", "geplaatst", "afgewezen", "geenAanmelding", "geplaatstMetDdd", "mboGestart", "nietGestart", "zomerlek"] as const;
export type OverstapCountField = (typeof OVERSTAP_COUNT_FIELDS)[number];

/** How each count is called on cards and in messages: what it counts, in the school's words. */
export const OVERSTAP_COUNT_LABELS: Record<OverstapCountField, string> = {
  aangemeld: "aangemeld bij een mbo",
  geplaatst: "toegelaten of (voorlopig) geplaatst",
  afgewezen: "afgewezen",
  geenAanmelding: "geen aanmelding",
  geplaatstMetDdd: "geplaatst met afgerond DDD",
  mboGestart: "gestart in het mbo",
  nietGestart: "niet gestart in het mbo",
  zomerlek: "zomerlek (niet ingeschreven na de zomer)",
};

/** Counts that were not reported: every field null. */
export const NO_OVERSTAP_COUNTS: OverstapCounts = {
  aangemeld: null,
  geplaatst: null,
  afgewezen: null,
  geenAanmelding: null,
  geplaatstMetDdd: null,
  mboGestart: null,
  nietGestart: null,
  zomerlek: null,
};

/**
 * The rules between the counts and the overstappers, in Dutch (the same for a file and a card).
 * Only counts that were reported are checked. Each rule follows from one pupil being in one
 * stage of each track: an aanmelding or none; a placed pupil has an aanmelding; a pupil who
 * started, did not start or leaked away over the summer was placed first.
 */
export function checkOverstapConsistency(overstappers: number, c: OverstapCounts): { field: OverstapCountField; message: string }[] {
  const issues: { field: OverstapCountField; message: string }[] = [];
  const label = OVERSTAP_COUNT_LABELS;
  const over = (field: OverstapCountField, value: number, bound: number, boundLabel: string) =>
    issues.push({ field, message: `${label[field]} (${value}) is groter dan ${boundLabel} (${bound})` });
  for (const field of OVERSTAP_COUNT_FIELDS) {
    const value = c[field];
    if (value !== null && value > overstappers) over(field, value, overstappers, "het aantal overstappers");
  }
  if (c.aangemeld !== null && c.geenAanmelding !== null && c.aangemeld + c.geenAanmelding > overstappers) {
    issues.push({ field: "geenAanmelding", message: `aangemeld (${c.aangemeld}) en geen aanmelding (${c.geenAanmelding}) samen zijn meer dan het aantal overstappers (${overstappers})` });
  }
  if (c.aangemeld !== null && c.geplaatst !== null && c.geplaatst > c.aangemeld && c.geplaatst <= overstappers) over("geplaatst", c.geplaatst, c.aangemeld, "aangemeld");
  if (c.aangemeld !== null && c.afgewezen !== null && c.afgewezen > c.aangemeld && c.afgewezen <= overstappers) over("afgewezen", c.afgewezen, c.aangemeld, "aangemeld");
  if (c.geplaatst !== null && c.geplaatstMetDdd !== null && c.geplaatstMetDdd > c.geplaatst && c.geplaatstMetDdd <= overstappers) over("geplaatstMetDdd", c.geplaatstMetDdd, c.geplaatst, "geplaatst");
  if (c.geplaatst !== null) {
    const after = (c.mboGestart ?? 0) + (c.nietGestart ?? 0) + (c.zomerlek ?? 0);
    if (after > c.geplaatst && c.geplaatst <= overstappers) {
      issues.push({ field: "mboGestart", message: `gestart, niet gestart en zomerlek samen (${after}) zijn meer dan geplaatst (${c.geplaatst})` });
    }
  }
  return issues;
}
