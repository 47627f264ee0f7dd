import { contactCheckActionSchema } from "../../domain/contacts.js";
import { confirmSchoolContacts } from "../../services/contacts.js";
import { defineCardAction } from "./router.js";

/** "Klopt, bevestigen" on the "klopt dit nog?" card; only a decaan of that school (checked in the service). */
export const confirmContactsAction = defineCardAction({
  verb: "contacten-bevestigen",
  roles: ["decaan"],
  schema: contactCheckActionSchema,
  handle: ({ actor, data, deps }) => confirmSchoolContacts(deps.db, { actor: actor.person, data, now: deps.clock() }),
});
