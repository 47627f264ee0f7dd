import { SUMMARY_READERS } from "../../domain/authorization.js";
import { CardFactory } from "botbuilder";
import { parseSummaryArgs } from "../../domain/summary/command.js";
import { renderSummaryView } from "../../cards/summary-card.js";
import { findSummaryView, summaryDepsOf } from "../../services/summary/weekly-summary.js";
import type { CommandHandler } from "../types.js";

/**
 * `samenvatting`: this week's summary (as posted in the stuurgroep channel, or a tussenstand
 * before it is due); `samenvatting week 12`: a stored earlier week. A summary that needed
 * follow-up cards in the channel answers with the same cards here.
 */
export const samenvattingCommand: CommandHandler = {
  name: "samenvatting",
  usage: "samenvatting [week <nr>]",
  description: "De KPI-samenvatting van deze of een eerdere week.",
  roles: SUMMARY_READERS,
  async handle({ turn, args, deps }) {
    const parsed = parseSummaryArgs(args);
    if (!parsed) {
      await turn.sendActivity("Typ **samenvatting** voor deze week, of **samenvatting week 12** voor een eerdere week (eventueel met schooljaar: **samenvatting week 12 2025-2026**).");
      return;
    }
    const result = await findSummaryView(deps.db, summaryDepsOf(deps), parsed, deps.clock());
    if (result.kind === "not-found") {
      await turn.sendActivity(result.message);
      return;
    }
    for (const card of renderSummaryView(result.view)) await turn.sendActivity({ type: "message", attachments: [CardFactory.adaptiveCard(card)] });
  },
};
