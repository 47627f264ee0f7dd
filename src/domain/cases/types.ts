/**
 * The vocabulary of escalation cases ("zaken"). Stored as strings (SQLite has no enums) and
 * validated with these lists; the Dutch labels are what users see.
 */
export const CASE_TYPES = [
  "ddd-achterstand",
  "geen-reactie",
  "meetmoment-te-laat",
  "geen-geldig-contact",
  "bericht-geblokkeerd",
  "overstap",
  "werkafspraak",
  "hulp-gevraagd",
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CASE_TYPE_LABELS: Record<CaseType, string> = {
  "ddd-achterstand": "DDD-achterstand",
  "geen-reactie": "geen reactie op herinneringen",
  "meetmoment-te-laat": "meetmoment te laat",
  "geen-geldig-contact": "geen geldige contactpersoon",
  "bericht-geblokkeerd": "bericht geblokkeerd door Teams",
  overstap: "overstapzaak",
  werkafspraak: "werkafspraak niet nagekomen",
  "hulp-gevraagd": "hulp gevraagd door de school",
};

export const CASE_STATES = ["open", "erkend", "gepauzeerd", "opgelost"] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_LABELS: Record<CaseState, string> = {
  open: "open",
  erkend: "opgepakt",
  gepauzeerd: "gepauzeerd",
  opgelost: "gesloten",
};

export const SEVERITIES = ["laag", "normaal", "hoog"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SUBJECT_KINDS = ["school", "activity", "contact", "overstap"] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/**
 * Why an overstap case is opened: the risks along the way from vo to mbo, in the order they
 * occur, and the warme overdracht, which is not a risk but a process with a receiving party
 * (the case names it, and closes when it confirms). A new case takes one of these.
 */
export const OVERSTAP_REASONS = ["geen-vervolgkeuze", "geen-aanmelding", "late-aanmelding", "afgewezen", "zomerlek", "niet-gestart", "warme-overdracht"] as const;
export type OverstapReason = (typeof OVERSTAP_REASONS)[number];
/** Reasons of cases opened before policy 2027-1: still shown, no longer chosen. */
export const LEGACY_OVERSTAP_REASONS = ["niet-ingeschreven"] as const;
export type LegacyOverstapReason = (typeof LEGACY_OVERSTAP_REASONS)[number];

export const OVERSTAP_REASON_LABELS: Record<OverstapReason | LegacyOverstapReason, string> = {
  "geen-vervolgkeuze": "geen vervolgkeuze",
  "geen-aanmelding": "geen aanmelding op 1 april",
  "late-aanmelding": "late aanmelding",
  afgewezen: "afgewezen door de mbo-instelling",
  zomerlek: "zomerlek: uitgeschreven zonder nieuwe inschrijving",
  "niet-gestart": "niet gestart in het mbo",
  "warme-overdracht": "warme overdracht",
  "niet-ingeschreven": "niet ingeschreven bij een vervolgopleiding",
};

/** Risks that make a case urgent from the start: the pupil is (about to be) out of school. */
export const URGENT_OVERSTAP_REASONS: readonly string[] = ["geen-aanmelding", "zomerlek", "niet-gestart", "niet-ingeschreven"];

export const CASE_EVENT_KINDS = ["opened", "updated", "escalated", "acknowledged", "commented", "paused", "resumed", "resolved", "reopened"] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export const CASE_EVENT_LABELS: Record<CaseEventKind, string> = {
  opened: "geopend",
  updated: "bijgewerkt",
  escalated: "geëscaleerd",
  acknowledged: "opgepakt",
  commented: "opmerking",
  paused: "gepauzeerd",
  resumed: "hervat",
  resolved: "gesloten",
  reopened: "heropend",
};

/** How a change was made: typed in chat, a button on a card, or the escalation job. */
export const CASE_VIAS = ["chat", "card", "job"] as const;
export type CaseVia = (typeof CASE_VIAS)[number];

export const CASE_VIA_LABELS: Record<CaseVia, string> = { chat: "chat", card: "kaart", job: "automatisch" };

export function isCaseType(value: string): value is CaseType {
  return (CASE_TYPES as readonly string[]).includes(value);
}
export function isCaseState(value: string): value is CaseState {
  return (CASE_STATES as readonly string[]).includes(value);
}
export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}
export function isOverstapReason(value: string): value is OverstapReason {
  return (OVERSTAP_REASONS as readonly string[]).includes(value);
}
/** A reason a stored case may carry: today's, or one of before 2027-1. */
export function isKnownOverstapReason(value: string): value is OverstapReason | LegacyOverstapReason {
  return isOverstapReason(value) || (LEGACY_OVERSTAP_REASONS as readonly string[]).includes(value);
}

/** What a case is about. The school, where known, decides which decaan may act on it. */
export type CaseSubject =
  | { kind: "school"; schoolId: number }
  | { kind: "activity"; activityId: string; schoolId?: number | null }
  | { kind: "contact"; personId: number; schoolId?: number | null }
  | { kind: "overstap"; reference: string; reason: OverstapReason; schoolId?: number | null; receiverSchoolId?: number | null };

/** The stable key of a subject; together with the type it is the dedupe key of an unresolved case. */
export function buildSubjectKey(subject: CaseSubject): string {
  switch (subject.kind) {
    case "school":
      return `school:${subject.schoolId}`;
    case "activity":
      return subject.schoolId ? `activity:${subject.activityId}/school:${subject.schoolId}` : `activity:${subject.activityId}`;
    case "contact":
      return `contact:${subject.personId}`;
    case "overstap":
      return `overstap:${subject.reference.toUpperCase()}`;
  }
}

export function buildOpenKey(type: CaseType, subjectKey: string): string {
  return `${type}|${subjectKey}`;
}

/** The fields of a case that the pure escalation logic needs. */
export type CaseSnapshot = {
  id: number;
  state: CaseState;
  level: number;
  levelSince: Date;
  pausedUntil: Date | null;
  pausedFrom: CaseState | null;
  policyVersion: string;
  /** Which ladder of the policy the case climbs (overstap cases have their own from 2027-1). */
  subjectKind?: string;
  round: number;
};

