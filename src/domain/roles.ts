/** The roles of the programme. A person can hold several, each with its own scope. */
export const ROLES = [
  "decaan",
  "mentor",
  "projectteam",
  "programmaleider",
  "eigenaar",
  "stuurgroep",
  "beheerder",
  // The rest of the chain (issue 19): a vo school's leadership and board, the gemeente's RMC and
  // leerplicht, and the mbo institution that takes the pupil in.
  "schoolleiding",
  "bestuur",
  "rmc",
  "leerplicht",
  "mbo-intake",
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  decaan: "decaan",
  mentor: "mentor",
  projectteam: "projectteam Elke Jongere in Beeld",
  programmaleider: "programmaleider VSV",
  eigenaar: "eigenaar van een activiteit",
  stuurgroep: "lid van de stuurgroep VSV",
  beheerder: "beheerder",
  schoolleiding: "schoolleiding",
  bestuur: "schoolbestuur",
  rmc: "RMC-consulent",
  leerplicht: "leerplichtambtenaar",
  "mbo-intake": "intake van een mbo-instelling",
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export type RoleScope = { schoolBrin?: string | null; mentorGroup?: string | null; activityId?: string | null; organisationCode?: string | null };

/** A stable text key for a role's scope, so (person, role, scope) can be unique in the database. */
export function buildScopeKey(scope: RoleScope): string {
  const parts: string[] = [];
  if (scope.schoolBrin) parts.push(`school:${scope.schoolBrin.toUpperCase()}`);
  if (scope.mentorGroup) parts.push(`groep:${scope.mentorGroup}`);
  if (scope.activityId) parts.push(`activiteit:${scope.activityId}`);
  if (scope.organisationCode) parts.push(`organisatie:${scope.organisationCode}`);
  return parts.length === 0 ? "*" : parts.join("/");
}
