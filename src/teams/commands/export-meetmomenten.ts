import { OPERATORS } from "../../domain/authorization.js";
import { getSchoolYear } from "../../domain/calendar/index.js";
import { isAppError } from "../../errors.js";
import { buildMeetmomentExport, buildMeetmomentExportFile, resolveExportActivity } from "../../services/meetmoment-export.js";
import { sendDownloadLink } from "../download-link.js";
import type { CommandHandler } from "../types.js";

/** `export meetmomenten [activiteit] [xlsx]`: this school year's figures as a CSV file or an Excel workbook, by download link. */
export const exportMeetmomentenCommand: CommandHandler = {
  name: "export meetmomenten",
  usage: "export meetmomenten [activiteit] [xlsx]",
  description: "De cijfers van dit schooljaar als downloadbestand (CSV, of Excel met xlsx): elke KPI, periode, waarde, norm, wie en wanneer.",
  kind: "export",
  roles: OPERATORS,
  async handle({ turn, args, deps }) {
    const schoolYear = getSchoolYear(deps.clock(), deps.calendar.zone);
    // A trailing "xlsx" (or "excel") asks for a formatted workbook instead of CSV.
    const words = args.split(" ").filter(Boolean);
    const format = ["xlsx", "excel"].includes(words.at(-1) ?? "") ? "xlsx" : "csv";
    if (format === "xlsx" || words.at(-1) === "csv") words.pop();
    const query = words.join(" ");
    let activity: Awaited<ReturnType<typeof resolveExportActivity>>;
    try {
      activity = await resolveExportActivity(deps.db, query === "" ? "alle" : query);
    } catch (error) {
      if (isAppError(error) && error.userMessage) return void (await turn.sendActivity(`${error.userMessage} Typ **export meetmomenten** voor alle activiteiten of **export meetmomenten ddd** voor één.`));
      throw error;
    }
    const rows = await buildMeetmomentExport(deps.db, { schoolYear, ...(activity === "alle" ? {} : { activityId: activity.id }) });
    const what = activity === "alle" ? "alle activiteiten" : activity.naam;
    const cli = `npx aanjager exporteer meetmoment ${activity === "alle" ? "alle" : activity.id} --schooljaar ${schoolYear} --format xlsx`;
    if (rows.length === 0) return void (await turn.sendActivity(`Er zijn in schooljaar ${schoolYear} nog geen meetmomenten geopend voor ${what}, dus er is niets te exporteren.`));
    await sendDownloadLink(turn, deps, {
      ...(await buildMeetmomentExportFile(rows, { activity, schoolYear, format })),
      text: `De cijfers van ${what}, schooljaar ${schoolYear}: ${rows.length} regels (elke KPI per meetmoment, met norm, wie en wanneer), als ${format === "xlsx" ? "Excel-bestand" : "CSV-bestand voor Excel (met opmaak: zet er **xlsx** achter)"}.`,
      fallback: `Vraag de beheerder om \`${cli}\`.`,
    });
  },
};
