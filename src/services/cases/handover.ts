import { appendCaseEvent, findCaseById, findCasePeople, listPeopleWithRole, listSchoolsForMatching, type CaseRecord } from "../../db/cases.js";
import { recordChainGap } from "../../db/chain-gaps.js";
import { runInTransaction, type Db, type DbTx } from "../../db/client.js";
import { nextSendMoment } from "../../domain/calendar/index.js";
import { formatDutchDate } from "../../domain/dutch-date.js";
import { toIsoDate } from "../../domain/calendar/index.js";
import { normalizeForMatch } from "../../domain/text-match.js";
import { applyChanges } from "./state.js";
import type { CaseActor, CaseDeps } from "./types.js";

/**
 * Warme overdracht (issue 19): not a risk but a process with a receiving party. The case names
 * the receiving mbo institution; its intake gets a card and confirms "overdracht ontvangen",
 * which closes the case. Without that confirmation only the projectteam closes it, with a note.
 */
export type HandoverView = {
  caseId: number;
  version: number;
  reference: string;
  fromSchool: string | null;
  receiver: string;
  note: string;
  /** Set once the intake confirmed. */
  received: { by: string; on: string } | null;
  notice?: string;
};

export const HANDOVER_ROLE = "mbo-intake" as const;

/** The mbo institution a reporter names after "naar": its BRIN, or a word of its name that fits one institution only. */
export async function findReceivingInstitution(tx: DbTx, typed: string): Promise<{ id: number; naam: string } | { refused: string }> {
  const word = normalizeForMatch(typed);
  const mbo = (await listSchoolsForMatching(tx)).filter((s) => s.soort === "mbo");
  const hits = mbo.filter((s) => s.brin.toLowerCase() === typed.trim().toLowerCase() || ` ${normalizeForMatch(s.naam)} `.includes(` ${word} `));
  if (hits.length === 1) return { id: hits[0]!.id, naam: hits[0]!.naam };
  const known = mbo.map((s) => `${s.naam} (${s.brin})`).join(", ");
  if (hits.length === 0) return { refused: `Ik ken geen mbo-instelling '${typed}'. Noem de ontvangende instelling met haar BRIN of naam: ${known || "er staat nog geen mbo-instelling in de contactenlijst"}.` };
  return { refused: `'${typed}' past bij meer dan één mbo-instelling: ${hits.map((s) => `${s.naam} (${s.brin})`).join(", ")}. Gebruik de BRIN.` };
}

export function buildHandoverView(record: CaseRecord, receivedBy: string | null, notice?: string): HandoverView {
  return {
    caseId: record.id,
    version: record.version,
    reference: record.overstapRef ?? "",
    fromSchool: record.school ? `${record.school.naam} (${record.school.brin})` : null,
    receiver: record.receiverSchool ? `${record.receiverSchool.naam} (${record.receiverSchool.brin})` : "onbekend",
    note: record.reason,
    received: record.receivedAt ? { by: receivedBy ?? "de intake", on: formatDutchDate(toIsoDate(record.receivedAt)) } : null,
    ...(notice ? { notice } : {}),
  };
}

/**
 * Sends the handover card to the intake of the receiving institution, inside the transaction that
 * opened the case. An institution without intake in the directory is a gap the beheerder hears of.
 */
export async function sendHandoverCard(tx: DbTx, deps: CaseDeps, record: CaseRecord, now: Date): Promise<number> {
  if (!record.receiverSchoolId) return 0;
  const intake = await listPeopleWithRole(tx, HANDOVER_ROLE, { schoolId: record.receiverSchoolId });
  if (intake.length === 0) {
    const school = record.receiverSchool!;
    const key = `mbo-intake|school:${school.id}`;
    if (await recordChainGap(tx, { key, audience: "mbo-intake", schoolId: school.id, subregioId: school.subregioId, caseId: record.id, level: -1 }, now)) {
      const card = deps.renderChainGapNotice({ caseId: record.id, level: -1, audience: "mbo-intake", where: `${school.naam} (${school.brin})` });
      for (const beheerder of await listPeopleWithRole(tx, "beheerder")) {
        await deps.enqueue(tx, { key: `keten-gat-${key}-p${beheerder.id}`, purpose: "keten-gat", recipient: { personId: beheerder.id }, card, notBefore: nextSendMoment(now, deps.calendar) }, now);
      }
    }
    return 0;
  }
  const card = deps.renderHandoverCard(buildHandoverView(record, null));
  for (const person of intake) {
    await deps.enqueue(tx, { key: `overdracht-${record.id}-ronde-${record.round}-p${person.id}`, purpose: "warme-overdracht", recipient: { personId: person.id }, card, notBefore: nextSendMoment(now, deps.calendar) }, now);
  }
  return intake.length;
}

/** "Overdracht ontvangen": the intake of the receiving institution confirms, and the case closes. */
export async function confirmHandoverReceived(db: Db, deps: CaseDeps, input: { caseId: number; actor: CaseActor }, now: Date): Promise<HandoverView | string> {
  return runInTransaction(db, async (tx) => {
    const record = await findCaseById(tx, input.caseId);
    if (!record || record.overstapReason !== "warme-overdracht" || !record.receiverSchoolId) return "Deze overdracht bestaat niet (meer). Er is niets veranderd.";
    const isIntake = input.actor.roles.some((r) => r.role === HANDOVER_ROLE && r.schoolId === record.receiverSchoolId);
    if (!isIntake) return "Alleen de intake van de ontvangende mbo-instelling kan de overdracht bevestigen. Er is niets veranderd.";
    const name = input.actor.naam ?? "de intake";
    if (record.receivedAt) {
      const [by] = record.receivedById ? await findCasePeople(tx, [record.receivedById]) : [];
      return buildHandoverView(record, by?.naam ?? null, "Deze overdracht was al bevestigd.");
    }
    // Without the person's name: the trail's actor carries it (and is pseudonymised on an AVG erasure).
    const resolution = `Overdracht ontvangen door de intake van ${record.receiverSchool!.naam}.`;
    const changes = record.state === "opgelost" ? {} : { state: "opgelost" as const, resolvedAt: now, resolution, pausedUntil: null, pausedFrom: null, holdsOpenKey: false };
    const applied = await applyChanges(tx, deps, record, changes, now, { receivedAt: now, receivedById: input.actor.personId });
    if (!applied) return "Deze zaak is net gewijzigd. Druk nog eens op de knop.";
    await appendCaseEvent(tx, { caseId: record.id, kind: "resolved", at: now, actorPersonId: input.actor.personId, actorName: name, via: "card", level: record.level, note: resolution, data: { received: true } });
    return buildHandoverView(applied, name, "Dank je wel: de overdracht is bevestigd en de zaak is gesloten.");
  });
}
