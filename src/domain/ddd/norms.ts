/**
 * KPI norms of the DDD per school year, in percent. The programme plan fixed 90/95/96/97 % "met
 * een ingevuld DDD" for 2016-2017 … 2019-2020 and 97/98/98/98 % "in beeld"; the current years'
 * norms are configuration, defaulting to the last year of the plan. This is the ONE place the
 * campaign reads them from; when the programme catalogue (issue 3) holds KPI targets per school
 * year, `resolveDddNorms` is the function to point at it.
 */
export type DddNorms = {
  /** % of overstappers with a completed, delivered DDD. */
  ddd: number;
  /** % of overstappers "in beeld" (a vervolgkeuze registered). */
  inBeeld: number;
};

export type DddNormTable = {
  perYear: Readonly<Record<string, DddNorms>>;
  /** For school years without their own entry (every year after the plan). */
  fallback: DddNorms;
};

export const DDD_NORM_TABLE: DddNormTable = {
  perYear: {
    "2016-2017": { ddd: 90, inBeeld: 97 },
    "2017-2018": { ddd: 95, inBeeld: 98 },
    "2018-2019": { ddd: 96, inBeeld: 98 },
    "2019-2020": { ddd: 97, inBeeld: 98 },
  },
  fallback: { ddd: 97, inBeeld: 98 },
};

export function resolveDddNorms(schoolYear: string, table: DddNormTable = DDD_NORM_TABLE): DddNorms {
  return table.perYear[schoolYear] ?? table.fallback;
}
