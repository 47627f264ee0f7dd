import { DateTime } from "luxon";
import type { AdaptiveCard } from "../domain/adaptive-card.js";
import { listPeopleWithRole } from "../db/cases.js";
import { runInTransaction, type Db } from "../db/client.js";
import { countRsvps, createEvaluation, findEvaluation, findLatestEvaluation, listOverstapParticipants, upsertRsvp, type EvaluationRecord } from "../db/evaluations.js";
import { nextSendMoment, type IsoDate, type WorkCalendar } from "../domain/calendar/index.js";
import { OVERSTAP_SCHOOL_SOORTEN } from "../domain/directory.js";
import type { EvaluationAnswer } from "../domain/evaluations.js";
import { assertFreeTextAllowed } from "./free-text.js";
import type { EnqueueMessage } from "./ports.js";

/**
 * The yearly evaluation of the overstap procedure (November in the programme's calendar): the
 * projectteam invites every participant, each answers ja / nee / misschien on the card (and
 * may change it), and the projectteam follows the count.
 */
export type EvaluationDeps = {
  calendar: WorkCalendar;
  enqueue: EnqueueMessage;
  /** The invitation card every participant gets (built in src/cards by the caller). */
  renderInvite: (evaluation: EvaluationRecord) => AdaptiveCard;
};

export async function inviteToEvaluation(
  db: Db,
  deps: EvaluationDeps,
  input: { date: IsoDate; time: string; place: string; createdById: number | null },
  now: Date,
): Promise<{ evaluation: EvaluationRecord; invited: number }> {
  return runInTransaction(db, async (tx) => {
    // The place goes to every participant; it is free text like any other.
    await assertFreeTextAllowed(tx, [input.place]);
    const participants = await listOverstapParticipants(tx, OVERSTAP_SCHOOL_SOORTEN);
    const evaluation = await createEvaluation(tx, { date: input.date, time: input.time, place: input.place, createdById: input.createdById, invitations: participants.length }, now);
    const card = deps.renderInvite(evaluation);
    const notBefore = nextSendMoment(now, deps.calendar);
    for (const person of participants) {
      await deps.enqueue(tx, { key: `evaluatie-${evaluation.id}-p${person.id}`, purpose: "evaluatie-uitnodiging", recipient: { personId: person.id }, card, notBefore }, now);
    }
    return { evaluation, invited: participants.length };
  });
}

export type AnswerResult = { ok: true; evaluation: EvaluationRecord; answer: EvaluationAnswer } | { ok: false; message: string };

/** One answer per person; answering again replaces it. Only invited participants can answer. */
export async function answerEvaluation(db: Db, input: { evaluationId: number; personId: number | null; answer: EvaluationAnswer }, now: Date): Promise<AnswerResult> {
  const evaluation = await findEvaluation(db, input.evaluationId);
  if (!evaluation) return { ok: false, message: "Deze evaluatie bestaat niet meer." };
  if (input.personId === null) return { ok: false, message: "Ik ken je nog niet, dus ik kan je antwoord niet bewaren." };
  const participants = await listOverstapParticipants(db, OVERSTAP_SCHOOL_SOORTEN);
  if (!participants.some((p) => p.id === input.personId)) return { ok: false, message: "Deze uitnodiging is niet aan jou gericht." };
  await upsertRsvp(db, { evaluationId: evaluation.id, personId: input.personId, answer: input.answer }, now);
  return { ok: true, evaluation, answer: input.answer };
}

export type EvaluationStatus = { evaluation: EvaluationRecord; counts: Record<string, number>; asOf: string; refreshUserIds: string[] };

/** The live count for the projectteam (the latest evaluation without an id); its card refreshes itself for projectteam members. */
export async function loadEvaluationStatus(db: Db, evaluationId: number | null, now: Date): Promise<EvaluationStatus | null> {
  const evaluation = evaluationId === null ? await findLatestEvaluation(db) : await findEvaluation(db, evaluationId);
  if (!evaluation) return null;
  const counts = await countRsvps(db, evaluation.id);
  const team = await listPeopleWithRole(db, "projectteam");
  const asOf = DateTime.fromJSDate(now, { zone: "Europe/Amsterdam" }).toFormat("dd-MM-yyyy HH:mm");
  return { evaluation, counts, asOf, refreshUserIds: team.map((p) => p.teamsUserId).filter((id): id is string => Boolean(id)) };
}
