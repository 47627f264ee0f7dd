import { countCases, findCaseById, listCases, type CaseListFilter, type CaseRecord } from "../../db/cases.js";
import { runInTransaction, type Db, type DbTx } from "../../db/client.js";
import { authorizeCaseAction, isCaseStaff, type CaseFilter } from "../../domain/cases/index.js";
import type { CaseDeps, CaseActor } from "./types.js";
import { buildCaseView, type CaseView, type CaseViewOptions } from "./view.js";

// ---------------------------------------------------------------------------------------------
// Reading

export async function getCaseViewFor(db: Db, deps: Pick<CaseDeps, "calendar">, caseId: number, actor: CaseActor, now: Date, options: CaseViewOptions = {}): Promise<{ view: CaseView; case: CaseRecord } | { refused: string }> {
  return runInTransaction(db, async (tx) => {
    const record = await findCaseById(tx, caseId);
    if (!record) return { refused: `Zaak ${caseId} bestaat niet. Typ **zaken** voor de openstaande zaken.` };
    const authorized = authorizeCaseAction(actor, "view", record.schoolId, record.openedById);
    if (!authorized.ok) return { refused: authorized.message };
    return { view: await buildCaseView(tx, deps, record, now, options), case: record };
  });
}

function scopeFilterTo(actor: CaseActor, filter: CaseListFilter): CaseListFilter {
  const staff = authorizeCaseAction(actor, "escalate", null).ok;
  const schoolIds = staff ? undefined : actor.roles.filter((r) => r.role === "decaan" && r.schoolId !== null).map((r) => r.schoolId!);
  // A decaan also sees the overstap cases they reported without a school.
  return { ...filter, ...(schoolIds ? { schoolIds, ...(actor.personId !== null ? { reporterId: actor.personId } : {}) } : {}) };
}

export type CaseList = { cases: CaseRecord[]; total: number; ownSchoolsOnly: boolean };

/**
 * `zaken [filter]`: the cases the actor may see with the filter (everything for staff, their own
 * schools for a decaan), "mijn" meaning the actor's own cases, and how many there are without the
 * list's limit, so the list can say it is cut short.
 */
export async function listCasesFor(db: Db, actor: CaseActor, filter: Omit<CaseFilter, "unknown">): Promise<CaseList> {
  const listFilter = scopeFilterTo(actor, {
    resolved: filter.resolved,
    type: filter.type,
    subregioId: filter.subregioId,
    ...(filter.mine && actor.personId ? { ownerId: actor.personId } : {}),
  });
  const cases = await listCases(db, listFilter);
  const total = await countCases(db, listFilter);
  return { cases, total, ownSchoolsOnly: !isCaseStaff(actor) };
}

/**
 * Unresolved cases that reached the stuurgroep level (L3), for the weekly stuurgroep summary.
 * Never a pupil-level case, whatever its policy version: the stuurgroep sees those as counts only.
 */
export async function listStuurgroepCases(db: Db | DbTx): Promise<CaseRecord[]> {
  return listCases(db, { minLevel: 3, withoutPupilCases: true, limit: 200 });
}
