import type { TurnContext } from "botbuilder";
import { GENERIC_USER_ERROR, isAppError } from "../errors.js";
import { describeErrorForLog, type Logger } from "../logger.js";

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
  // Invokes expect an invoke response, not a message; the adapter answers those with a 500/200.
  if (!activity || activity.type === "invoke" || context.responded) return;
  try {
    await context.sendActivity(appError?.userMessage ?? GENERIC_USER_ERROR);
  } catch (sendError) {
    logger.warn({ err: describeErrorForLog(sendError) }, "could not send error reply");
  }
}
