import { OPERATORS } from "../../domain/authorization.js";
import { CardFactory } from "botbuilder";
import { buildContactsOverviewCard } from "../../services/contacts.js";
import type { CommandHandler } from "../types.js";

/** `contacten`: the overstap schools without a valid decaan, with the reason per school. */
export const contactsCommand: CommandHandler = {
  name: "contacten",
  usage: "contacten",
  description: "Scholen zonder geldige contactpersoon (decaan).",
  roles: OPERATORS,
  async handle({ turn, deps }) {
    const card = await buildContactsOverviewCard(deps.db, deps.clock());
    await turn.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  },
};
