import { FIGURE_KEEPERS } from "../../domain/authorization.js";
import { defineCardAction } from "./router.js";
import { meetmomentEnvelope, runMeetmomentAction } from "./meetmoment-actions.js";

/** `Concept opslaan`: stores what is filled in as a draft; the owner's task stays open (reminders go on). */
export const meetmomentDraftAction = defineCardAction({
  verb: "meetmoment-concept",
  roles: FIGURE_KEEPERS,
  schema: meetmomentEnvelope,
  handle: ({ actor, data, deps }) => runMeetmomentAction("concept", actor, deps, data),
});
