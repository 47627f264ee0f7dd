import { SUMMARY_READERS } from "../../domain/authorization.js";
import { parseSummaryExportArgs } from "../../domain/summary/command.js";
import { exportSummaryView, findSummaryView, summaryDepsOf } from "../../services/summary/weekly-summary.js";
import { sendDownloadLink } from "../download-link.js";
import type { CommandHandler } from "../types.js";

/**
 * `export samenvatting [week <nr>] [html]`: the weekly summary as a file, for a stuurgroep
 * member who takes it to a meeting or forwards it. The same document as
 * `npx aanjager export samenvatting`; CSV opens in Excel, HTML prints as it looks.
 */
export const exportSamenvattingCommand: CommandHandler = {
  name: "export samenvatting",
  usage: "export samenvatting [week <nr>] [html]",
  description: "De KPI-samenvatting als downloadbestand om te bewaren of door te sturen: CSV voor Excel, of HTML om te printen.",
  kind: "export",
  roles: SUMMARY_READERS,
  async handle({ turn, args, deps }) {
    const parsed = parseSummaryExportArgs(args);
    if (!parsed) {
      await turn.sendActivity("Typ **export samenvatting** voor deze week, **export samenvatting week 12** voor een eerdere week, en zet er **html** achter voor een document om te printen.");
      return;
    }
    const result = await findSummaryView(deps.db, summaryDepsOf(deps), parsed.query, deps.clock());
    if (result.kind === "not-found") {
      await turn.sendActivity(result.message);
      return;
    }
    const { schoolYear, week } = result.view.data.period;
    const cli = `npx aanjager exporteer samenvatting --week ${week} --schooljaar ${schoolYear} --format ${parsed.format}`;
    const what = `week ${week} van ${schoolYear}${result.view.preview ? " (tussenstand, nog niet verstuurd)" : ""}`;
    await sendDownloadLink(turn, deps, {
      fileName: `samenvatting-${schoolYear}-week-${String(week).padStart(2, "0")}.${parsed.format}`,
      contentType: parsed.format === "html" ? "text/html" : "text/csv",
      content: exportSummaryView(result.view, parsed.format),
      text: `De KPI-samenvatting van ${what} als ${parsed.format === "html" ? "HTML-document om te printen" : "CSV-bestand voor Excel"}.`,
      fallback: `Vraag de beheerder om \`${cli}\`.`,
    });
  },
};
