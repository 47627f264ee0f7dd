import type { Db } from "./client.js";
import { isUniqueViolation, tryWrite } from "./client.js";

export type JobTrigger = "schedule" | "startup" | "cli";

/**
 * Claims a job slot by inserting its unique key. Exactly one caller wins, across restarts and
 * across instances sharing the database; the others get null and must not run the job.
 */
export async function claimJobRun(db: Db, input: { key: string; job: string; slot: Date; trigger: JobTrigger; at: Date }): Promise<number | null> {
  try {
    const row = await tryWrite(db, () =>
      db.jobRun.create({
        data: { key: input.key, job: input.job, slot: input.slot, trigger: input.trigger, status: "running", startedAt: input.at },
      }),
    );
    return row.id;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

export async function finishJobRun(db: Db, id: number, outcome: { status: "succeeded" | "failed"; result?: unknown; error?: string; at: Date }): Promise<void> {
  await db.jobRun.update({
    where: { id },
    data: {
      status: outcome.status,
      finishedAt: outcome.at,
      result: outcome.result === undefined ? null : JSON.stringify(outcome.result),
      error: outcome.error ?? null,
    },
  });
}

export async function hasJobRunForKey(db: Db, key: string): Promise<boolean> {
  return (await db.jobRun.count({ where: { key } })) > 0;
}

export type LastJobRun = { job: string; slot: Date; trigger: string; status: string; startedAt: Date; finishedAt: Date | null };

export async function findLastJobRuns(db: Db): Promise<Map<string, LastJobRun>> {
  const rows = await db.jobRun.findMany({ orderBy: { startedAt: "desc" }, take: 500 });
  const last = new Map<string, LastJobRun>();
  for (const row of rows) if (!last.has(row.job)) last.set(row.job, row);
  return last;
}

export async function deleteJobRunsBefore(db: Db, before: Date): Promise<number> {
  const result = await db.jobRun.deleteMany({ where: { startedAt: { lt: before }, status: { not: "running" } } });
  return result.count;
}
