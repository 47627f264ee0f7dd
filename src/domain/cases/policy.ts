/**
 * The escalation policy as data. Each version is immutable once cases use it: a case keeps the
 * version it was opened with, so changing the policy never changes the rules of a running case.
 * To change waits or audiences, add a new version and point CURRENT_POLICY_VERSION at it.
 */

/** Who hears about a case when a level fires. */
export type EscalationAudience =
  /** The people responsible for the subject: the school's decanen, the activity's owner, the contact person itself, or (overstap) the case's owner and opener. The owner, if any, is always included. */
  | "responsible"
  /** The linked projectteam channel (`koppel projectteam`) gets the case card with its assignee; without a linked channel every projectteam member gets it personally. */
  | "projectteam-channel"
  /** The programmaleider VSV. */
  | "programmaleider"
  /** The school's leadership contact (role "schoolleiding"); the school's decanen when the directory has none (2026-1 only). */
  | "school-leadership"
  /** The school's leadership (role "schoolleiding"), no fallback: when the directory has none, the beheerder is told. */
  | "schoolleiding"
  /** The people with role "bestuur" of the school's board (the school's `school_bestuur`). */
  | "school-board"
  /** RMC and leerplicht of the subregio of the pupil's school: pupil-level cases only, never the stuurgroep. */
  | "rmc-leerplicht"
  /** No message: the case is listed as escalated in the stuurgroep summary. */
  | "stuurgroep-summary";

export type EscalationLevel = {
  level: number;
  /** Working days after the previous level (or opening, resume, reopen) before this level fires. */
  waitWorkingDays: number;
  audiences: readonly EscalationAudience[];
  /** Dutch, shown on the case card. */
  label: string;
};

export type EscalationPolicy = {
  version: string;
  description: string;
  levels: readonly EscalationLevel[];
  /**
   * The ladder of pupil-level (overstap) cases, when it differs from `levels`: they carry a
   * pupil reference, so they go to RMC and leerplicht instead of up to the stuurgroep.
   */
  pupilLevels?: readonly EscalationLevel[];
};

export const ESCALATION_POLICIES: Readonly<Record<string, EscalationPolicy>> = Object.freeze({
  "2026-1": {
    version: "2026-1",
    description: "Eerste versie, schooljaar 2026-2027: herinnering, projectteam na 3 werkdagen, programmaleider en schoolleiding na nog 5, stuurgroep na nog 5.",
    levels: [
      { level: 0, waitWorkingDays: 0, audiences: ["responsible"], label: "verantwoordelijke herinnerd" },
      { level: 1, waitWorkingDays: 3, audiences: ["projectteam-channel"], label: "projectteam" },
      { level: 2, waitWorkingDays: 5, audiences: ["programmaleider", "school-leadership"], label: "programmaleider en schoolleiding" },
      { level: 3, waitWorkingDays: 5, audiences: ["stuurgroep-summary"], label: "stuurgroep" },
    ],
  },
  "2027-1": {
    version: "2027-1",
    description:
      "De hele keten (issue 19): werkafspraken van een school via decaan, projectteam, schoolleiding en programmaleider naar het schoolbestuur (de stuurgroep ziet aantallen); leerlingzaken via de melder en het projectteam naar RMC en leerplicht van de subregio.",
    levels: [
      { level: 0, waitWorkingDays: 0, audiences: ["responsible"], label: "verantwoordelijke herinnerd" },
      { level: 1, waitWorkingDays: 3, audiences: ["projectteam-channel"], label: "projectteam" },
      { level: 2, waitWorkingDays: 5, audiences: ["programmaleider", "schoolleiding"], label: "programmaleider en schoolleiding" },
      { level: 3, waitWorkingDays: 5, audiences: ["school-board", "stuurgroep-summary"], label: "schoolbestuur en stuurgroep" },
    ],
    pupilLevels: [
      { level: 0, waitWorkingDays: 0, audiences: ["responsible"], label: "melder herinnerd" },
      { level: 1, waitWorkingDays: 3, audiences: ["projectteam-channel"], label: "projectteam" },
      { level: 2, waitWorkingDays: 5, audiences: ["rmc-leerplicht"], label: "RMC en leerplicht" },
    ],
  },
});

export const CURRENT_POLICY_VERSION = "2027-1";

/**
 * The policy a case runs under; an unknown version is a data error, not something to guess
 * around. With the case's subject kind, `levels` is the ladder that kind of case climbs.
 */
export function getEscalationPolicy(version: string = CURRENT_POLICY_VERSION, subjectKind?: string): EscalationPolicy {
  const policy = ESCALATION_POLICIES[version];
  if (!policy) throw new Error(`unknown escalation policy version "${version}"`);
  if (subjectKind === "overstap" && policy.pupilLevels) return { ...policy, levels: policy.pupilLevels };
  return policy;
}

/** Every ladder of every version with its top level, for the job's query (which cases can still move). */
export type PolicyTop = { policyVersion: string; pupil: boolean | null; level: number };

export function listPolicyTops(): PolicyTop[] {
  return Object.values(ESCALATION_POLICIES).flatMap((policy): PolicyTop[] =>
    policy.pupilLevels
      ? [
          { policyVersion: policy.version, pupil: false, level: getTopLevel(policy) },
          { policyVersion: policy.version, pupil: true, level: getTopLevel({ ...policy, levels: policy.pupilLevels }) },
        ]
      : [{ policyVersion: policy.version, pupil: null, level: getTopLevel(policy) }],
  );
}

export function findPolicyLevel(policy: EscalationPolicy, level: number): EscalationLevel | undefined {
  return policy.levels.find((l) => l.level === level);
}

export function getTopLevel(policy: EscalationPolicy): number {
  return Math.max(...policy.levels.map((l) => l.level));
}

/** "L1 · projectteam"; level -1 means no level has fired yet. */
export function describeLevel(policy: EscalationPolicy, level: number): string {
  if (level < 0) return "nog niet geëscaleerd";
  const found = findPolicyLevel(policy, level);
  return found ? `L${level} · ${found.label}` : `L${level}`;
}
