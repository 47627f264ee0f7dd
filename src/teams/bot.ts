import { AdaptiveCardActionExecuteResponseType, Application, type TeamsAdapter } from "@microsoft/teams-ai";
import { CARD_ACTION_HANDLERS } from "./card-actions/index.js";
import { registerCardActions } from "./card-actions/router.js";
import { COMMAND_HANDLERS } from "./commands/index.js";
import { reportTurnError } from "./error-sink.js";
import { registerInstallationHandlers } from "./handlers/installation.js";
import { registerMessageRouter } from "./handlers/message-router.js";
import type { BotDeps } from "./types.js";

/** The teams-ai Application with every feature composed onto it. */
export function createBot(adapter: TeamsAdapter, deps: BotDeps): Application {
  const app = new Application({
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
  return app;
}
