import type { JobDefinition } from "./types.js";

/**
 * `aanjager run dispatch --at <ISO>`: sends every outbox message due at that moment (within
 * Teams' limits) and reports what happened. In the server the same dispatcher runs as a loop,
 * so this job is not scheduled by cron; it is for operators and for draining from a cron of
 * the host when the bot runs without its loop.
 */
export const dispatchJob: JobDefinition = {
  name: "dispatch",
  description: "Verstuurt alle berichten uit de outbox die nu aan de beurt zijn (draait in de server doorlopend).",
  schedule: { kind: "interval", minutes: 1 },
  catchUp: false,
  manualOnly: true,
  async run(deps, now) {
    return { ...(await deps.delivery.drain(now)) };
  },
};
