import { meetmomentenJob } from "../jobs/meetmomenten.js";
import { meetmomentDraftAction } from "../teams/card-actions/meetmoment-draft.js";
import { meetmomentEditAction } from "../teams/card-actions/meetmoment-edit.js";
import { meetmomentSubmitAction } from "../teams/card-actions/meetmoment-submit.js";
import { meetmomentViewAction } from "../teams/card-actions/meetmoment-view.js";
import { cijfersCommand } from "../teams/commands/cijfers.js";
import { exportMeetmomentenCommand } from "../teams/commands/export-meetmomenten.js";
import type { Feature } from "./feature.js";

/** Meetmomenten: KPI figures collected from activity owners by form, reminded and escalated when overdue. */
export const meetmomentenFeature: Feature = {
  name: "meetmomenten",
  commands: [cijfersCommand, exportMeetmomentenCommand],
  cardActions: [meetmomentViewAction, meetmomentDraftAction, meetmomentSubmitAction, meetmomentEditAction],
  jobs: [meetmomentenJob],
};
