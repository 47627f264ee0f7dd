import { CardFactory, type TurnContext } from "botbuilder";
import type { Application } from "@microsoft/teams-ai";
import { buildCommandSuggestionCardData, renderCommandSuggestionCard } from "../../cards/command-suggestion-card.js";
import { listCommandCandidates } from "../../domain/chat-text.js";
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
    // A suggestion button ("Bedoel je help?") submits the command as `{ opdracht }` instead of text.
    const suggested = typeof activity.value === "object" && activity.value !== null ? (activity.value as { opdracht?: unknown }).opdracht : undefined;
    const typed = typeof activity.text === "string" && activity.text.trim() !== "" ? activity.text : typeof suggested === "string" ? suggested.slice(0, 200) : "";
    const candidates = listCommandCandidates(typed);
    if (candidates[0] === "") {
      // A card's Action.Submit arrives as a message with a value and no text; features route those themselves.
      if (activity.value === undefined) await turn.sendActivity("Typ **help** om te zien wat ik voor je kan doen.");
      return;
    }
    const parsed = candidates.map((text) => parseCommand(text, handlers)).find((p) => p !== null) ?? null;
    if (!parsed) {
      const suggestions = suggestCommands(candidates[candidates.length - 1]!, handlers);
      if (suggestions.length > 0) await turn.sendActivity({ attachments: [CardFactory.adaptiveCard(renderCommandSuggestionCard(buildCommandSuggestionCardData(suggestions)))] });
      else await turn.sendActivity("Dat herken ik niet. Typ **help** om te zien wat ik voor je kan doen.");
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
