import { OPERATORS } from "../../domain/authorization.js";
import { CardFactory } from "botbuilder";
import { DateTime } from "luxon";
import { renderVoorbeeldCard } from "../../cards/ddd-voorbeeld-card.js";
import { DDD_REMINDER_TIME } from "../../domain/ddd/index.js";
import { parseDutchDayTime } from "../../domain/dutch-date.js";
import { previewDddReminders } from "../../services/ddd/preview.js";
import type { CommandHandler } from "../types.js";

/**
 * `voorbeeld herinneringen [datum]`: who would get which DDD reminder at that moment, sending
 * nothing. A day without a time is taken at the job's own time (08:15), because that is when
 * the reminders of that day are planned.
 */
export const voorbeeldHerinneringenCommand: CommandHandler = {
  name: "voorbeeld herinneringen",
  usage: "voorbeeld herinneringen [datum]",
  description: "Wie welke DDD-herinnering zou krijgen, zonder iets te versturen.",
  roles: OPERATORS,
  async handle({ turn, args, deps }) {
    const now = deps.clock();
    let at = now;
    if (args.trim() !== "") {
      const parsed = parseDutchDayTime(args, now, deps.calendar.zone);
      if (!parsed.ok) {
        await turn.sendActivity(`${parsed.message} Typ bijvoorbeeld **voorbeeld herinneringen 18 maart**.`);
        return;
      }
      at = DateTime.fromISO(`${parsed.day}T${parsed.time ?? DDD_REMINDER_TIME}`, { zone: deps.calendar.zone }).toJSDate();
    }
    const preview = await previewDddReminders(deps, at);
    await turn.sendActivity({ attachments: [CardFactory.adaptiveCard(renderVoorbeeldCard(preview.card))] });
  },
};
