/**
 * A believable, entirely fictional region for demos and tests: the three subregio's of
 * regio 39, about 60 schools of realistic kinds, a decaan per vo school, a mentor per exam
 * group, a projectteam, a programmaleider, a stuurgroep and an owner (eigenaar) for every
 * activity of the catalogue. Deterministic (no randomness), so every fresh database is the same.
 * E-mail addresses use the reserved `.example` domain; the Agents Playground's own test users
 * (example.com) get roles so the local client can try every flow.
 *
 * The people come out as directory rows, exactly as a school would deliver them in the import
 * CSV, so the demo seed goes through the same validation and import as a real file.
 */
import type { DirectoryColumn, DirectoryRecord, SchoolSoort, SubregioId } from "../domain/directory.js";

export { OVERSTAP_SOORTEN } from "../domain/directory.js";

export type DemoSchool = { brin: string; naam: string; soort: SchoolSoort; subregioId: SubregioId };

type SchoolSeed = { naam: string; soort: SchoolSoort; plaats: string; subregio: SubregioId };
const SCHOOL_SEEDS: SchoolSeed[] = [
  // Westelijke Mijnstreek
  { naam: "Graaf Huyn Vmbo", soort: "vmbo", plaats: "Geleen", subregio: "westelijke-mijnstreek" },
  { naam: "Maaskant College vmbo", soort: "vmbo", plaats: "Stein", subregio: "westelijke-mijnstreek" },
  { naam: "Trichterveld College", soort: "vmbo", plaats: "Sittard", subregio: "westelijke-mijnstreek" },
  { naam: "De Geusselt Vakcollege", soort: "vmbo", plaats: "Sittard", subregio: "westelijke-mijnstreek" },
  { naam: "Born Business School", soort: "vmbo", plaats: "Born", subregio: "westelijke-mijnstreek" },
  { naam: "Echterbosch Vmbo", soort: "vmbo", plaats: "Echt", subregio: "westelijke-mijnstreek" },
  { naam: "Susteren Technasium vmbo", soort: "vmbo", plaats: "Susteren", subregio: "westelijke-mijnstreek" },
  { naam: "Kollenberg Lyceum", soort: "havo-vwo", plaats: "Sittard", subregio: "westelijke-mijnstreek" },
  { naam: "Graaf Huyn Lyceum", soort: "havo-vwo", plaats: "Geleen", subregio: "westelijke-mijnstreek" },
  { naam: "Sint-Rosa Gymnasium", soort: "havo-vwo", plaats: "Sittard", subregio: "westelijke-mijnstreek" },
  { naam: "Mijnstreek Praktijkschool", soort: "pro", plaats: "Geleen", subregio: "westelijke-mijnstreek" },
  { naam: "De Baandert Praktijkonderwijs", soort: "pro", plaats: "Sittard", subregio: "westelijke-mijnstreek" },
  { naam: "Via Mijnstreek VSO", soort: "vso", plaats: "Sittard", subregio: "westelijke-mijnstreek" },
  { naam: "Kasteelhof VSO", soort: "vso", plaats: "Geleen", subregio: "westelijke-mijnstreek" },
  { naam: "Westmaas mbo-college", soort: "mbo", plaats: "Sittard", subregio: "westelijke-mijnstreek" },
  { naam: "Mijnstreek Vakcollege mbo", soort: "mbo", plaats: "Geleen", subregio: "westelijke-mijnstreek" },
  { naam: "VAVO Westelijke Mijnstreek", soort: "vavo", plaats: "Sittard", subregio: "westelijke-mijnstreek" },
  { naam: "Nieuwstadt Vmbo", soort: "vmbo", plaats: "Nieuwstadt", subregio: "westelijke-mijnstreek" },
  { naam: "Beek Vakcollege", soort: "vmbo", plaats: "Beek", subregio: "westelijke-mijnstreek" },
  { naam: "Stein Lyceum", soort: "havo-vwo", plaats: "Stein", subregio: "westelijke-mijnstreek" },
  // Maastricht-Heuvelland
  { naam: "Sint-Pieter Vmbo", soort: "vmbo", plaats: "Maastricht", subregio: "maastricht-heuvelland" },
  { naam: "Mosa Vakcollege", soort: "vmbo", plaats: "Maastricht", subregio: "maastricht-heuvelland" },
  { naam: "Jekerdal College vmbo", soort: "vmbo", plaats: "Maastricht", subregio: "maastricht-heuvelland" },
  { naam: "Heuvelland Vmbo", soort: "vmbo", plaats: "Gulpen", subregio: "maastricht-heuvelland" },
  { naam: "Geuldal College", soort: "vmbo", plaats: "Valkenburg", subregio: "maastricht-heuvelland" },
  { naam: "Meerssen Vakcollege", soort: "vmbo", plaats: "Meerssen", subregio: "maastricht-heuvelland" },
  { naam: "Margraten Mavo", soort: "vmbo", plaats: "Margraten", subregio: "maastricht-heuvelland" },
  { naam: "Servaas Lyceum", soort: "havo-vwo", plaats: "Maastricht", subregio: "maastricht-heuvelland" },
  { naam: "Jeker Gymnasium", soort: "havo-vwo", plaats: "Maastricht", subregio: "maastricht-heuvelland" },
  { naam: "Heuvelland Lyceum", soort: "havo-vwo", plaats: "Gulpen", subregio: "maastricht-heuvelland" },
  { naam: "Maaspraktijk Praktijkonderwijs", soort: "pro", plaats: "Maastricht", subregio: "maastricht-heuvelland" },
  { naam: "Vroendaal Praktijkschool", soort: "pro", plaats: "Maastricht", subregio: "maastricht-heuvelland" },
  { naam: "De Maasboog VSO", soort: "vso", plaats: "Maastricht", subregio: "maastricht-heuvelland" },
  { naam: "Sint-Maarten VSO", soort: "vso", plaats: "Maastricht", subregio: "maastricht-heuvelland" },
  { naam: "Maasstad mbo-college", soort: "mbo", plaats: "Maastricht", subregio: "maastricht-heuvelland" },
  { naam: "Heuvelland Groen mbo", soort: "mbo", plaats: "Maastricht", subregio: "maastricht-heuvelland" },
  { naam: "VAVO Maastricht", soort: "vavo", plaats: "Maastricht", subregio: "maastricht-heuvelland" },
  { naam: "Eijsden Vmbo", soort: "vmbo", plaats: "Eijsden", subregio: "maastricht-heuvelland" },
  { naam: "Bonnefant Lyceum", soort: "havo-vwo", plaats: "Maastricht", subregio: "maastricht-heuvelland" },
  { naam: "Vaals Grenscollege", soort: "vmbo", plaats: "Vaals", subregio: "maastricht-heuvelland" },
  // Parkstad
  { naam: "Carbon Vakcollege", soort: "vmbo", plaats: "Heerlen", subregio: "parkstad" },
  { naam: "Schaesberg Vmbo", soort: "vmbo", plaats: "Landgraaf", subregio: "parkstad" },
  { naam: "Kerkrade Techniek vmbo", soort: "vmbo", plaats: "Kerkrade", subregio: "parkstad" },
  { naam: "Brunssum Vakcollege", soort: "vmbo", plaats: "Brunssum", subregio: "parkstad" },
  { naam: "Hoensbroek Vmbo", soort: "vmbo", plaats: "Heerlen", subregio: "parkstad" },
  { naam: "Simpelveld Mavo", soort: "vmbo", plaats: "Simpelveld", subregio: "parkstad" },
  { naam: "Nuth Vakcollege", soort: "vmbo", plaats: "Beekdaelen", subregio: "parkstad" },
  { naam: "Voerendaal Vmbo", soort: "vmbo", plaats: "Voerendaal", subregio: "parkstad" },
  { naam: "Parkstad Lyceum", soort: "havo-vwo", plaats: "Heerlen", subregio: "parkstad" },
  { naam: "Rolduc Gymnasium", soort: "havo-vwo", plaats: "Kerkrade", subregio: "parkstad" },
  { naam: "Brunssum Lyceum", soort: "havo-vwo", plaats: "Brunssum", subregio: "parkstad" },
  { naam: "Landgraaf Lyceum", soort: "havo-vwo", plaats: "Landgraaf", subregio: "parkstad" },
  { naam: "Parkstad Praktijkcollege", soort: "pro", plaats: "Heerlen", subregio: "parkstad" },
  { naam: "Kerkrade Praktijkonderwijs", soort: "pro", plaats: "Kerkrade", subregio: "parkstad" },
  { naam: "De Wissel VSO", soort: "vso", plaats: "Heerlen", subregio: "parkstad" },
  { naam: "Broekhuis VSO", soort: "vso", plaats: "Kerkrade", subregio: "parkstad" },
  { naam: "Emma VSO", soort: "vso", plaats: "Brunssum", subregio: "parkstad" },
  { naam: "Parkstad mbo-college", soort: "mbo", plaats: "Heerlen", subregio: "parkstad" },
  { naam: "Carboon Techniek mbo", soort: "mbo", plaats: "Kerkrade", subregio: "parkstad" },
  { naam: "VAVO Parkstad", soort: "vavo", plaats: "Heerlen", subregio: "parkstad" },
];

const FIRST_NAMES = ["Anouk", "Bram", "Chantal", "Danny", "Els", "Frank", "Gerda", "Hans", "Ilse", "Jeroen", "Karin", "Luc", "Marieke", "Nico", "Olga", "Pieter", "Quinten", "Roos", "Sjef", "Tamara", "Ugo", "Vera", "Wim", "Yvonne", "Zef", "Noor", "Thijs", "Lotte", "Ruud", "Ingrid"];
const LAST_NAMES = ["Aerts", "Bemelmans", "Coenen", "Dassen", "Erens", "Frijns", "Gielen", "Hermans", "Jacobs", "Kleijnen", "Lemmens", "Meijers", "Notermans", "Ortmans", "Pluijmen", "Quaedvlieg", "Rutten", "Smeets", "Thewissen", "Vaessen", "Willems", "Zinzen", "Houben", "Janssen", "Brouns", "Cremers", "Dreessen", "Geurts", "Habets", "Kusters"];

/** Fictional BRIN codes (two digits, two letters) that do not collide within the demo. */
function buildBrin(index: number): string {
  const letters = "ABCDEFGHJKLMNPRSTVWXYZ";
  return `${String(10 + Math.floor(index / 20)).padStart(2, "0")}${letters[index % letters.length]}${letters[(index * 7) % letters.length]}`;
}

function slug(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function buildName(index: number): { naam: string; local: string } {
  const first = FIRST_NAMES[index % FIRST_NAMES.length]!;
  const last = LAST_NAMES[(index * 11 + Math.floor(index / FIRST_NAMES.length)) % LAST_NAMES.length]!;
  return { naam: `${first} ${last}`, local: `${slug(first)}.${slug(last)}` };
}

/** The Agents Playground's built-in users (see its default config) and the roles they get. */
export const PLAYGROUND_USERS = {
  alex: { email: "alexw@example.com", naam: "Alex Wilber", aadObjectId: "00000000-0000-0000-0000-0000000000020" },
  megan: { email: "meganb@example.com", naam: "Megan Bowen", aadObjectId: "00000000-0000-0000-0000-0000000000021" },
  adele: { email: "adelev@example.com", naam: "Adele Vance", aadObjectId: "00000000-0000-0000-0000-0000000000022" },
  isaiah: { email: "isaiahl@example.com", naam: "Isaiah Langer", aadObjectId: "00000000-0000-0000-0000-0000000000023" },
  patti: { email: "pattif@example.com", naam: "Patti Fernandez", aadObjectId: "00000000-0000-0000-0000-0000000000024" },
  lynne: { email: "lynner@example.com", naam: "Lynne Robbins", aadObjectId: "00000000-0000-0000-0000-0000000000025" },
} as const;

export type DemoRegion = { schools: DemoSchool[]; records: DirectoryRecord[] };

/** The demo owner of each activity; Isaiah (playground) owns the DDD so its flows can be tried locally. */
const PLAYGROUND_OWNED_ACTIVITY = "ddd";

/**
 * Builds the region. `activityIds` are the catalogue's activities (in catalogue order); each
 * gets an eigenaar. Passing them in keeps this function pure and deterministic.
 */
/** The demo's own subregio's (Zuid-Limburg's), in the order another region's take their place. */
const DEMO_SUBREGIO_IDS: readonly SubregioId[] = ["westelijke-mijnstreek", "maastricht-heuvelland", "parkstad"];

/**
 * The demo region; with `subregioIds` (the configured region's) the schools are spread over
 * those instead, so the demo also runs for a region that is not Zuid-Limburg.
 */
export function buildDemoRegion(activityIds: readonly string[] = [], subregioIds: readonly SubregioId[] = DEMO_SUBREGIO_IDS): DemoRegion {
  const placeIn = (id: SubregioId) => subregioIds[DEMO_SUBREGIO_IDS.indexOf(id) % subregioIds.length]!;
  const schools: DemoSchool[] = SCHOOL_SEEDS.map((s, i) => ({
    brin: buildBrin(i),
    naam: s.plaats && !s.naam.includes(s.plaats) ? `${s.naam} ${s.plaats}` : s.naam,
    soort: s.soort,
    subregioId: placeIn(s.subregio),
  }));
  const records: DirectoryRecord[] = [];
  const described = new Set<string>();
  const addRow = (row: Partial<Record<DirectoryColumn, string>>) => {
    const values: Partial<Record<DirectoryColumn, string>> = { ...row };
    // The first row of a school describes it, as a school's own file would.
    if (row.school_brin && !described.has(row.school_brin)) {
      const school = schools.find((s) => s.brin === row.school_brin)!;
      Object.assign(values, { school_naam: school.naam, school_soort: school.soort, subregio: school.subregioId });
      described.add(row.school_brin);
    }
    records.push({ line: records.length + 2, values });
  };
  let personIndex = 0;
  const newPerson = (domain: string): { email: string; naam: string } => {
    const { naam, local } = buildName(personIndex++);
    return { email: `${local}${personIndex}@${domain}`, naam };
  };

  schools.forEach((school, i) => {
    const domain = `${slug(SCHOOL_SEEDS[i]!.naam)}.school.example`;
    if (school.soort !== "mbo") addRow({ ...newPerson(domain), rol: "decaan", school_brin: school.brin });
    if (school.soort === "vmbo" || school.soort === "vso" || school.soort === "pro") {
      const groups = school.soort === "vmbo" ? ["4A", "4B", "4C"].slice(0, 2 + (i % 2)) : ["EX1", "EX2"].slice(0, 1 + (i % 2));
      for (const group of groups) addRow({ ...newPerson(domain), rol: "mentor", school_brin: school.brin, mentorgroep: group });
    }
  });

  const programme = "vsv-zuidlimburg.example";
  for (let i = 0; i < 3; i++) addRow({ ...newPerson(programme), rol: "projectteam" });
  addRow({ ...newPerson(programme), rol: "programmaleider" });
  for (let i = 0; i < 5; i++) addRow({ ...newPerson("stuurgroep.vsv-zuidlimburg.example"), rol: "stuurgroep" });
  addRow({ ...newPerson(programme), rol: "beheerder" });
  for (const activityId of activityIds) {
    if (activityId === PLAYGROUND_OWNED_ACTIVITY) continue;
    addRow({ ...newPerson(`programma.${programme}`), rol: "eigenaar", activiteit: activityId });
  }

  // The playground's users, so that every role can be tried from the local Teams-like client.
  const firstVmbo = schools.find((s) => s.soort === "vmbo")!;
  const secondVmbo = schools.filter((s) => s.soort === "vmbo")[1]!;
  const u = PLAYGROUND_USERS;
  const playground = (user: (typeof u)[keyof typeof u]) => ({ email: user.email, naam: user.naam, aad_object_id: user.aadObjectId });
  addRow({ ...playground(u.alex), rol: "projectteam" });
  addRow({ ...playground(u.alex), rol: "beheerder" });
  addRow({ ...playground(u.alex), rol: "decaan", school_brin: firstVmbo.brin });
  addRow({ ...playground(u.megan), rol: "decaan", school_brin: secondVmbo.brin });
  addRow({ ...playground(u.adele), rol: "mentor", school_brin: firstVmbo.brin, mentorgroep: "4A" });
  if (activityIds.includes(PLAYGROUND_OWNED_ACTIVITY)) addRow({ ...playground(u.isaiah), rol: "eigenaar", activiteit: PLAYGROUND_OWNED_ACTIVITY });
  addRow({ ...playground(u.patti), rol: "stuurgroep" });
  addRow({ ...playground(u.lynne), rol: "programmaleider" });
  return { schools, records };
}
