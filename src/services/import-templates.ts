import ExcelJS from "exceljs";
import { DIRECTORY_COLUMNS, type DirectoryColumn } from "../domain/directory.js";
import { ROLES } from "../domain/roles.js";
import { DDD_IMPORT_COLUMNS } from "./ddd/import.js";

/**
 * `aanjager sjabloon contactenlijst|ddd|ddd-leerlingen [--xlsx]`: a file a school or the projectteam fills in
 * and imports as it is (ddd-leerlingen: the overstap system's export per pupil, as the bundled mapping
 * file reads it, with made-up pupils; `importeer ddd` counts it). The headers are the import's own column names (so a filled-in template
 * needs no mapping) and the example rows are valid: the contactenlijst's on a database with the
 * bundled catalogue, the DDD figures for the schools of that same contactenlijst. The XLSX has
 * the rows on its first sheet (the one an import reads) and a column guide on a second one.
 */

export const IMPORT_TEMPLATE_KINDS = ["contactenlijst", "ddd", "ddd-leerlingen"] as const;
export type ImportTemplateKind = (typeof IMPORT_TEMPLATE_KINDS)[number];

/** The template's name, or the import's old English name for it. */
export function resolveTemplateKind(value: string): ImportTemplateKind | null {
  const key = value.trim().toLowerCase();
  if (key === "contactenlijst" || key === "directory" || key === "adresboek") return "contactenlijst";
  if (key === "ddd") return "ddd";
  if (key === "ddd-leerlingen" || key === "dddleerlingen") return "ddd-leerlingen";
  return null;
}

/** The import command that reads a template of this kind (both DDD templates go to `importeer ddd`). */
export function describeTemplateImport(kind: ImportTemplateKind): string {
  return kind === "contactenlijst" ? "contactenlijst" : "ddd";
}

type Template = { sheetName: string; columns: readonly string[]; rows: readonly (readonly string[])[]; guide: Record<string, string> };

// Example values only: .example addresses and BRIN codes outside the demo region's range.
const DIRECTORY_EXAMPLES: Partial<Record<DirectoryColumn, string>>[] = [
  { email: "a.decaan@voorbeeldcollege.example", naam: "Anna de Vries", rol: "decaan", school_brin: "98VB", school_naam: "Voorbeeldcollege", school_soort: "vmbo", subregio: "Westelijke Mijnstreek" },
  { email: "b.mentor@voorbeeldcollege.example", naam: "Bas Janssen", rol: "mentor", school_brin: "98VB", mentorgroep: "4A" },
  { email: "b.mentor@voorbeeldcollege.example", naam: "Bas Janssen", rol: "mentor", school_brin: "98VB", mentorgroep: "4B" },
  { email: "c.decaan@praktijkschool.example", naam: "Carla Smeets", rol: "decaan", school_brin: "98VC", school_naam: "Voorbeeld Praktijkschool", school_soort: "pro", subregio: "Parkstad" },
  { email: "d.projectleider@regio.example", naam: "Dirk Hermans", rol: "projectteam" },
  { email: "d.projectleider@regio.example", naam: "Dirk Hermans", rol: "eigenaar", activiteit: "ddd" },
  { email: "e.stuurgroep@regio.example", naam: "Eva Peters", rol: "stuurgroep" },
];

const DIRECTORY_GUIDE: Partial<Record<DirectoryColumn, string>> = {
  email: "verplicht: het e-mailadres waarmee de persoon in Teams zit",
  naam: "verplicht: voor- en achternaam",
  rol: `verplicht, één rol per regel: ${ROLES.join(", ")}; wie twee rollen heeft staat er twee keer in`,
  school_brin: "bij decaan en mentor: de BRIN-code (12AB) of vestigingscode (12AB00) van de school",
  school_naam: "alleen bij een school die Aanjager nog niet kent (één keer per school is genoeg)",
  school_soort: "alleen bij een nieuwe school: vmbo, vso, pro, havo-vwo, mbo of vavo",
  subregio: "alleen bij een nieuwe school: de subregio, zoals de regio hem noemt",
  mentorgroep: "bij mentor: de groep, bijvoorbeeld 4A; één regel per groep",
  activiteit: "bij eigenaar: de id van de activiteit uit de catalogus, bijvoorbeeld ddd",
  aad_object_id: "mag leeg: het object-id uit Entra ID (Azure AD), als u het heeft",
};

const DDD_GUIDE: Record<(typeof DDD_IMPORT_COLUMNS)[number], string> = {
  school_brin: "de BRIN-code van een school uit de contactenlijst",
  mentorgroep: "leeg voor het schooltotaal, of de mentorgroep (zoals in de contactenlijst)",
  overstappers: "aantal leerlingen dat overstapt naar het mbo",
  ddd_gestart: "aantal met een gestart digitaal doorstroomdossier",
  ddd_deel_b: "aantal waarvan deel B klaar is",
  ddd_afgerond: "aantal afgerond en aangeleverd",
  in_beeld: "aantal leerlingen in beeld bij het mbo",
};

// The columns of a typical export per pupil; the bundled mapping file (src/data/overstap-export.yaml) knows them.
const PUPIL_COLUMNS = ["Leerlingnummer", "Naam", "BRIN", "Klas", "DDD-status", "Aanmeldstatus", "Instelling", "Opleiding"] as const;

const PUPIL_GUIDE: Record<(typeof PUPIL_COLUMNS)[number], string> = {
  Leerlingnummer: "mag in de export staan: Aanjager leest en bewaart deze kolom niet",
  Naam: "mag in de export staan: Aanjager leest en bewaart deze kolom niet",
  BRIN: "verplicht: de BRIN-code of vestigingscode van de school uit de contactenlijst",
  Klas: "de klas of mentorgroep (zoals in de contactenlijst); leeg: telt alleen mee in het schooltotaal",
  "DDD-status": "verplicht: niet gestart, deel A, deel B, akkoord, afgerond of verzonden (zie het koppelbestand)",
  Aanmeldstatus: "geen aanmelding, aangemeld, toegelaten, voorlopig geplaatst, geplaatst, afgewezen, gestart, niet gestart of zomerlek",
  Instelling: "de mbo-instelling van de vervolgkeuze; gevuld: de leerling is in beeld (de naam wordt niet bewaard)",
  Opleiding: "de gekozen opleiding; gevuld: de leerling is in beeld (de naam wordt niet bewaard)",
};

// Made-up pupils: Aanjager counts these rows and keeps no name or number.
const PUPIL_EXAMPLES: readonly (readonly string[])[] = [
  ["900001", "Voorbeeld Leerling 1", "98VB", "4A", "deel A", "aangemeld", "Voorbeeld mbo", ""],
  ["900002", "Voorbeeld Leerling 2", "98VB", "4A", "verzonden", "voorlopig geplaatst", "Voorbeeld mbo", "Verzorgende IG"],
  ["900003", "Voorbeeld Leerling 3", "98VB", "4B", "niet gestart", "geen aanmelding", "", ""],
  ["900004", "Voorbeeld Leerling 4", "98VB", "4B", "deel B", "afgewezen", "", ""],
  ["900005", "Voorbeeld Leerling 5", "98VC", "", "afgerond", "geplaatst", "Voorbeeld mbo", "Entree"],
];

function describeTemplate(kind: ImportTemplateKind): Template {
  if (kind === "ddd-leerlingen") return { sheetName: "Leerlingen", columns: PUPIL_COLUMNS, rows: PUPIL_EXAMPLES, guide: PUPIL_GUIDE };
  if (kind === "contactenlijst") {
    return {
      sheetName: "Contactenlijst",
      columns: DIRECTORY_COLUMNS,
      rows: DIRECTORY_EXAMPLES.map((example) => DIRECTORY_COLUMNS.map((c) => example[c] ?? "")),
      guide: DIRECTORY_GUIDE,
    };
  }
  return {
    sheetName: "DDD-voortgang",
    columns: DDD_IMPORT_COLUMNS,
    rows: [
      ["98VB", "", "50", "48", "40", "30", "49"],
      ["98VB", "4A", "25", "24", "20", "15", "25"],
      ["98VB", "4B", "25", "24", "20", "15", "24"],
      ["98VC", "", "12", "10", "8", "5", "12"],
    ],
    guide: DDD_GUIDE,
  };
}

function csvCell(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

async function writeXlsx(template: Template): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Aanjager";
  workbook.created = new Date(0);
  const sheet = workbook.addWorksheet(template.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = template.columns.map((header) => ({ header, key: header, width: Math.max(14, header.length + 4) }));
  sheet.getRow(1).font = { bold: true };
  // Text cells, so Excel keeps "4A" and a BRIN such as 0123 as typed.
  for (const column of template.columns) sheet.getColumn(column).numFmt = "@";
  for (const row of template.rows) sheet.addRow([...row]);
  const guide = workbook.addWorksheet("Toelichting");
  guide.columns = [
    { header: "Kolom", key: "kolom", width: 18 },
    { header: "Wat hoort erin", key: "uitleg", width: 100 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const column of template.columns) guide.addRow([column, template.guide[column] ?? ""]);
  guide.addRow([]);
  guide.addRow(["", `Aanjager leest alleen het eerste blad (${template.sheetName}). Vervang de voorbeeldregels door uw eigen gegevens.`]);
  if (template.columns === PUPIL_COLUMNS) guide.addRow(["", "Aanjager telt de leerlingen per school en klas en bewaart alleen die aantallen: geen naam, nummer of regel van een leerling."]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The template as a file: CSV the way Dutch Excel opens it (`;`, byte order mark, CRLF) or XLSX. */
export async function buildImportTemplate(kind: ImportTemplateKind, format: "csv" | "xlsx"): Promise<{ fileName: string; content: string | Buffer; rows: number }> {
  const template = describeTemplate(kind);
  const fileName = `sjabloon-${kind}.${format}`;
  if (format === "xlsx") return { fileName, content: await writeXlsx(template), rows: template.rows.length };
  const lines = [template.columns, ...template.rows].map((cells) => cells.map(csvCell).join(";"));
  return { fileName, content: `\uFEFF${lines.join("\r\n")}\r\n`, rows: template.rows.length };
}
