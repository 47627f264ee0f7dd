import { OPERATORS } from "../../domain/authorization.js";
import { CardFactory } from "botbuilder";
import { buildContactsOverviewData, renderContactsOverviewCard } from "../../cards/contacts-card.js";
import { listOpenChainGaps, listSchoolsWithoutValidDecaan } from "../../services/contacts.js";
import type { CommandHandler } from "../types.js";

/** `contacten`: the overstap schools without a valid decaan, and the escalation levels that reached nobody. */
export const contactsCommand: CommandHandler = {
  name: "contacten",
  usage: "contacten",
  description: "Scholen zonder geldige contactpersoon (decaan), en wie de escalatie niet kon bereiken (schoolleiding, schoolbestuur, RMC en leerplicht).",
  roles: OPERATORS,
  async handle({ turn, deps }) {
    const card = renderContactsOverviewCard(buildContactsOverviewData(await listSchoolsWithoutValidDecaan(deps.db, deps.clock())));
    await turn.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    const gaps = await listOpenChainGaps(deps.db);
    if (gaps.length > 0) {
      const lines = gaps.map((g) => `- ${g.who} van ${g.where}: niemand in de contactenlijst (sinds ${g.since}, zaak ${g.caseId})`);
      await turn.sendActivity(`**Escalaties die niemand bereikten** (vul de contactenlijst aan en importeer opnieuw):\n\n${lines.join("\n")}`);
    }
  },
};
