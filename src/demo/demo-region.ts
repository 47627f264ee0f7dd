/**
 * A believable, entirely fictional region for demos and tests: the three subregio's of
 * regio 39, about 60 schools of realistic kinds, a decaan per vo school, a mentor per exam
 * group, a projectteam, a programmaleider and a stuurgroep. Deterministic (no randomness), so
 * every fresh database is the same. E-mail addresses use the reserved `.example` domain; the
 * Agents Playground's own test users (example.com) get roles so the local client can try
 * every flow.
 */
import type { PersonRow, RoleRow, SchoolRow, SubregioRow } from "../db/directory.js";

export const DEMO_SUBREGIOS: SubregioRow[] = [
  { id: "westelijke-mijnstreek", naam: "Westelijke Mijnstreek" },
  { id: "maastricht-heuvelland", naam: "Maastricht-Heuvelland" },
  { id: "parkstad", naam: "Parkstad" },
];

type SchoolSeed = { naam: string; soort: "vmbo" | "vso" | "pro" | "havo-vwo" | "mbo" | "vavo"; plaats: string; subregio: string };

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

/** vo schools whose pupils move to the mbo and need a DDD: vmbo, vso and pro. */
export const OVERSTAP_SOORTEN = new Set(["vmbo", "vso", "pro"]);

/** The Agents Playground's built-in users (see its default config) and the roles they get. */
export const PLAYGROUND_USERS = {
  alex: { email: "alexw@example.com", naam: "Alex Wilber", aadObjectId: "00000000-0000-0000-0000-0000000000020" },
  megan: { email: "meganb@example.com", naam: "Megan Bowen", aadObjectId: "00000000-0000-0000-0000-0000000000021" },
  adele: { email: "adelev@example.com", naam: "Adele Vance", aadObjectId: "00000000-0000-0000-0000-0000000000022" },
  isaiah: { email: "isaiahl@example.com", naam: "Isaiah Langer", aadObjectId: "00000000-0000-0000-0000-0000000000023" },
  patti: { email: "pattif@example.com", naam: "Patti Fernandez", aadObjectId: "00000000-0000-0000-0000-0000000000024" },
  lynne: { email: "lynner@example.com", naam: "Lynne Robbins", aadObjectId: "00000000-0000-0000-0000-0000000000025" },
} as const;

export type DemoRegion = { subregios: SubregioRow[]; schools: SchoolRow[]; people: PersonRow[]; roles: RoleRow[] };

export function buildDemoRegion(): DemoRegion {
  const schools: SchoolRow[] = SCHOOL_SEEDS.map((s, i) => ({
    brin: buildBrin(i),
    naam: s.plaats && !s.naam.includes(s.plaats) ? `${s.naam} ${s.plaats}` : s.naam,
    soort: s.soort,
    subregioId: s.subregio,
  }));
  const people: PersonRow[] = [];
  const roles: RoleRow[] = [];
  let personIndex = 0;
  const addPerson = (domain: string): string => {
    const { naam, local } = buildName(personIndex++);
    const email = `${local}${personIndex}@${domain}`;
    people.push({ email, naam });
    return email;
  };

  schools.forEach((school, i) => {
    const domain = `${slug(SCHOOL_SEEDS[i]!.naam)}.school.example`;
    if (school.soort !== "mbo") roles.push({ email: addPerson(domain), role: "decaan", schoolBrin: school.brin });
    if (OVERSTAP_SOORTEN.has(school.soort)) {
      const groups = school.soort === "vmbo" ? ["4A", "4B", "4C"].slice(0, 2 + (i % 2)) : ["EX1", "EX2"].slice(0, 1 + (i % 2));
      for (const group of groups) roles.push({ email: addPerson(domain), role: "mentor", schoolBrin: school.brin, mentorGroup: group });
    }
  });

  const programme = "vsv-zuidlimburg.example";
  for (let i = 0; i < 3; i++) roles.push({ email: addPerson(programme), role: "projectteam" });
  roles.push({ email: addPerson(programme), role: "programmaleider" });
  for (let i = 0; i < 5; i++) roles.push({ email: addPerson("stuurgroep.vsv-zuidlimburg.example"), role: "stuurgroep" });
  roles.push({ email: addPerson(programme), role: "beheerder" });

  // The playground's users, so that every role can be tried from the local Teams-like client.
  const firstVmbo = schools.find((s) => s.soort === "vmbo")!;
  const secondVmbo = schools.filter((s) => s.soort === "vmbo")[1]!;
  const u = PLAYGROUND_USERS;
  people.push(...Object.values(u).map((p) => ({ email: p.email, naam: p.naam, aadObjectId: p.aadObjectId })));
  roles.push(
    { email: u.alex.email, role: "projectteam" },
    { email: u.alex.email, role: "beheerder" },
    { email: u.alex.email, role: "decaan", schoolBrin: firstVmbo.brin },
    { email: u.megan.email, role: "decaan", schoolBrin: secondVmbo.brin },
    { email: u.adele.email, role: "mentor", schoolBrin: firstVmbo.brin, mentorGroup: "4A" },
    { email: u.isaiah.email, role: "eigenaar", activityId: "ddd" },
    { email: u.patti.email, role: "stuurgroep" },
    { email: u.lynne.email, role: "programmaleider" },
  );
  return { subregios: DEMO_SUBREGIOS, schools, people, roles };
}
