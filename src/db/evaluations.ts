import type { Db, DbTx } from "./client.js";
import type { CasePerson } from "./cases.js";

/** Evaluation meetings of the overstap procedure and the answers to their invitations. */
export type EvaluationRecord = { id: number; date: string; time: string; place: string; createdById: number | null; createdAt: Date; invitations: number };

export async function createEvaluation(tx: DbTx, input: { date: string; time: string; place: string; createdById: number | null; invitations: number }, at: Date): Promise<EvaluationRecord> {
  return tx.evaluation.create({ data: { ...input, createdAt: at } });
}

export async function findEvaluation(db: Db | DbTx, id: number): Promise<EvaluationRecord | null> {
  return db.evaluation.findUnique({ where: { id } });
}

export async function findLatestEvaluation(db: Db | DbTx): Promise<EvaluationRecord | null> {
  return db.evaluation.findFirst({ orderBy: { id: "desc" } });
}

/** One answer per person per evaluation; answering again changes it. */
export async function upsertRsvp(db: Db | DbTx, input: { evaluationId: number; personId: number; answer: string }, at: Date): Promise<void> {
  await db.evaluationRsvp.upsert({
    where: { evaluationId_personId: { evaluationId: input.evaluationId, personId: input.personId } },
    create: { ...input, answeredAt: at },
    update: { answer: input.answer, answeredAt: at },
  });
}

export async function findRsvp(db: Db | DbTx, evaluationId: number, personId: number): Promise<string | null> {
  const row = await db.evaluationRsvp.findUnique({ where: { evaluationId_personId: { evaluationId, personId } } });
  return row?.answer ?? null;
}

export async function countRsvps(db: Db | DbTx, evaluationId: number): Promise<Record<string, number>> {
  const rows = await db.evaluationRsvp.groupBy({ by: ["answer"], where: { evaluationId }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.answer, r._count._all]));
}

/**
 * Everyone in the overstap procedure: decanen and mentoren of schools whose pupils move on
 * (the given school kinds), the projectteam, and the receiving end: the mbo intakes and the RMC
 * consulenten (issue 19). Each person once, whatever roles they hold.
 */
export async function listOverstapParticipants(db: Db | DbTx, overstapSoorten: readonly string[]): Promise<CasePerson[]> {
  return db.person.findMany({
    where: {
      roles: {
        some: {
          OR: [{ role: { in: ["decaan", "mentor"] }, school: { soort: { in: [...overstapSoorten] } } }, { role: { in: ["projectteam", "mbo-intake", "rmc"] } }],
        },
      },
    },
    select: { id: true, naam: true, teamsUserId: true, aadObjectId: true },
    orderBy: { id: "asc" },
  });
}
