import { ActivityTypes, CardFactory, INVOKE_RESPONSE_KEY, MessageFactory, TurnContext } from "botbuilder";
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
 * A card action's new card: the presser gets it in the invoke answer, at once. Everyone else who
 * sees the card gets it through an update of the original message (when Teams said which one:
 * `replyToId`), sent after the turn in a conversation of its own: at Teams' pace in a busy
 * channel that can take seconds, which the presser's answer may not wait for. A failed update
 * is logged; what the presser did was stored, and their card says so.
 */
export function answerInvokeWithCard(turn: TurnContext, card: AdaptiveCard, options: { logger: Logger; appId: string | null }): Promise<void> {
  const replyToId = turn.activity.replyToId;
  if (replyToId) {
    const update = MessageFactory.attachment(CardFactory.adaptiveCard(card));
    update.id = replyToId;
    const reference = TurnContext.getConversationReference(turn.activity);
    const activityId = turn.activity.id;
    void turn.adapter
      .continueConversationAsync(options.appId ?? "", reference, async (context) => {
        context.turnState.set(REFRESH_FOR_ALL_KEY, true);
        await context.updateActivity(update);
      })
      .catch((error: unknown) => options.logger.warn({ activityId, status: (error as { statusCode?: number }).statusCode ?? null }, "card refresh for everyone failed; the presser got the card"));
  }
  return sendInvokeResponse(turn, { statusCode: 200, type: CARD_RESPONSE_TYPE, value: card });
}

/** Marks the background turn that refreshes a card for everyone: nobody waits on it, so it may wait longer for Teams' pace. */
export const REFRESH_FOR_ALL_KEY = Symbol("aanjager.refreshForAll");
