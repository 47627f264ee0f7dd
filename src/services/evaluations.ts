import { DateTime } from "luxon";
import {
  buildEvaluationInviteCardData,
  buildEvaluationStatusCardData,
  renderEvaluationInviteCard,
  renderEvaluationStatusCard,
  type EvaluationAnswer,
} from "../cards/evaluation-cards.js";
import type { AdaptiveCard } from "../domain/adaptive-card.js";
import { listPeopleWithRole } from "../db/cases.js";
import { runInTransaction, type Db } from "../db/client.js";
import { countRsvps, createEvaluation, findEvaluation, findLatestEvaluation, listOverstapParticipants, upsertRsvp, type EvaluationRecord } from "../db/evaluations.js";
import { nextSendMoment, type IsoDate, type WorkCalendar } from "../domain/calendar/index.js";
import { OVERSTAP_SCHOOL_SOORTEN } from "../domain/directory.js";
import type { EnqueueMessage } from "./ports.js";

/**
 * The yearly evaluation of the overstap procedure (November in the programme's calendar): the
 * projectteam invites every participant, each answers ja / nee / misschien on the card (and
 * may change it), and the projectteam follows the count.
 */
export type EvaluationDeps = { calendar: WorkCalendar; enqueue: EnqueueMessage };

export async function inviteToEvaluation(
  db: Db,
  deps: EvaluationDeps,
  input: { date: IsoDate; time: string; place: string; createdById: number | null },
  now: Date,
): Promise<{ evaluation: EvaluationRecord; invited: number }> {
  return runInTransaction(db, async (tx) => {
    const participants = await listOverstapParticipants(tx, OVERSTAP_SCHOOL_SOORTEN);
    const evaluation = await createEvaluation(tx, { date: input.date, time: input.time, place: input.place, createdById: input.createdById, invitations: participants.length }, now);
    const card = renderEvaluationInviteCard(buildEvaluationInviteCardData(evaluation, null));
    const notBefore = nextSendMoment(now, deps.calendar);
    for (const person of participants) {
      await deps.enqueue(tx, { key: `evaluatie-${evaluation.id}-p${person.id}`, purpose: "evaluatie-uitnodiging", recipient: { personId: person.id }, card, notBefore }, now);
    }
    return { evaluation, invited: participants.length };
  });
}

export type AnswerResult = { ok: true; card: AdaptiveCard } | { ok: false; message: string };

/** One answer per person; answering again replaces it. Only invited participants can answer. */
export async function answerEvaluation(db: Db, input: { evaluationId: number; personId: number | null; answer: EvaluationAnswer }, now: Date): Promise<AnswerResult> {
  const evaluation = await findEvaluation(db, input.evaluationId);
  if (!evaluation) return { ok: false, message: "Deze evaluatie bestaat niet meer." };
  if (input.personId === null) return { ok: false, message: "Ik ken je nog niet, dus ik kan je antwoord niet bewaren." };
  const participants = await listOverstapParticipants(db, OVERSTAP_SCHOOL_SOORTEN);
  if (!participants.some((p) => p.id === input.personId)) return { ok: false, message: "Deze uitnodiging is niet aan jou gericht." };
  await upsertRsvp(db, { evaluationId: evaluation.id, personId: input.personId, answer: input.answer }, now);
  return { ok: true, card: renderEvaluationInviteCard(buildEvaluationInviteCardData(evaluation, input.answer)) };
}

/** The live count for the projectteam; the card refreshes itself for projectteam members. */
export async function buildEvaluationStatus(db: Db, evaluationId: number | null, now: Date): Promise<AdaptiveCard | null> {
  const evaluation = evaluationId === null ? await findLatestEvaluation(db) : await findEvaluation(db, evaluationId);
  if (!evaluation) return null;
  const counts = await countRsvps(db, evaluation.id);
  const team = await listPeopleWithRole(db, "projectteam");
  const asOf = DateTime.fromJSDate(now, { zone: "Europe/Amsterdam" }).toFormat("dd-MM-yyyy HH:mm");
  return renderEvaluationStatusCard(
    buildEvaluationStatusCardData(evaluation, counts, asOf, team.map((p) => p.teamsUserId).filter((id): id is string => Boolean(id))),
  );
}
