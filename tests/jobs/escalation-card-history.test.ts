import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCliContext } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { runInTransaction } from "../../src/db/client.js";
import { escalationsJob } from "../../src/jobs/escalations.js";
import { runJobManually } from "../../src/jobs/job-runner.js";
import { createLogger } from "../../src/logger.js";
import { openOrUpdateCase } from "../../src/services/cases/index.js";
import { createRecordingOutbox } from "../support/recording-ports.js";
import { createTestDatabaseEnv } from "../support/test-db.js";

let ctx: Awaited<ReturnType<typeof createCliContext>>;
let outbox: ReturnType<typeof createRecordingOutbox>;

function at(localIso: string): Date {
  return DateTime.fromISO(localIso, { zone: "Europe/Amsterdam" }).toJSDate();
}
async function runAt(localIso: string) {
  const outcome = await runJobManually(ctx.jobDeps, escalationsJob, at(localIso));
  expect(outcome.status).toBe("succeeded");
  return (outcome as { result: Record<string, unknown> }).result;
}
function historyOf(card: unknown): string[] {
  const body = (card as { body: { type: string; items?: { text?: string }[] }[] }).body;
  return body.filter((b) => b.type === "Container").flatMap((b) => (b.items ?? []).map((i) => i.text ?? ""));
}

beforeEach(async () => {
  outbox = createRecordingOutbox();
  ctx = await createCliContext({ config: loadConfig({ ...createTestDatabaseEnv({ seeded: true }), LOG_LEVEL: "silent" }), logger: createLogger("silent"), ports: { enqueue: outbox.enqueue } });
});
afterEach(async () => {
  await ctx.close();
});

describe("the card that announces a level", () => {
  it("has that level in its history, at the Amsterdam time across the DST change of 25 October 2026", async () => {
    const s = await ctx.db.school.findFirstOrThrow({ where: { naam: "Graaf Huyn Vmbo Geleen" } });
    // Wednesday 21 October 2026, summer time; the herfstvakantie (until 25 Oct) and the clock change lie ahead.
    await runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, { type: "ddd-achterstand", subject: { kind: "school", schoolId: s.id }, reason: "DDD-norm niet gehaald", source: "job" }, at("2026-10-21T10:00")));
    expect(await runAt("2026-10-23T08:05")).toMatchObject({ workingDay: false, escalated: 0 });
    expect(await runAt("2026-10-26T08:05")).toMatchObject({ escalated: 1, byLevel: { L0: 1 } });
    expect(await runAt("2026-10-29T08:05")).toMatchObject({ escalated: 1, byLevel: { L1: 1 } });
    const l0 = outbox.messages.find((m) => m.key.includes("-niveau-0-"))!;
    const l1 = outbox.messages.find((m) => m.key.includes("-niveau-1-"))!;
    expect(historyOf(l0.card).at(-1)).toBe("26-10-2026 08:05 · geëscaleerd naar L0 · verantwoordelijke herinnerd door Aanjager (automatisch)");
    expect(historyOf(l1.card).at(-1)).toBe("29-10-2026 08:05 · geëscaleerd naar L1 · projectteam door Aanjager (automatisch)");
    expect(historyOf(l1.card)[0]).toBe("21-10-2026 10:00 · geopend door Aanjager (automatisch): DDD-norm niet gehaald");
    // The audit event still records how many were reached.
    const events = await ctx.db.caseEvent.findMany({ where: { kind: "escalated" }, orderBy: { id: "asc" } });
    expect(events.map((e) => JSON.parse(e.data!).messages)).toEqual([outbox.messages.filter((m) => m.key.includes("-niveau-0-")).length, outbox.messages.filter((m) => m.key.includes("-niveau-1-")).length]);
  });
});
