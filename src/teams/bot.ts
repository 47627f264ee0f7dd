import { Application, type TeamsAdapter } from "@microsoft/teams-ai";
import { ActivityTypes } from "botbuilder";
import { CARD_ACTION_HANDLERS } from "./card-actions/index.js";
import { registerCardActions } from "./card-actions/router.js";
import { COMMAND_HANDLERS } from "./commands/index.js";
import { reportTurnError } from "./error-sink.js";
import { registerInstallationHandlers } from "./handlers/installation.js";
import { registerMessageRouter } from "./handlers/message-router.js";
import { answerInvokeWithMessage } from "./invoke-answers.js";
import { registerTurnPipeline } from "./turn-pipeline.js";
import type { BotDeps } from "./types.js";

/**
 * teams-ai 1.7.4's `run()` starts its typing timer whatever the `startTypingTimer` option says.
 * Its "typing" send then raced the paced answer of the same turn (each waiting for the other),
 * and the chat hung until restart. Aanjager's answers are quick; it sends no typing indicator.
 */
class QuietApplication extends Application {
  override startTypingTimer(): void {}
}

const UNSUPPORTED_INVOKE_MESSAGE = "Dit kan Aanjager niet. Typ **help** in de chat om te zien wat wel kan.";

/** The teams-ai Application with every feature composed onto it. */
export function createBot(adapter: TeamsAdapter, deps: BotDeps): Application {
  const app = new QuietApplication({
    adapter,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  app.error(async (turn, error) => reportTurnError(deps.logger, turn, error));
  registerTurnPipeline(app, deps);
  registerInstallationHandlers(app, deps);
  registerMessageRouter(app, deps, COMMAND_HANDLERS);
  registerCardActions(app, deps, CARD_ACTION_HANDLERS);
  // Invokes nothing handles (task modules, message extensions, forged names): an answer of their
  // own kind instead of botbuilder's 501, which Teams shows as an error and would page an operator.
  app.addRoute(
    async (turn) => turn.activity.type === ActivityTypes.Invoke,
    async (turn) => {
      deps.logger.info({ invoke: typeof turn.activity.name === "string" ? turn.activity.name.slice(0, 64) : null }, "unhandled invoke");
      await answerInvokeWithMessage(turn, UNSUPPORTED_INVOKE_MESSAGE);
    },
    true,
  );
  return app;
}
