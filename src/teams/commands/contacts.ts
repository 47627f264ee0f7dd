import { OPERATORS } from "../../domain/authorization.js";
import { CardFactory } from "botbuilder";
import { buildContactsOverviewData, renderContactsOverviewCard } from "../../cards/contacts-card.js";
import { listSchoolsWithoutValidDecaan } from "../../services/contacts.js";
import type { CommandHandler } from "../types.js";

/** `contacten`: the overstap schools without a valid decaan, with the reason per school. */
export const contactsCommand: CommandHandler = {
  name: "contacten",
  usage: "contacten",
  description: "Scholen zonder geldige contactpersoon (decaan).",
  roles: OPERATORS,
  async handle({ turn, deps }) {
    const card = renderContactsOverviewCard(buildContactsOverviewData(await listSchoolsWithoutValidDecaan(deps.db, deps.clock())));
    await turn.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  },
};
