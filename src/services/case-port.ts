import type { DbTx } from "../db/client.js";
import type { CaseType, Severity } from "../domain/cases/index.js";
import { openOrUpdateCase } from "./cases.js";
import type { OpenCase, OpenCaseInput } from "./ports.js";

/** Feature vocabulary -> escalation vocabulary (features say what happened; cases say what to chase). */
const TYPE_BY_FEATURE: Record<string, CaseType> = { "ddd-hulp": "hulp-gevraagd" };
const SEVERITY_BY_FEATURE: Record<NonNullable<OpenCaseInput["severity"]>, Severity> = { laag: "laag", middel: "normaal", hoog: "hoog" };

/** The OpenCase port (src/services/ports.ts) on top of the escalation service. */
export function createOpenCase(): OpenCase {
  return async (tx: DbTx, input, now) => {
    const subject =
      input.subject.kind === "person"
        ? { kind: "contact" as const, personId: input.subject.personId }
        : input.subject.kind === "overstap"
          ? { kind: "overstap" as const, reference: input.subject.reference, reason: "warme-overdracht", schoolId: input.subject.schoolId }
          : input.subject;
    const { case: record, created } = await openOrUpdateCase(
      tx,
      {
        type: (TYPE_BY_FEATURE[input.type] ?? input.type) as CaseType,
        subject: subject as Parameters<typeof openOrUpdateCase>[1]["subject"],
        reason: input.reason,
        severity: input.severity ? SEVERITY_BY_FEATURE[input.severity] : undefined,
        source: input.source,
        actorPersonId: input.actorPersonId ?? null,
      },
      now,
    );
    return { caseId: record.id, caseNumber: record.id, created };
  };
}
