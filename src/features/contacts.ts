import { contactCheckJob } from "../jobs/contact-check.js";
import { confirmContactsAction } from "../teams/card-actions/confirm-contacts.js";
import { correctContactsAction } from "../teams/card-actions/correct-contacts.js";
import { contactsCommand } from "../teams/commands/contacts.js";
import type { Feature } from "./feature.js";

/** Valid contacts per school: the yearly check a decaan confirms or corrects, and the list of gaps. */
export const contactsFeature: Feature = {
  name: "contacten",
  commands: [contactsCommand],
  cardActions: [confirmContactsAction, correctContactsAction],
  jobs: [contactCheckJob],
};
