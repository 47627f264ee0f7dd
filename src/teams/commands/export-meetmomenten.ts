import { getSchoolYear } from "../../domain/calendar/index.js";
import { isAppError } from "../../errors.js";
import { buildMeetmomentExport, exportFileName, formatExportCsv, resolveExportActivity } from "../../services/meetmoment-export.js";
import { sendInlineFile } from "../inline-file.js";
import type { CommandHandler } from "../types.js";

/** `export meetmomenten [activiteit]`: this school year's figures as a CSV file in the chat. */
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
    await sendInlineFile(turn, deps.logger, {
      name: exportFileName(activity, schoolYear, "csv"),
      contentType: "text/csv",
      content: formatExportCsv(rows),
      text: `De cijfers van ${what}, schooljaar ${schoolYear}: ${rows.length} regels (elke KPI per meetmoment, met norm, wie en wanneer). Open het bestand in Excel; voor een Excel-bestand met opmaak: \`${cli}\`.`,
      tooLarge: (kb) => `De export van ${what} (${rows.length} regels, ${kb} KB) is te groot om in de chat te sturen. Vraag de beheerder om \`${cli}\`, of exporteer per activiteit (**export meetmomenten ddd**).`,
      refused: `Teams nam het bestand niet aan. Vraag de beheerder om \`${cli}\`.`,
    });
  },
};
