import { buildCaseCardData } from "../../../src/cards/case-card.js";
import { buildCaseListCardData } from "../../../src/cards/case-list-card.js";
import { buildEvaluationInviteCardData, buildEvaluationStatusCardData } from "../../../src/cards/evaluation-cards.js";
import { buildSchoolChoiceCardData } from "../../../src/cards/school-choice-card.js";
import type { CaseEventRecord, CaseRecord } from "../../../src/db/cases.js";
import { getEscalationPolicy } from "../../../src/domain/cases/index.js";

/** Data sets for the escalation cards: open, resolved and paused cases with long histories. */
const now = new Date("2027-03-01T09:00:00Z");
const openCase: CaseRecord = {
  id: 12, type: "ddd-achterstand", subjectKind: "school", subjectKey: "school:1", subjectLabel: "Graaf Huyn Vmbo Geleen (10AB)", schoolId: 1, activityId: null,
  contactPersonId: null, overstapRef: null, overstapReason: null, reason: "12 van 40 DDD's klaar (norm 30%)", severity: "normaal", state: "open", pausedFrom: null,
  pausedUntil: null, ownerId: 1, openedById: null, openKey: "ddd-achterstand|school:1", policyVersion: "2026-1", level: 1, levelSince: now, nextEscalationAt: now,
  round: 1, resolution: null, openedAt: now, acknowledgedAt: null, resolvedAt: null, version: 3, updatedAt: now,
  owner: { id: 1, naam: "Alex Wilber", teamsUserId: "29:alex", aadObjectId: "a" }, school: { id: 1, naam: "Graaf Huyn Vmbo Geleen", brin: "10AB", subregioId: "westelijke-mijnstreek" },
  receiverSchoolId: null, receiverSchool: null, receivedAt: null, receivedById: null,
};
const events: CaseEventRecord[] = Array.from({ length: 12 }, (_, i) => ({
  id: i + 1, caseId: 12, kind: i === 0 ? "opened" : i % 2 ? "escalated" : "commented", at: now, actorPersonId: null, actorName: i % 2 ? null : "Alex Wilber",
  via: i % 2 ? "job" : "chat", level: i % 4, note: i % 2 ? null : `opmerking ${i} met \${geen} template`, data: null,
}));
const overstapCase: CaseRecord = { ...openCase, id: 13, type: "overstap", subjectKind: "overstap", overstapRef: "OS-2027-0042", overstapReason: "zomerlek", subjectLabel: "overstapzaak OS-2027-0042", state: "opgelost", resolution: "Ingeschreven bij het mbo", owner: null, ownerId: null, level: 3 };
const pausedCase: CaseRecord = { ...openCase, id: 14, state: "gepauzeerd", pausedUntil: new Date("2027-03-12T00:00:00+01:00"), pausedFrom: "open" };
const policy = getEscalationPolicy("2026-1");
const evaluation = { id: 3, date: "2027-11-18", time: "14:00", place: "Stadhuis Heerlen", invitations: 212 };
export const CASE_CARD_DATA_SETS: Record<string, object[]> = {
  case: [
    buildCaseCardData({ record: openCase, events, policy, nextDue: { level: 2, at: now }, mentions: [{ id: "29:alex", name: "Alex Wilber" }], refreshUserIds: ["29:alex"], headline: "Geëscaleerd naar het projectteam. Toegewezen aan <at>Alex Wilber</at>.", now }),
    buildCaseCardData({ record: overstapCase, events: events.slice(0, 2), policy, nextDue: null, mentions: [], refreshUserIds: [], notice: "Deze zaak is net gewijzigd door Megan Bowen, dit is de nieuwe stand.", now }),
    buildCaseCardData({ record: pausedCase, events: [], policy, nextDue: null, mentions: [], refreshUserIds: [], now }),
  ],
  "case-list": [
    buildCaseListCardData([openCase, overstapCase, pausedCase], { filterDescription: "Alle scholen", resolved: false, unknownWords: ["xyz"] }),
    buildCaseListCardData([], { filterDescription: "Zaken van je eigen school", resolved: true, unknownWords: [] }),
    buildCaseListCardData([openCase, overstapCase], { filterDescription: "Alle scholen", resolved: false, unknownWords: [], total: 73 }),
  ],
  "school-choice": [buildSchoolChoiceCardData("graaf huyn", [{ id: 1, naam: "Graaf Huyn Vmbo Geleen", brin: "10AB" }, { id: 9, naam: "Graaf Huyn Lyceum Geleen", brin: "10KX" }], { verb: "escaleer-school", reason: "reageert niet" })],
  "evaluation-invite": [buildEvaluationInviteCardData(evaluation, null), buildEvaluationInviteCardData(evaluation, "misschien")],
  "evaluation-status": [buildEvaluationStatusCardData(evaluation, { ja: 40, nee: 3 }, "01-03-2027 10:00", ["29:alex"]), buildEvaluationStatusCardData(evaluation, {}, "01-03-2027 10:00", [])],
};
