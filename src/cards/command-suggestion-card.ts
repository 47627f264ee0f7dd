import { renderCard, type AdaptiveCard } from "./render-card.js";

/**
 * "Dat herken ik niet. Bedoel je voortgang?" with a button per suggestion. The button is an
 * imBack: Teams posts the command into the chat as if the person typed it, so it runs through
 * the same route (and the same authorization) as a typed command.
 */
export type CommandSuggestionCardData = { text: string; suggestions: { command: string }[] };

export function buildCommandSuggestionCardData(suggestions: readonly string[]): CommandSuggestionCardData {
  return {
    text: `Dat herken ik niet. Bedoel je ${suggestions.map((s) => `**${s}**`).join(" of ")}? Typ **help** voor alles wat ik kan.`,
    suggestions: suggestions.map((command) => ({ command })),
  };
}

export function renderCommandSuggestionCard(data: CommandSuggestionCardData): AdaptiveCard {
  return renderCard("command-suggestion", data);
}
