import { FIGURE_KEEPERS } from "../../domain/authorization.js";
import { defineCardAction } from "./router.js";
import { meetmomentEnvelope, runMeetmomentAction } from "./meetmoment-actions.js";

/** `Indienen` / `Correctie indienen`: every KPI filled in; stores a version per changed value and closes the owner's task. */
export const meetmomentSubmitAction = defineCardAction({
  verb: "meetmoment-indienen",
  roles: FIGURE_KEEPERS,
  schema: meetmomentEnvelope,
  handle: ({ actor, data, deps }) => runMeetmomentAction("indienen", actor, deps, data),
});
