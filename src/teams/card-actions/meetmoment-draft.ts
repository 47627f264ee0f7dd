import { defineCardAction } from "./router.js";
import { MEETMOMENT_ROLES, meetmomentEnvelope, runMeetmomentAction } from "./meetmoment-actions.js";

/** `Concept opslaan`: stores what is filled in as a draft; the owner's task stays open (reminders go on). */
export const meetmomentDraftAction = defineCardAction({
  verb: "meetmoment-concept",
  roles: MEETMOMENT_ROLES,
  schema: meetmomentEnvelope,
  handle: ({ actor, data, deps }) => runMeetmomentAction("concept", actor, deps, data),
});
