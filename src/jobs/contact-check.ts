import { runInTransaction } from "../db/client.js";
import { getSchoolYear, nextSendMoment, toIsoDate } from "../domain/calendar/index.js";
import { isContactCheckPeriod } from "../domain/contacts.js";
import { renderContactCheckView } from "../cards/contact-check-card.js";
import { listContactChecks, toOutboundMessage } from "../services/contacts.js";
import type { JobDefinition } from "./types.js";

/**
 * "Klopt dit nog?": from September up to the DDD deadline, every decaan of an overstap school
 * whose contacts are not all confirmed for the school year gets the card. Daily, so a decaan
 * added by an import is asked within a day; each message carries a key per decaan, school and
 * school year, so the outbox takes it once, and is not sent before the next working moment.
 */
export const contactCheckJob: JobDefinition = {
  name: "contact-check",
  description: "Stuurt decanen van overstapscholen de kaart 'Klopt dit nog?' om hun contactpersonen te bevestigen (september t/m maart).",
  schedule: { kind: "daily", time: "09:00" },
  catchUp: true,
  async run(deps, now) {
    const schoolYear = getSchoolYear(now, deps.calendar.zone);
    if (!isContactCheckPeriod(toIsoDate(now, deps.calendar.zone), schoolYear)) return { schoolYear, inPeriod: false, messages: 0, enqueued: 0 };
    const messages = await listContactChecks(deps.db, schoolYear, { onlyUnconfirmed: true });
    const notBefore = nextSendMoment(now, deps.calendar);
    let enqueued = 0;
    for (const m of messages) {
      const result = await runInTransaction(deps.db, (tx) => deps.enqueue(tx, toOutboundMessage(m, renderContactCheckView(m.view), notBefore), now));
      if (result.enqueued) enqueued++;
    }
    return { schoolYear, inPeriod: true, messages: messages.length, enqueued };
  },
};
