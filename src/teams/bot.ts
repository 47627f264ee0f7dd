// teams-ai's index loads its AI half too (planners, models, gpt-tokenizer): about 27 MB resident
// that a bot without a language model never uses. Its modules are plain CommonJS files.
import { Application } from "@microsoft/teams-ai/lib/Application.js";
import type { TeamsAdapter } from "@microsoft/teams-ai/lib/TeamsAdapter.js";
import { ActivityTypes } from "botbuilder";
import { registerCardActions, type CardActionHandler } from "./card-actions/router.js";
import { reportTurnError } from "./error-sink.js";
import { registerInstallationHandlers } from "./handlers/installation.js";
import { registerMessageRouter } from "./handlers/message-router.js";
import { answerInvokeWithMessage } from "./invoke-answers.js";
import { registerTurnPipeline } from "./turn-pipeline.js";
import type { BotDeps, CommandHandler } from "./types.js";

/**
 * teams-ai 1.7.4's `run()` starts its typing timer whatever the `startTypingTimer` option says.
 * Its "typing" send then raced the paced answer of the same turn (each waiting for the other),
 * and the chat hung until restart. Aanjager's answers are quick; it sends no typing indicator.
 */
class QuietApplication extends Application {
  override startTypingTimer(): void {}
}

const UNSUPPORTED_INVOKE_MESSAGE = "Dit kan Aanjager niet. Typ **help** in de chat om te zien wat wel kan.";

/** The teams-ai Application with every feature composed onto it (src/features/). */
export function createBot(adapter: TeamsAdapter, deps: BotDeps, features: { commands: readonly CommandHandler[]; cardActions: readonly CardActionHandler[] }): Application {
  const app = new QuietApplication({
    adapter,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  app.error(async (turn, error) => reportTurnError(deps.logger, turn, error));
  registerTurnPipeline(app, deps);
  registerInstallationHandlers(app, deps);
  registerMessageRouter(app, deps, features.commands);
  registerCardActions(app, deps, features.cardActions);
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
