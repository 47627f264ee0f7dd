import {
  buildAnnouncementCardData,
  buildFormCardData,
  buildRoundListCardData,
  buildSummaryCardData,
  MAX_ROUNDS_ON_LIST,
  type FormRow,
  type RoundListItem,
  type SummaryRow,
} from "../../../src/cards/meetmoment-cards.js";
import { deriveFormFields, TEXT_MAX_LENGTH, type FormKpi } from "../../../src/domain/meetmomenten/form.js";

/**
 * Data sets for the meetmoment cards: the DDD form as it opens, a draft, a rejected save with
 * an error on every field, the largest realistic form (10 KPIs with long names and full text
 * answers), the summary after a correction, the `cijfers` list (empty, a few, more than fit)
 * and the "binnenkort" notice. Every card must stay under Teams' 28 KB.
 */
const envelope = { roundId: 12, activityId: "ddd", schoolYear: "2026-2027" };
const dddKpis: FormKpi[] = [
  { kpiId: 1, key: "aantal-geregistreerde-leerlingen-met-een", name: "aantal geregistreerde leerlingen met een ingevuld DDD", unit: "count" },
  { kpiId: 2, key: "pct-overstappers", name: "% overstappers vo→mbo in regio 39 in beeld met een vervolgkeuze en definitief geplaatst", unit: "percentage" },
  { kpiId: 3, key: "waarvan-pct-met-een-ingevuld-ddd", name: "% van de geplaatste overstappers met een ingevuld DDD", unit: "percentage" },
  { kpiId: 4, key: "toelichting", name: "late aanmeldingen / leerlingen die niet aankomen (zomerlek) / administratieve last overgang vo-mbo", unit: "text" },
];
const longName = (i: number) => `% deelnemers uit de doelgroep (vmbo bovenbouw, vso en praktijkonderwijs) dat het schooltraject vervolgt na begeleiding, meting ${i}`;
const tenKpis: FormKpi[] = Array.from({ length: 10 }, (_, i) => ({ kpiId: 100 + i, key: `kpi-${i}`, name: longName(i), unit: i % 3 === 0 ? "count" : i % 3 === 1 ? "percentage" : "text" }));

function rows(kpis: FormKpi[], values: (number | string | undefined)[], errors: (string | undefined)[] = []): FormRow[] {
  return deriveFormFields(kpis).map((field, i) => ({
    field,
    norm: i % 2 === 0 ? "Norm: 97 % (streefwaarde 2019-2020)" : "Norm: onder de landelijke norm houden",
    previous: i % 2 === 0 ? "Vorige meting (november 2025): 96,5 %" : "Vorige meting: nog geen",
    ...(values[i] !== undefined ? { value: values[i] } : {}),
    ...(errors[i] ? { error: errors[i] } : {}),
  }));
}
const base = { envelope, activityName: "Digitaal Doorstroomdossier (DDD)", periodLabel: "november 2026", lastDayLabel: "vrijdag 13 november 2026" };
const fullText = "x".repeat(TEXT_MAX_LENGTH);

const summaryRows: SummaryRow[] = dddKpis.map((k, i) => ({
  label: k.name,
  unit: k.unit,
  value: k.unit === "text" ? "Minder late aanmeldingen dan vorig jaar." : k.unit === "count" ? 3104 : 96.5,
  norm: "Norm: 98 % (streefwaarde 2019-2020)",
  previous: i === 0 ? "Vorige meting: nog geen" : "Vorige meting (november 2025): 95 %",
  corrections: i === 1 ? 2 : 0,
  lastChange: "04-11-2026 10:15",
}));

const listItem = (i: number): RoundListItem => ({
  roundId: i,
  activityId: `activiteit-${i}`,
  schoolYear: "2026-2027",
  activityName: `Bovenschoolse Tussenvoorziening Westelijke Mijnstreek, Maastricht-Heuvelland, Parkstad ${i}`,
  periodLabel: "1 februari 2027",
  statusLabel: i % 2 === 0 ? "concept, nog niet ingediend" : "nog niet ingevuld",
  lastDayLabel: "maandag 15 februari 2027",
  submitted: i % 3 === 0,
});

export const MEETMOMENT_CARD_DATA_SETS: Record<string, object[]> = {
  "meetmoment-form": [
    buildFormCardData({ ...base, statusLabel: "nog niet ingevuld", correcting: false, rows: rows(dddKpis, []), notice: { text: "Het meetmoment november 2026 is geopend: vul de cijfers in tot en met vrijdag 13 november 2026.", style: "accent" } }),
    buildFormCardData({ ...base, statusLabel: "concept opgeslagen (2 van 4 ingevuld), nog niet ingediend", correcting: false, rows: rows(dddKpis, [3100, 97.5]), notice: { text: "Herinnering: de cijfers zijn nog niet ingediend.", style: "warning" } }),
    buildFormCardData({
      ...base,
      statusLabel: "nog niet ingevuld",
      correcting: false,
      rows: rows(dddKpis, [undefined, 101, undefined, "${title} {{x}}"], ["Vul een heel getal in, zonder punt of komma, van 0 tot en met 1.000.000.", "Vul een percentage in van 0 tot en met 100.", "Nog niet ingevuld: bij indienen is elke KPI verplicht.", "Dit lijkt een burgerservicenummer (BSN)."]),
      errors: Array.from({ length: 12 }, (_, i) => `veld ${i}: Vul een percentage in van 0 tot en met 100, met hooguit één cijfer achter de komma.`),
    }),
    buildFormCardData({ ...base, statusLabel: "ingediend op 04-11-2026 10:15", correcting: true, rows: rows(tenKpis, tenKpis.map((k) => (k.unit === "text" ? fullText : k.unit === "count" ? 999999 : 99.9))) }),
    buildFormCardData({ ...base, statusLabel: "nog niet ingevuld", correcting: false, rows: [], intro: "Voor deze activiteit zijn geen KPI's vastgelegd." }),
  ],
  "meetmoment-summary": [
    buildSummaryCardData({ ...base, statusLabel: "ingediend op 04-11-2026 10:15", submittedLine: "Ingediend, laatst gewijzigd door Isaiah Langer op 04-11-2026 10:15.", editLine: "Klopt er iets niet? Met **Wijzigen** corrigeer je tot en met vrijdag 13 november 2026.", canEdit: true, rows: summaryRows, notice: { text: "Correctie opgeslagen: 1 waarde gewijzigd.", style: "good" } }),
    buildSummaryCardData({ ...base, statusLabel: "gesloten, niet ingediend", submittedLine: "Deze cijfers zijn (nog) niet ingediend.", editLine: "Dit meetmoment is gesloten.", canEdit: false, rows: summaryRows.map((r) => ({ ...r, value: undefined, corrections: 0, lastChange: null })) }),
    buildSummaryCardData({
      ...base,
      statusLabel: "ingediend",
      submittedLine: "Ingediend.",
      editLine: "Wijzigen kan tot en met vrijdag 13 november 2026.",
      canEdit: true,
      rows: tenKpis.map((k) => ({ label: k.name, unit: k.unit, value: k.unit === "text" ? fullText : 12, norm: "Norm: 75 tot 80%", previous: "Vorige meting: nog geen", corrections: 3, lastChange: "04-11-2026 10:15" })),
    }),
  ],
  "meetmoment-list": [
    buildRoundListCardData([], { scope: "eigen", nextLine: "Het volgende meetmoment is dat van Digitaal Doorstroomdossier (DDD) (november 2027); het opent op maandag 1 november 2027." }),
    buildRoundListCardData([listItem(1), listItem(2), listItem(3)], { scope: "eigen" }),
    buildRoundListCardData(Array.from({ length: MAX_ROUNDS_ON_LIST + 5 }, (_, i) => listItem(i)), { scope: "alle" }),
  ],
  "meetmoment-notice": [
    buildAnnouncementCardData({ activityName: "Digitaal Doorstroomdossier (DDD)", periodLabel: "november 2026", openDayLabel: "maandag 2 november 2026", kpiNames: dddKpis.map((k) => k.name), contact: "projectteam Elke Jongere in Beeld, elkejongereinbeeld@vsv-zuidlimburg.example" }),
    buildAnnouncementCardData({ activityName: "Netwerk ondersteuningsteams", periodLabel: "november 2026", openDayLabel: "maandag 2 november 2026", kpiNames: [], contact: "projectteam" }),
  ],
};
