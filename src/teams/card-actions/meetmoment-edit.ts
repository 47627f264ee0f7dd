import { defineCardAction } from "./router.js";
import { MEETMOMENT_ROLES, meetmomentEnvelope, runMeetmomentAction } from "./meetmoment-actions.js";

/** `Wijzigen` on the summary: the form again, filled in, while the round is open. Writes nothing. */
export const meetmomentEditAction = defineCardAction({
  verb: "meetmoment-wijzigen",
  roles: MEETMOMENT_ROLES,
  schema: meetmomentEnvelope,
  handle: ({ actor, data, deps }) => runMeetmomentAction("wijzigen", actor, deps, data),
});
