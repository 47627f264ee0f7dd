import { dispatchJob } from "../jobs/dispatch.js";
import { deliveryStatusCommand } from "../teams/commands/delivery-status.js";
import type { Feature } from "./feature.js";

/** The outbox: every proactive message, sent at Teams' pace, and its state for the operators. */
export const deliveryFeature: Feature = {
  name: "verzending",
  commands: [deliveryStatusCommand],
  jobs: [dispatchJob],
};
