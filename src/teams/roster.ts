import type { CloudAdapter } from "botbuilder";
import { TeamsInfo, type ConversationReference, type TurnContext } from "botbuilder";
import type { TeamMember } from "../services/roster-sync.js";

// Teams serves at most 500 members per page; the page cap only guards against a connector that
// keeps returning a continuation token (100 pages is 50,000 members, far beyond any team here).
const PAGE_SIZE = 500;
const MAX_PAGES = 100;

/** Every member of the team, page by page (TeamsInfo.getPagedTeamMembers). */
export async function readTeamMembers(turn: TurnContext, teamId: string): Promise<TeamMember[]> {
  const members: TeamMember[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await TeamsInfo.getPagedTeamMembers(turn, teamId, PAGE_SIZE, token);
    for (const m of result.members ?? []) {
      if (!m.id) continue;
      members.push({ teamsUserId: m.id, aadObjectId: m.aadObjectId ?? null, email: m.email ?? m.userPrincipalName ?? null });
    }
    token = result.continuationToken || undefined;
    if (!token) break;
  }
  return members;
}

/** How jobs reach Teams for rosters without a turn: proactively, through the stored team reference. */
export type RosterGateway = { fetchTeamMembers: (team: { teamId: string; reference: unknown }) => Promise<TeamMember[]> };

export function createRosterGateway(adapter: CloudAdapter, appId: string | undefined): RosterGateway {
  return {
    async fetchTeamMembers(team) {
      let members: TeamMember[] = [];
      let failure: unknown = null;
      // Without an app id (local mode) the adapter talks to the connector unauthenticated. A
      // failure is carried out of the turn rather than thrown inside it: the adapter's turn
      // error handler would otherwise answer the team's channel with an error message.
      await adapter.continueConversationAsync(appId ?? "", team.reference as Partial<ConversationReference>, async (turn) => {
        try {
          members = await readTeamMembers(turn, team.teamId);
        } catch (error) {
          failure = error;
        }
      });
      if (failure) throw failure;
      return members;
    },
  };
}
