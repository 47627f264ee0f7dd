import { renderCard, type AdaptiveCard } from "./render-card.js";

/**
 * "Dat herken ik niet. Bedoel je voortgang?" with a button per suggestion. The button is an
 * Action.Submit with `{ opdracht }`: the message router runs it as if it were typed, through the
 * same route and authorization. (An imBack would post the text for the person, but the Agents
 * Playground does not carry it out; a plain submit works in both.)
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
