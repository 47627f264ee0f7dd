import { getSchoolYear } from "../../domain/calendar/index.js";
import { isAppError } from "../../errors.js";
import { buildMeetmomentExport, exportFileName, formatExportCsv, resolveExportActivity } from "../../services/meetmoment-export.js";
import type { CommandHandler } from "../types.js";

/**
 * `export meetmomenten [activiteit]`: this school year's figures as a CSV file in the chat.
 *
 * Why a data: URL attachment: a bot can only upload a real file into a personal chat through
 * Teams' file consent flow (FileConsentCard, then an upload to the user's OneDrive), which needs
 * the supportsFiles manifest setting, a round trip and a consent click, and does not work in
 * channels. The CSV is small for one school year (a few hundred rows), so it travels inline
 * as `text/csv` with its content in a data: URL. A client that cannot show the attachment, or
 * an export too large to send inline, gets a Dutch message pointing to the command line
 * (`npx aanjager export meetmoment ...`), which also writes XLSX.
 */
export const MAX_INLINE_CSV_BYTES = 20 * 1024;

export const exportMeetmomentenCommand: CommandHandler = {
  name: "export meetmomenten",
  async handle({ turn, args, deps }) {
    const schoolYear = getSchoolYear(deps.clock(), deps.calendar.zone);
    let activity: Awaited<ReturnType<typeof resolveExportActivity>>;
    try {
      activity = await resolveExportActivity(deps.db, args === "" ? "alle" : args);
    } catch (error) {
      if (isAppError(error) && error.userMessage) return void (await turn.sendActivity(`${error.userMessage} Typ **export meetmomenten** voor alle activiteiten of **export meetmomenten ddd** voor één.`));
      throw error;
    }
    const rows = await buildMeetmomentExport(deps.db, { schoolYear, ...(activity === "alle" ? {} : { activityId: activity.id }) });
    const what = activity === "alle" ? "alle activiteiten" : activity.naam;
    const cli = `npx aanjager export meetmoment ${activity === "alle" ? "alle" : activity.id} --schooljaar ${schoolYear} --format xlsx`;
    if (rows.length === 0) return void (await turn.sendActivity(`Er zijn in schooljaar ${schoolYear} nog geen meetmomenten geopend voor ${what}, dus er is niets te exporteren.`));
    const csv = formatExportCsv(rows);
    const bytes = Buffer.byteLength(csv, "utf8");
    if (bytes > MAX_INLINE_CSV_BYTES) {
      return void (await turn.sendActivity(
        `De export van ${what} (${rows.length} regels, ${Math.round(bytes / 1024)} KB) is te groot om in de chat te sturen. Vraag de beheerder om \`${cli}\`, of exporteer per activiteit (**export meetmomenten ddd**).`,
      ));
    }
    const name = exportFileName(activity, schoolYear, "csv");
    try {
      await turn.sendActivity({
        type: "message",
        text: `De cijfers van ${what}, schooljaar ${schoolYear}: ${rows.length} regels (elke KPI per meetmoment, met norm, wie en wanneer). Open het bestand in Excel; voor een Excel-bestand met opmaak: \`${cli}\`.`,
        attachments: [{ contentType: "text/csv", contentUrl: `data:text/csv;charset=utf-8;base64,${Buffer.from(csv, "utf8").toString("base64")}`, name }],
      });
    } catch (error) {
      deps.logger.warn({ err: error instanceof Error ? error.message : String(error), bytes }, "inline CSV attachment refused");
      await turn.sendActivity(`Teams nam het bestand niet aan. Vraag de beheerder om \`${cli}\`.`);
    }
  },
};
