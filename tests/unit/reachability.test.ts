import { describe, expect, it } from "vitest";
import { judgeReachability, type ReachabilityFacts } from "../../src/domain/reachability.js";

const at = new Date("2026-10-01T08:00:00Z");
const chat = (status: string) => ({ status, blockedReason: status === "blocked" ? "403 ConversationBlockedByUser" : null, blockedAt: status === "blocked" ? at : null, uninstalledAt: status === "uninstalled" ? at : null });
const linked: ReachabilityFacts = { hasTeamsIdentity: true, refused: null, latestPersonalChat: null };

describe("judgeReachability: one decision for the dispatcher, contact validity and the unreachable list", () => {
  it("reaches a person in their personal chat, or by starting one when a Teams identity is known", () => {
    expect(judgeReachability({ ...linked, latestPersonalChat: chat("active") })).toEqual({ reachable: true, via: "personal-chat" });
    expect(judgeReachability(linked)).toEqual({ reachable: true, via: "new-chat" });
  });

  it("goes by the latest personal chat: blocked or removed", () => {
    expect(judgeReachability({ ...linked, latestPersonalChat: chat("blocked") })).toEqual({ reachable: false, reason: "blocked", detail: "403 ConversationBlockedByUser", since: at });
    expect(judgeReachability({ ...linked, latestPersonalChat: chat("uninstalled") })).toEqual({ reachable: false, reason: "uninstalled", detail: null, since: at });
  });

  it("counts a refusal by Teams even when no personal chat was ever opened (a 403 on starting one)", () => {
    expect(judgeReachability({ ...linked, refused: { since: at, reason: "403 BotDisabledByAdmin" } })).toEqual({ reachable: false, reason: "blocked", detail: "403 BotDisabledByAdmin", since: at });
  });

  it("cannot reach a person without any Teams identity or chat", () => {
    expect(judgeReachability({ hasTeamsIdentity: false, refused: null, latestPersonalChat: null })).toEqual({ reachable: false, reason: "no-teams-identity", detail: null, since: null });
  });
});
