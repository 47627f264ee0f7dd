import { renderMeetmomentMessage } from "../../src/cards/meetmoment-round-card.js";
import { DateTime } from "luxon";
import { expect } from "vitest";
import { createRecordingOutbox } from "./recording-ports.js";
import { meetmomentDepsOf, runMeetmomenten } from "../../src/services/meetmomenten/index.js";
import { loadActivity } from "./fixtures.js";
import type { TestAanjager } from "./test-app.js";

/** Shared by the meetmoment tests: the demo people, a clock to move, and chat/invoke helpers. */
export type User = { teamsId: string; aad: string; name: string; conversation: string };
export const ALEX: User = { teamsId: "29:1aBcDeFgHiJkLmNoPqRsTuVwXyZ-alex", aad: "00000000-0000-0000-0000-0000000000020", name: "Alex Wilber", conversation: "a:1personal-alex-conversation" };
export const ISAIAH: User = { teamsId: "29:isaiah", aad: "00000000-0000-0000-0000-0000000000023", name: "Isaiah Langer", conversation: "a:isaiah" };
export const ADELE: User = { teamsId: "29:adele", aad: "00000000-0000-0000-0000-0000000000022", name: "Adele Vance", conversation: "a:adele" };

export function amsterdam(local: string): Date {
  return DateTime.fromISO(local, { zone: "Europe/Amsterdam" }).toJSDate();
}

/** A clock the test moves; the bot reads it on every turn. */
export function createTestClock(start: Date): { now: () => Date; set: (d: Date) => void } {
  let current = start;
  return { now: () => current, set: (d) => (current = d) };
}

let seq = 0;

export async function say(bot: TestAanjager, user: User, text: string) {
  const id = `mm-msg-${++seq}`;
  const res = await bot.post(loadActivity("personal-message-help", bot.connector.url, { id, text, from: { id: user.teamsId, aadObjectId: user.aad, name: user.name }, conversation: { id: user.conversation } }));
  expect(res.status).toBe(200);
  return bot.connector.sent().filter((c) => c.path.endsWith(`/activities/${id}`));
}

export type InvokeAnswer = { statusCode: number; type: string; value: any };

/** Presses an Action.Execute button with `data` (the card's data merged with its inputs, as Teams sends it). */
export async function press(bot: TestAanjager, user: User, verb: string, data: unknown): Promise<{ status: number; body: InvokeAnswer }> {
  const res = await bot.post(
    loadActivity("card-action-invoke", bot.connector.url, { id: `mm-invoke-${++seq}`, value: { action: { type: "Action.Execute", verb, data } }, from: { id: user.teamsId, aadObjectId: user.aad, name: user.name }, conversation: { id: user.conversation } }),
  );
  return { status: res.status, body: (await res.json()) as InvokeAnswer };
}

export function cardText(answer: InvokeAnswer): string {
  return typeof answer.value === "string" ? answer.value : JSON.stringify(answer.value);
}

/** Runs the meetmomenten job at `at` with a recording outbox (what it would send is in `outbox.messages`). */
export async function runJobAt(bot: TestAanjager, at: Date) {
  const outbox = createRecordingOutbox();
  const summary = await runMeetmomenten(bot.app.db, { ...meetmomentDepsOf({ ...bot.app.jobDeps, enqueue: outbox.enqueue }), render: renderMeetmomentMessage }, at);
  return { summary, outbox };
}

/** The inputs of a card, by id. */
export function inputsOf(card: any): Record<string, any> {
  const found: Record<string, any> = {};
  const walk = (node: any) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === "object") {
      if (typeof node.type === "string" && node.type.startsWith("Input.")) found[node.id] = node;
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

export function actionsOf(card: any): { title: string; verb: string; data: any }[] {
  return (card.actions ?? []).map((a: any) => ({ title: a.title, verb: a.verb, data: a.data }));
}
