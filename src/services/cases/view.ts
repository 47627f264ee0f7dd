import { listCaseEvents, type CaseEventRecord, type CaseRecord } from "../../db/cases.js";
import type { DbTx } from "../../db/client.js";
import { getEscalationPolicy, planEscalation, type EscalationPolicy } from "../../domain/cases/index.js";
import { dedupePeople, listResponsiblePeople, loadCasePeople, toMention, type CasePeople } from "./people.js";
import { toSnapshot } from "./state.js";
import type { CaseDeps } from "./types.js";

/** A person a card mentions: Teams needs their Teams user id (29:...) or AAD object id. */
export type CaseMention = { id: string; name: string };

export type CaseViewOptions = { notice?: string; headline?: string; headlineMentions?: readonly CaseMention[] };

/** Everything the case card shows (src/cards/case-card.ts builds it from this). */
export type CaseView = {
  record: CaseRecord;
  events: readonly CaseEventRecord[];
  policy: EscalationPolicy;
  /** When the next level is due, as planned now (null: nothing planned). */
  nextDue: { level: number; at: Date } | null;
  mentions: readonly CaseMention[];
  refreshUserIds: readonly string[];
  headline?: string;
  /** People named in the headline (e.g. the L1 assignee), mentioned besides those in `mentions`. */
  headlineMentions?: readonly CaseMention[];
  notice?: string;
  now: Date;
};

/** The case as everyone sees it now: facts, history, mentions, buttons, auto-refresh list. */
export async function buildCaseView(tx: DbTx, deps: Pick<CaseDeps, "calendar">, record: CaseRecord, now: Date, options: CaseViewOptions = {}): Promise<CaseView> {
  const events = await listCaseEvents(tx, record.id);
  return composeCaseView(deps, record, events, await loadCasePeople(tx, [record], { firing: false }), now, options);
}

/** The view from what was read already (the escalation job reads the trails and people of all its cases at once). */
export function composeCaseView(deps: Pick<CaseDeps, "calendar">, record: CaseRecord, events: readonly CaseEventRecord[], people: CasePeople, now: Date, options: CaseViewOptions = {}): CaseView {
  const policy = getEscalationPolicy(record.policyVersion, record.subjectKind);
  const step = planEscalation(toSnapshot(record), policy, now, deps.calendar);
  const concerned = listResponsiblePeople(people, record);
  const projectteam = people.withRole("projectteam");
  const mentions = concerned.slice(0, 6).map(toMention).filter((m): m is CaseMention => m !== null);
  // From L2 the programmaleider has the card too; it refreshes for them like for the projectteam.
  const leadership = record.level >= 2 ? people.withRole("programmaleider") : [];
  const refreshUserIds = dedupePeople([...concerned, ...projectteam, ...leadership]).map((p) => p.teamsUserId).filter((id): id is string => Boolean(id));
  return {
    record,
    events,
    policy,
    nextDue: step.kind === "wait" || step.kind === "escalate" ? { level: step.level.level, at: step.dueAt } : null,
    mentions,
    refreshUserIds,
    ...options,
    now,
  };
}
