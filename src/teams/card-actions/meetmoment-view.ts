import { FIGURE_KEEPERS } from "../../domain/authorization.js";
import { defineCardAction } from "./router.js";
import { meetmomentEnvelope, runMeetmomentAction } from "./meetmoment-actions.js";

/** `Invullen` / `Bekijken` on the `cijfers` list and `Annuleren` on a correction: the round as it stands. Writes nothing. */
export const meetmomentViewAction = defineCardAction({
  verb: "meetmoment-bekijken",
  roles: FIGURE_KEEPERS,
  schema: meetmomentEnvelope,
  handle: ({ actor, data, deps }) => runMeetmomentAction("bekijken", actor, deps, data),
});
