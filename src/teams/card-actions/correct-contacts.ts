import { contactCheckActionSchema } from "../../domain/contacts.js";
import { correctSchoolContacts } from "../../services/contacts.js";
import { defineCardAction } from "./router.js";

/** "Correcties opslaan" on the "klopt dit nog?" card: errors come back on the card and nothing is saved. */
export const correctContactsAction = defineCardAction({
  verb: "contacten-corrigeren",
  roles: ["decaan"],
  schema: contactCheckActionSchema,
  handle: ({ actor, data, deps }) => correctSchoolContacts(deps.db, { actor: actor.person, data, now: deps.clock() }),
});
