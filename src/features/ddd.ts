import { dddRemindersJob } from "../jobs/ddd-reminders.js";
import { overstapYearJob } from "../jobs/overstap-year.js";
import { dddCijfersAction } from "../teams/card-actions/ddd-cijfers.js";
import { dddGedaanAction } from "../teams/card-actions/ddd-gedaan.js";
import { dddHulpAction } from "../teams/card-actions/ddd-hulp.js";
import { dddLaterAction } from "../teams/card-actions/ddd-later.js";
import { voortgangSchoolAction } from "../teams/card-actions/voortgang-school.js";
import { voorbeeldHerinneringenCommand } from "../teams/commands/voorbeeld-herinneringen.js";
import { voortgangCommand } from "../teams/commands/voortgang.js";
import type { Feature } from "./feature.js";

/** DDD deadlines: reminders to decanen and mentoren of schools that are behind, progress and forecast. */
export const dddFeature: Feature = {
  name: "ddd",
  commands: [voortgangCommand, voorbeeldHerinneringenCommand],
  cardActions: [dddCijfersAction, dddLaterAction, dddHulpAction, dddGedaanAction, voortgangSchoolAction],
  jobs: [dddRemindersJob, overstapYearJob],
};
