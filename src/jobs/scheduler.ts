import cron, { type ScheduledTask } from "node-cron";
import { findPreviousSlot, SCHEDULE_ZONE, toCronExpression } from "../domain/schedule.js";
import { catchUpMissedSlots, runScheduledSlot } from "./job-runner.js";
import type { JobDefinition, JobDeps } from "./types.js";

export type Scheduler = { stop: () => Promise<void>; idle: () => Promise<void> };

/**
 * The only file that imports node-cron. Each tick claims its slot in the database before the
 * job runs, so restarts and parallel instances never run a slot twice.
 */
export async function startScheduler(deps: JobDeps, jobs: readonly JobDefinition[], options: { catchUpDays: number; clock?: () => Date }): Promise<Scheduler> {
  const clock = options.clock ?? (() => new Date());
  const running = new Set<Promise<unknown>>();
  const track = (promise: Promise<unknown>) => {
    running.add(promise);
    void promise.finally(() => running.delete(promise));
  };

  const scheduled = jobs.filter((job) => !job.manualOnly);
  const tasks: ScheduledTask[] = scheduled.map((job) =>
    cron.schedule(
      toCronExpression(job.schedule),
      () => {
        const now = clock();
        track(runScheduledSlot(deps, job, findPreviousSlot(job.schedule, now), "schedule", now));
      },
      { timezone: SCHEDULE_ZONE, name: job.name, noOverlap: true },
    ),
  );

  const catchUp = catchUpMissedSlots(deps, scheduled, clock(), options.catchUpDays).then((outcomes) => {
    for (const outcome of outcomes) deps.logger.info({ job: outcome.job, slot: outcome.slot, status: outcome.status }, "missed slot caught up");
  });
  track(catchUp);

  const idle = async () => {
    while (running.size > 0) await Promise.allSettled([...running]);
  };
  return {
    idle,
    async stop() {
      await Promise.all(tasks.map((t) => t.destroy()));
      await idle();
    },
  };
}
