import type { Db } from "../db/client.js";
import { listActiveTeams } from "../db/conversation-refs.js";
import { linkRosterMembers } from "../db/people.js";
import { describeErrorForLog, type Logger } from "../logger.js";

/**
 * Roster sync: people who never opened the bot can still be reached if Aanjager knows their
 * Teams ids, which the member lists of the teams the bot is installed in provide. Members are
 * matched to the directory by AAD object id, else by e-mail (or UPN); only directory people are
 * touched, nobody else from a roster is stored.
 */
export type TeamMember = { teamsUserId: string; aadObjectId: string | null; email: string | null };

export type RosterLinkResult = { members: number; linked: number; alreadyLinked: number; notInDirectory: number; conflicts: number };

export async function linkTeamMembers(db: Db, members: readonly TeamMember[]): Promise<RosterLinkResult> {
  return linkRosterMembers(db, members.map((m) => ({ ...m, email: m.email?.trim().toLowerCase() || null })));
}

export type RosterSyncResult = RosterLinkResult & { teams: number; failedTeams: number };

/** Syncs every team with an active installation; one failing team does not stop the others. */
export async function syncRosters(db: Db, logger: Logger, fetchTeamMembers: (team: { teamId: string; reference: unknown }) => Promise<TeamMember[]>): Promise<RosterSyncResult> {
  const teams = await listActiveTeams(db);
  const total: RosterSyncResult = { teams: teams.length, failedTeams: 0, members: 0, linked: 0, alreadyLinked: 0, notInDirectory: 0, conflicts: 0 };
  for (const team of teams) {
    try {
      const result = await linkTeamMembers(db, await fetchTeamMembers(team));
      for (const key of ["members", "linked", "alreadyLinked", "notInDirectory", "conflicts"] as const) total[key] += result[key];
      logger.info({ teamId: team.teamId, ...result }, "team roster synced");
    } catch (error) {
      total.failedTeams++;
      logger.warn({ teamId: team.teamId, err: describeErrorForLog(error) }, "team roster sync failed");
    }
  }
  return total;
}
