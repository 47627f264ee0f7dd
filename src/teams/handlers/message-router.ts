import type { TurnContext } from "botbuilder";
import type { Application } from "@microsoft/teams-ai";
import { commandActionRef, parseCommand, suggestCommands } from "../../domain/commands.js";
import { runAuthorized } from "../turn-pipeline.js";
import type { BotDeps, CommandHandler } from "../types.js";

/**
 * The single entry for chat messages: parse the command and hand over to the command's file.
 * Who is writing, remembering the conversation, authorization and user errors are the turn
 * pipeline's (src/teams/turn-pipeline.ts), the same for card actions.
 */
export function registerMessageRouter(app: Application, deps: BotDeps, handlers: readonly CommandHandler[]): void {
  app.activity("message", async (turn: TurnContext) => {
    const activity = turn.activity;
    const text = typeof activity.text === "string" ? activity.text : "";
    if (text.trim() === "") {
      // A card's Action.Submit arrives as a message with a value and no text; features route those themselves.
      if (activity.value === undefined) await turn.sendActivity("Typ **help** om te zien wat ik voor je kan doen.");
      return;
    }
    const parsed = parseCommand(text, handlers);
    if (!parsed) {
      const suggestions = suggestCommands(text, handlers);
      await turn.sendActivity(
        suggestions.length > 0
          ? `Dat herken ik niet. Bedoel je ${suggestions.map((s) => `**${s}**`).join(" of ")}? Typ **help** voor alles wat ik kan.`
          : "Dat herken ik niet. Typ **help** om te zien wat ik voor je kan doen.",
      );
      return;
    }
    const handler = parsed.command;
    await runAuthorized(
      turn,
      deps,
      commandActionRef(handler),
      (actor) => handler.handle({ turn, actor, args: parsed.args, deps }),
      async (message) => {
        await turn.sendActivity(message);
      },
    );
  });
}
