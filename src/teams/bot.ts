import { AdaptiveCardActionExecuteResponseType, Application, type TeamsAdapter } from "@microsoft/teams-ai";
import { CARD_ACTION_HANDLERS } from "./card-actions/index.js";
import { registerCardActions, STALE_ACTION_MESSAGE } from "./card-actions/router.js";
import { ActivityTypes } from "botbuilder";
import { COMMAND_HANDLERS } from "./commands/index.js";
import { reportTurnError } from "./error-sink.js";
import { registerInstallationHandlers } from "./handlers/installation.js";
import { registerMessageRouter } from "./handlers/message-router.js";
import type { BotDeps } from "./types.js";

/**
 * teams-ai 1.7.4's `run()` starts its typing timer whatever the `startTypingTimer` option says.
 * Its "typing" send then raced the paced answer of the same turn (each waiting for the other),
 * and the chat hung until restart. Aanjager's answers are quick; it sends no typing indicator.
 */
class QuietApplication extends Application {
  override startTypingTimer(): void {}
}

/** The teams-ai Application with every feature composed onto it. */
export function createBot(adapter: TeamsAdapter, deps: BotDeps): Application {
  const app = new QuietApplication({
    adapter,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
    // A card refreshed by one person's action is refreshed for everyone who sees it.
    adaptiveCards: { actionExecuteResponseType: AdaptiveCardActionExecuteResponseType.REPLACE_FOR_ALL },
  });
  app.error(async (turn, error) => reportTurnError(deps.logger, turn, error));
  registerInstallationHandlers(app, deps);
  registerMessageRouter(app, deps, COMMAND_HANDLERS);
  registerCardActions(app, deps, CARD_ACTION_HANDLERS);
  // Invokes nothing handles (other Teams features, forged names) get a plain answer instead of
  // botbuilder's 501: Teams shows an error for those, and a 5xx would page an operator.
  app.addRoute(
    async (turn) => turn.activity.type === ActivityTypes.Invoke,
    async (turn) => {
      deps.logger.info({ invoke: typeof turn.activity.name === "string" ? turn.activity.name.slice(0, 64) : null }, "unhandled invoke");
      await turn.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { message: STALE_ACTION_MESSAGE } } });
    },
    true,
  );
  return app;
}
