/**
 * Whether Aanjager can reach a person in Teams: ONE decision for the dispatcher (where to send),
 * the directory's contact validity ("geen geldig contact") and the list of unreachable people,
 * so the three never disagree. Pure: the stored facts come in.
 */
export type ReachabilityFacts = {
  /** An AAD object id or Teams user id is known: the bot can start a chat with the person. */
  hasTeamsIdentity: boolean;
  /** Teams refused a message to the person (403) and their personal chat has not come back since. */
  refused: { since: Date; reason: string | null } | null;
  /** The person's latest personal chat with the bot; null when none was ever opened. */
  latestPersonalChat: { status: string; blockedReason: string | null; blockedAt: Date | null; uninstalledAt: Date | null } | null;
};

export type Reachability =
  | { reachable: true; via: "personal-chat" | "new-chat" }
  | { reachable: false; reason: "blocked" | "uninstalled" | "no-teams-identity"; detail: string | null; since: Date | null };

export function judgeReachability(facts: ReachabilityFacts): Reachability {
  // A refusal counts even without a personal chat: a 403 on starting a new chat says as much.
  if (facts.refused) return { reachable: false, reason: "blocked", detail: facts.refused.reason, since: facts.refused.since };
  const chat = facts.latestPersonalChat;
  if (chat?.status === "blocked") return { reachable: false, reason: "blocked", detail: chat.blockedReason, since: chat.blockedAt };
  if (chat?.status === "uninstalled") return { reachable: false, reason: "uninstalled", detail: null, since: chat.uninstalledAt };
  if (chat?.status === "active") return { reachable: true, via: "personal-chat" };
  if (facts.hasTeamsIdentity) return { reachable: true, via: "new-chat" };
  return { reachable: false, reason: "no-teams-identity", detail: null, since: null };
}
