import { FIGURE_KEEPERS } from "../../domain/authorization.js";
import { defineCardAction } from "./router.js";
import { meetmomentEnvelope, runMeetmomentAction } from "./meetmoment-actions.js";

/** `Wijzigen` on the summary: the form again, filled in, while the round is open. Writes nothing. */
export const meetmomentEditAction = defineCardAction({
  verb: "meetmoment-wijzigen",
  roles: FIGURE_KEEPERS,
  schema: meetmomentEnvelope,
  handle: ({ actor, data, deps }) => runMeetmomentAction("wijzigen", actor, deps, data),
});
