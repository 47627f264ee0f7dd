import { ActivityTypes, CardFactory, INVOKE_RESPONSE_KEY, MessageFactory, type TurnContext } from "botbuilder";
import type { AdaptiveCard } from "../cards/render-card.js";
import type { Logger } from "../logger.js";

/**
 * Every invoke gets an answer of its own kind, within Teams' few seconds, and never a 5xx: a
 * card action a card or a message (Universal Actions), a task module or message extension the
 * message shape those understand, anything else an empty 200. A `{ message }` body or a 501
 * shows the user a generic error even where the change was saved.
 */
export const ACTION_INVOKE_NAME = "adaptiveCard/action";
const CARD_RESPONSE_TYPE = "application/vnd.microsoft.card.adaptive";
const MESSAGE_RESPONSE_TYPE = "application/vnd.microsoft.activity.message";

/** The refresh of the card for everyone else in the chat is a courtesy; it may not hold the presser's answer. */
const REFRESH_FOR_ALL_TIMEOUT_MS = 3_000;

export function hasInvokeResponse(turn: TurnContext): boolean {
  return turn.turnState.get(INVOKE_RESPONSE_KEY) !== undefined;
}

async function sendInvokeResponse(turn: TurnContext, body: unknown): Promise<void> {
  await turn.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
}

/** A short Dutch answer, in the shape the invoke's kind expects. */
export async function answerInvokeWithMessage(turn: TurnContext, message: string): Promise<void> {
  const name = typeof turn.activity.name === "string" ? turn.activity.name : "";
  if (name === ACTION_INVOKE_NAME) return sendInvokeResponse(turn, { statusCode: 200, type: MESSAGE_RESPONSE_TYPE, value: message });
  if (name === "task/fetch" || name === "task/submit") return sendInvokeResponse(turn, { task: { type: "message", value: message } });
  if (name.startsWith("composeExtension/")) return sendInvokeResponse(turn, { composeExtension: { type: "message", text: message } });
  await turn.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200 } });
}

/**
 * A card action's new card: the presser gets it in the invoke answer; everyone else who sees the
 * card gets it through an update of the original message, when Teams said which one that is
 * (`replyToId`) and within a bounded time. A failed or late update is logged, not the presser's
 * problem: what they did was stored, and their card says so.
 */
export async function answerInvokeWithCard(turn: TurnContext, card: AdaptiveCard, logger: Logger): Promise<void> {
  const replyToId = turn.activity.replyToId;
  if (replyToId) {
    const update = MessageFactory.attachment(CardFactory.adaptiveCard(card));
    update.id = replyToId;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), REFRESH_FOR_ALL_TIMEOUT_MS);
    });
    const outcome = await Promise.race([
      turn.updateActivity(update).then(
        () => "ok" as const,
        (error: unknown) => ({ failed: error }),
      ),
      late,
    ]);
    clearTimeout(timer);
    if (outcome === "late") logger.warn({ activityId: turn.activity.id }, "card refresh for everyone is late; the presser got the card");
    else if (outcome !== "ok") logger.warn({ activityId: turn.activity.id, status: (outcome.failed as { statusCode?: number }).statusCode ?? null }, "card refresh for everyone failed; the presser got the card");
  }
  await sendInvokeResponse(turn, { statusCode: 200, type: CARD_RESPONSE_TYPE, value: card });
}
