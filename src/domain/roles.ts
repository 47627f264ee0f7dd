/** The roles of the programme. A person can hold several, each with its own scope. */
export const ROLES = [
  "decaan",
  "mentor",
  "projectteam",
  "programmaleider",
  "eigenaar",
  "stuurgroep",
  "beheerder",
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
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export type RoleScope = { schoolBrin?: string | null; mentorGroup?: string | null; activityId?: string | null };

/** A stable text key for a role's scope, so (person, role, scope) can be unique in the database. */
export function buildScopeKey(scope: RoleScope): string {
  const parts: string[] = [];
  if (scope.schoolBrin) parts.push(`school:${scope.schoolBrin.toUpperCase()}`);
  if (scope.mentorGroup) parts.push(`groep:${scope.mentorGroup}`);
  if (scope.activityId) parts.push(`activiteit:${scope.activityId}`);
  return parts.length === 0 ? "*" : parts.join("/");
}
