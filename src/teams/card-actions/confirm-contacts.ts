import { contactCheckActionSchema } from "../../domain/contacts.js";
import { confirmSchoolContacts } from "../../services/contacts.js";
import { defineCardAction } from "./router.js";
import { renderContactCheckView } from "../../cards/contact-check-card.js";

/** "Klopt, bevestigen" on the "klopt dit nog?" card; only a decaan of that school (checked in the service). */
export const confirmContactsAction = defineCardAction({
  verb: "contacten-bevestigen",
  roles: ["decaan"],
  schema: contactCheckActionSchema,
  async handle({ actor, data, deps }) {
    const answer = await confirmSchoolContacts(deps.db, { actor: actor.person, data, now: deps.clock() });
    return typeof answer === "string" ? answer : renderContactCheckView(answer);
  },
});
