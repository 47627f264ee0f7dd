import { ActivityTypes, CardFactory, type TurnContext } from "botbuilder";
import { renderCaseView } from "../cards/case-card.js";
import { renderChainGapNotice } from "../cards/keten-gat-card.js";
import { renderHandoverCard } from "../cards/warme-overdracht-card.js";
import type { AdaptiveCard } from "../cards/render-card.js";
import type { Actor } from "../services/actor.js";
import type { CaseActionResult, CaseActor, CaseDeps } from "../services/cases/index.js";
import type { BotDeps } from "./types.js";

/** Shared plumbing of the case commands and card actions (chat and cards must behave the same). */
export function toCaseActor(actor: Actor): CaseActor {
  return {
    personId: actor.person?.id ?? null,
    naam: actor.person?.naam ?? null,
    roles: actor.person?.roles.map((r) => ({ role: r.role, schoolId: r.schoolId })) ?? [],
  };
}

export function caseDepsOf(deps: BotDeps): CaseDeps {
  return { calendar: deps.calendar, enqueue: deps.enqueue, renderCaseCard: renderCaseView, renderChainGapNotice, renderHandoverCard };
}

/**
 * The command's arguments as typed (case kept), because parseCommand lowercases everything and
 * a resolution note or an overstap reference should be stored as written.
 */
export function readRawArgs(turn: TurnContext, commandName: string): string {
  const text = typeof turn.activity.text === "string" ? turn.activity.text : "";
  const cleaned = text
    .replace(/<at>[^<]*<\/at>/gi, " ")
    .replace(/&nbsp;/gi, " ")
    .replace(/[\u00a0\s]+/g, " ")
    .trim()
    .replace(/^[/!]+/, "");
  const words = cleaned.split(" ");
  return words.slice(commandName.split(" ").length).join(" ").trim();
}

/** "12", "#12", "zaak 12", "z12" → 12; the rest of the text is returned too. */
export function parseCaseNumber(text: string): { caseId: number; rest: string } | null {
  const match = /^(?:zaak\s*|z|#)?(\d{1,9})\b\s*(.*)$/i.exec(text.trim());
  if (!match) return null;
  return { caseId: Number(match[1]), rest: match[2]!.trim() };
}

export async function sendCard(turn: TurnContext, card: AdaptiveCard, text?: string): Promise<void> {
  await turn.sendActivity({ type: "message", ...(text ? { text } : {}), attachments: [CardFactory.adaptiveCard(card)] });
}

/** Answers a chat command with the outcome of a case action. */
export async function replyWithCaseResult(turn: TurnContext, result: CaseActionResult): Promise<void> {
  if (result.kind === "done") return sendCard(turn, renderCaseView(result.view), result.message);
  if (result.kind === "conflict") return sendCard(turn, renderCaseView(result.view));
  await turn.sendActivity(result.message);
}

/**
 * Answers an Action.Execute only to the person who pressed, without replacing the card for
 * everyone: for a lost race (the winner's card must stay) and for automatic refreshes (nothing
 * changed, so there is nothing to replace).
 */
export async function respondToInteractorOnly(turn: TurnContext, card: AdaptiveCard): Promise<void> {
  await turn.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: card } },
  });
}

/** The card-action answer for a case action: a refreshed card for all, or only for the loser of a race. */
export async function answerCaseAction(turn: TurnContext, result: CaseActionResult): Promise<AdaptiveCard | string> {
  if (result.kind === "done") return renderCaseView(result.view);
  if (result.kind === "conflict") {
    const card = renderCaseView(result.view);
    await respondToInteractorOnly(turn, card);
    return card;
  }
  return result.message;
}
