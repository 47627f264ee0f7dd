import type { TurnContext } from "botbuilder";
import { GENERIC_USER_ERROR, isAppError } from "../errors.js";
import { describeErrorForLog, type Logger } from "../logger.js";
import { answerInvokeWithMessage, hasInvokeResponse } from "./invoke-answers.js";

/**
 * The one place a failed turn ends up. It logs with ids only (no names, no message text) and
 * answers the user in Dutch, so a bug never leaves someone without a reply or crashes the turn.
 */
export async function reportTurnError(logger: Logger, context: TurnContext, error: unknown): Promise<void> {
  const activity = context.activity;
  const appError = isAppError(error) ? error : null;
  logger.error(
    {
      err: describeErrorForLog(error),
      activityId: activity?.id,
      activityType: activity?.type,
      conversationId: activity?.conversation?.id,
      userId: activity?.from?.aadObjectId ?? activity?.from?.id,
    },
    "turn failed",
  );
  if (!activity) return;
  try {
    // An invoke is answered in its own shape (never the adapter's 501); a message with a reply.
    if (activity.type === "invoke") {
      if (!hasInvokeResponse(context)) await answerInvokeWithMessage(context, appError?.userMessage ?? GENERIC_USER_ERROR);
      return;
    }
    if (!context.responded) await context.sendActivity(appError?.userMessage ?? GENERIC_USER_ERROR);
  } catch (sendError) {
    logger.warn({ err: describeErrorForLog(sendError) }, "could not send error reply");
  }
}
