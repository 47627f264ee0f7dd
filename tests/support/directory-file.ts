/**
 * Generated directory CSV files in the import format, for tests and the benchmark: a plausible
 * region of `rows` rows (schools of 1 decaan and mentors, some programme roles), deterministic.
 */
import { DEFAULT_REGION_FILE, readRegionFile } from "../../src/config.js";

export const DIRECTORY_HEADER = "email;naam;rol;school_brin;school_naam;school_soort;subregio;mentorgroep;activiteit;aad_object_id";

// The bundled region's subregio's, as a school's file names them.
const SUBREGIOS = readRegionFile(DEFAULT_REGION_FILE).subregios.map((s) => s.naam);
const SOORTEN = ["vmbo", "vso", "pro", "havo-vwo", "vavo"];
const LETTERS = "ABCDEFGHJKLMNPRSTVWXYZ";

export function buildBrinFor(index: number): string {
  return `${String(40 + Math.floor(index / (LETTERS.length * LETTERS.length))).padStart(2, "0")}${LETTERS[Math.floor(index / LETTERS.length) % LETTERS.length]}${LETTERS[index % LETTERS.length]}`;
}

/** Data lines (without header) of a generated file; line numbers in the file are index + 2. */
export function buildDirectoryLines(rows: number, options: { schoolSize?: number } = {}): string[] {
  const schoolSize = options.schoolSize ?? 10;
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    if (i % 50 === 49) {
      lines.push(`programma${i}@vsv.example;Programma Medewerker ${i};projectteam;;;;;;;`);
      continue;
    }
    const school = Math.floor(i / schoolSize);
    const brin = buildBrinFor(school);
    const first = i % schoolSize === 0;
    const describe = first ? `School ${school};${SOORTEN[school % SOORTEN.length]};${SUBREGIOS[school % SUBREGIOS.length]}` : ";;";
    const role = first ? "decaan" : "mentor";
    const group = first ? "" : `4${String.fromCharCode(65 + (i % schoolSize))}`;
    lines.push(`persoon${i}@school${school}.example;Persoon ${i};${role};${brin};${describe};${group};;`);
  }
  return lines;
}

export function buildDirectoryCsv(rows: number, options: { badLine?: number; bom?: boolean; delimiter?: ";" | "," } = {}): string {
  const lines = buildDirectoryLines(rows);
  if (options.badLine !== undefined) lines[options.badLine - 2] = "kapot-adres;Iemand;decaan;12AB;;;;;;";
  let text = [DIRECTORY_HEADER, ...lines].join("\r\n") + "\r\n";
  if (options.delimiter === ",") text = text.replaceAll(";", ",");
  return (options.bom ? "\uFEFF" : "") + text;
}
