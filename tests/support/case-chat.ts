import { expect } from "vitest";
import { loadActivity } from "./fixtures.js";
import type { TestAanjager } from "./test-app.js";

/** The playground people who work cases, as Teams identifies them in a personal chat. */
export type ChatUser = { teamsId: string; aad: string; name: string; conversation: string };
export const ALEX: ChatUser = { teamsId: "29:1aBcDeFgHiJkLmNoPqRsTuVwXyZ-alex", aad: "00000000-0000-0000-0000-0000000000020", name: "Alex Wilber", conversation: "a:1personal-alex-conversation" };
export const MEGAN: ChatUser = { teamsId: "29:megan", aad: "00000000-0000-0000-0000-0000000000021", name: "Megan Bowen", conversation: "a:megan" };
export const LYNNE: ChatUser = { teamsId: "29:lynne", aad: "00000000-0000-0000-0000-0000000000025", name: "Lynne Robbins", conversation: "a:lynne" };
export const ADELE: ChatUser = { teamsId: "29:adele", aad: "00000000-0000-0000-0000-0000000000022", name: "Adele Vance", conversation: "a:adele" };

export function cardOf(call: { body: any }): any {
  return call.body.attachments?.[0]?.content;
}

/**
 * Chat and button helpers for the bot a test file runs (`getBot`, as it is replaced per test):
 * `say` returns the bot's replies to exactly that message, `press` the invoke response body.
 */
export function createCaseChat(getBot: () => TestAanjager) {
  let seq = 0;
  const from = (user: ChatUser) => ({ from: { id: user.teamsId, aadObjectId: user.aad, name: user.name }, conversation: { id: user.conversation } });
  return {
    async say(user: ChatUser, text: string) {
      const bot = getBot();
      const id = `msg-${++seq}`;
      const res = await bot.post(loadActivity("personal-message-help", bot.connector.url, { id, text, ...from(user) }));
      expect(res.status).toBe(200);
      const replies = bot.connector.sent().filter((c) => c.path.endsWith(`/activities/${id}`));
      expect(replies.length).toBeGreaterThan(0);
      return replies;
    },
    async press(user: ChatUser, verb: string, data: Record<string, unknown>) {
      const bot = getBot();
      const res = await bot.post(loadActivity("card-action-invoke", bot.connector.url, { id: `invoke-${++seq}`, value: { action: { type: "Action.Execute", verb, data } }, ...from(user) }));
      expect(res.status).toBe(200);
      return (await res.json()) as { statusCode: number; type: string; value: any };
    },
  };
}
