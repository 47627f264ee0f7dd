import { contactCheckActionSchema } from "../../domain/contacts.js";
import { correctSchoolContacts } from "../../services/contacts.js";
import { defineCardAction } from "./router.js";
import { renderContactCheckView } from "../../cards/contact-check-card.js";

/** "Correcties opslaan" on the "klopt dit nog?" card: errors come back on the card and nothing is saved. */
export const correctContactsAction = defineCardAction({
  verb: "contacten-corrigeren",
  roles: ["decaan"],
  schema: contactCheckActionSchema,
  async handle({ actor, data, deps }) {
    const answer = await correctSchoolContacts(deps.db, { actor: actor.person, data, now: deps.clock() });
    return typeof answer === "string" ? answer : renderContactCheckView(answer);
  },
});
