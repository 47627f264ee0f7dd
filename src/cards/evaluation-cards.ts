import { formatDutchDate } from "../domain/dutch-date.js";
import { renderCard, type AdaptiveCard } from "./render-card.js";

import type { EvaluationAnswer } from "../domain/evaluations.js";
export const EVALUATION_ANSWERS: readonly EvaluationAnswer[] = ["ja", "nee", "misschien"];

const ANSWER_TEXT: Record<EvaluationAnswer, string> = {
  ja: "Je antwoord: ja, je komt. Dank je!",
  nee: "Je antwoord: nee, je komt niet.",
  misschien: "Je antwoord: misschien.",
};

export type EvaluationInviteCardData = {
  evaluationId: number;
  intro: string;
  date: string;
  time: string;
  place: string;
  hasAnswer: boolean;
  answerText: string;
};

export function buildEvaluationInviteCardData(evaluation: { id: number; date: string; time: string; place: string }, answer: EvaluationAnswer | null): EvaluationInviteCardData {
  return {
    evaluationId: evaluation.id,
    intro:
      "Het projectteam Elke Jongere in Beeld nodigt iedereen die aan de overstapprocedure meewerkt uit voor de jaarlijkse evaluatie: wat ging goed bij DDD en overstap, wat moet volgend jaar anders?",
    date: formatDutchDate(evaluation.date as `${number}-${number}-${number}`),
    time: evaluation.time,
    place: evaluation.place,
    hasAnswer: answer !== null,
    answerText: answer ? ANSWER_TEXT[answer] : "",
  };
}

export function renderEvaluationInviteCard(data: EvaluationInviteCardData): AdaptiveCard {
  return renderCard("evaluation-invite", data);
}

export type EvaluationStatusCardData = {
  evaluationId: number;
  when: string;
  invited: string;
  ja: string;
  nee: string;
  misschien: string;
  open: string;
  asOf: string;
  refreshUserIds: string[];
};

export function buildEvaluationStatusCardData(
  evaluation: { id: number; date: string; time: string; place: string; invitations: number },
  counts: Record<string, number>,
  asOf: string,
  refreshUserIds: readonly string[],
): EvaluationStatusCardData {
  const ja = counts.ja ?? 0;
  const nee = counts.nee ?? 0;
  const misschien = counts.misschien ?? 0;
  return {
    evaluationId: evaluation.id,
    when: `${formatDutchDate(evaluation.date as `${number}-${number}-${number}`)} om ${evaluation.time}, ${evaluation.place}`,
    invited: String(evaluation.invitations),
    ja: String(ja),
    nee: String(nee),
    misschien: String(misschien),
    open: String(Math.max(0, evaluation.invitations - ja - nee - misschien)),
    asOf,
    refreshUserIds: [...refreshUserIds].slice(0, 60),
  };
}

export function renderEvaluationStatusCard(data: EvaluationStatusCardData): AdaptiveCard {
  const card = renderCard("evaluation-status", data);
  return Object.fromEntries(Object.entries(card).filter(([, v]) => v !== null)) as AdaptiveCard;
}

/** The projectteam's count from the service's evaluation status. */
export function renderEvaluationStatus(status: { evaluation: { id: number; date: string; time: string; place: string; invitations: number }; counts: Record<string, number>; asOf: string; refreshUserIds: readonly string[] }): AdaptiveCard {
  return renderEvaluationStatusCard(buildEvaluationStatusCardData(status.evaluation, status.counts, status.asOf, status.refreshUserIds));
}
