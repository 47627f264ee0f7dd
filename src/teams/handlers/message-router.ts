import { TeamsInfo, type TurnContext } from "botbuilder";
import type { Application } from "@microsoft/teams-ai";
import { chatActionRef } from "../../domain/authorization.js";
import { COMMANDS, parseCommand, suggestCommands } from "../../domain/commands.js";
import { AppError, findUserErrorMessage } from "../../errors.js";
import { resolveActor } from "../../services/actor.js";
import { recordConversation } from "../../services/conversations.js";
import { buildConversationRefInput, readActivityIdentity } from "../activity-identity.js";
import { authorizeTurn } from "../authorize.js";
import type { BotDeps, CommandHandler } from "../types.js";

/**
 * The single entry for chat messages: remember the conversation, find out who is writing,
 * parse the command, check the authorization table (`authorizeTurn`) and hand over to the
 * command's file.
 */
export function registerMessageRouter(app: Application, deps: BotDeps, handlers: readonly CommandHandler[]): void {
  const byName = new Map(handlers.map((h) => [h.name, h]));
  for (const command of COMMANDS) {
    if (!byName.has(command.name)) throw new AppError("INTERNAL", `command "${command.name}" has no handler`);
  }

  app.activity("message", async (turn: TurnContext) => {
    const activity = turn.activity;
    const identity = readActivityIdentity(activity);
    const actor = await resolveActor(deps.db, identity, async () => {
      if (!activity.from?.id) return null;
      const member = await TeamsInfo.getMember(turn, activity.from.id);
      return member.email ?? member.userPrincipalName ?? null;
    });
    const ref = buildConversationRefInput(activity, actor.person?.id ?? null);
    if (ref) await recordConversation(deps.db, deps.logger, ref, deps.clock());

    const text = typeof activity.text === "string" ? activity.text : "";
    if (text.trim() === "") {
      // A card's Action.Submit arrives as a message with a value and no text; features route those themselves.
      if (activity.value === undefined) await turn.sendActivity("Typ **help** om te zien wat ik voor je kan doen.");
      return;
    }
    const parsed = parseCommand(text);
    if (!parsed) {
      const suggestions = suggestCommands(text);
      await turn.sendActivity(
        suggestions.length > 0
          ? `Dat herken ik niet. Bedoel je ${suggestions.map((s) => `**${s}**`).join(" of ")}? Typ **help** voor alles wat ik kan.`
          : "Dat herken ik niet. Typ **help** om te zien wat ik voor je kan doen.",
      );
      return;
    }
    deps.logger.info({ command: parsed.command.name, personId: actor.person?.id ?? null, conversationId: activity.conversation?.id }, "command");
    const refusal = authorizeTurn(deps, actor, chatActionRef(parsed.command.name));
    if (refusal !== null) {
      await turn.sendActivity(refusal);
      return;
    }
    try {
      await byName.get(parsed.command.name)!.handle({ turn, actor, args: parsed.args, deps });
    } catch (error) {
      // A user error (a wrong number, someone else's case) is answered here for every command;
      // anything else is a fault for the error sink.
      const message = findUserErrorMessage(error);
      if (message === null) throw error;
      deps.logger.info({ command: parsed.command.name, code: (error as AppError).code }, "command refused");
      await turn.sendActivity(message);
    }
  });
}
