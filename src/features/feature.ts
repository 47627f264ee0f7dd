import { createAuthorization, type Authorization, type Permission } from "../domain/authorization.js";
import { commandActionRef } from "../domain/commands.js";
import type { JobDefinition } from "../jobs/types.js";
import type { CardActionHandler } from "../teams/card-actions/router.js";
import type { CommandHandler } from "../teams/types.js";

/**
 * A feature in one place: the chat commands, card buttons and jobs that make it up. Each command
 * and button carries its help text and its audience in its own file (src/teams/commands/,
 * src/teams/card-actions/); the feature lists them, and Aanjager is the features composed
 * (src/features/index.ts). Nothing else keeps a list: the router, the help card, the
 * authorization table, the scheduler and the CLI all read the composition.
 */
export type Feature = {
  name: string;
  commands?: readonly CommandHandler[];
  cardActions?: readonly CardActionHandler[];
  jobs?: readonly JobDefinition[];
};

export type ComposedFeatures = {
  /** In help order: feature by feature, as each lists them. */
  commands: readonly CommandHandler[];
  cardActions: readonly CardActionHandler[];
  /** In catch-up order (a missed escalation run comes before the summary that reports it). */
  jobs: readonly JobDefinition[];
  authorization: Authorization;
};

/** Composes features; a command, verb or job declared twice stops the start with its name. */
export function composeFeatures(features: readonly Feature[]): ComposedFeatures {
  const commands = features.flatMap((f) => f.commands ?? []);
  const cardActions = features.flatMap((f) => f.cardActions ?? []);
  const jobs = features.flatMap((f) => f.jobs ?? []);
  const seenJobs = new Set<string>();
  for (const job of jobs) {
    if (seenJobs.has(job.name)) throw new Error(`job "${job.name}" is declared twice`);
    seenJobs.add(job.name);
  }
  const permissions: Permission[] = [
    ...commands.map((c) => ({ ...commandActionRef(c), roles: c.roles })),
    ...cardActions.map((a) => ({ kind: "kaartactie" as const, name: a.verb, roles: a.roles })),
  ];
  return { commands, cardActions, jobs, authorization: createAuthorization(permissions) };
}
