import { syncRosters } from "../services/roster-sync.js";
import type { JobDefinition } from "./types.js";

/** Daily, before the working day starts: links directory people to the Teams accounts in the bot's teams. */
export const syncRostersJob: JobDefinition = {
  name: "sync-rosters",
  description: "Koppelt personen uit de contactenlijst aan hun Teams-account via de ledenlijsten van de teams waarin Aanjager zit.",
  schedule: { kind: "daily", time: "06:30" },
  catchUp: true,
  async run(deps) {
    return syncRosters(deps.db, deps.logger, deps.teams.fetchTeamMembers);
  },
};
