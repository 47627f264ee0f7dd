import type { Db, DbTx } from "./client.js";

/**
 * Everything Aanjager stores about one staff member, table by table, and how to erase it. Each
 * feature that stores personal data adds a provider here; the privacy export and erasure (AVG
 * inzage- en verwijderverzoek) and their test go through this one list.
 */
export type PersonalDataProvider = {
  name: string;
  collect: (db: Db, personId: number) => Promise<unknown[]>;
  /** Removes or pseudonymises the person's data; returns how many rows changed. */
  erase: (tx: DbTx, personId: number, pseudonym: string, person: { naam: string; email: string }) => Promise<number>;
};

/**
 * Every "Model.column" that points at a person. tests/integration/privacy.test.ts checks this
 * against prisma/schema.prisma, so a new column that stores a person fails the suite until a
 * provider above covers it.
 */
export const PERSON_COLUMNS_COVERED = [
  "RoleAssignment.personId",
  "ConversationRef.personId",
  "ContactConfirmation.personId",
  "ContactConfirmation.confirmedById",
  "Case.ownerId",
  "Case.openedById",
  "Case.contactPersonId",
  "CaseEvent.actorPersonId",
  "ChannelLink.linkedById",
  "Evaluation.createdById",
  "EvaluationRsvp.personId",
  "DddSnapshot.actorPersonId",
  "DddSnooze.personId",
  "DddAcknowledgement.personId",
  "OutboxMessage.recipientPersonId",
  "Measurement.personId",
  "MeetmomentRound.submittedById",
];

export const PERSONAL_DATA_PROVIDERS: PersonalDataProvider[] = [
  {
    name: "rollen",
    collect: (db, personId) => db.roleAssignment.findMany({ where: { personId }, include: { school: { select: { brin: true, naam: true } } } }),
    erase: async (tx, personId) => (await tx.roleAssignment.deleteMany({ where: { personId } })).count,
  },
  {
    name: "gesprekken",
    collect: (db, personId) =>
      db.conversationRef.findMany({ where: { personId }, select: { conversationId: true, kind: true, status: true, installedAt: true, uninstalledAt: true, updatedAt: true } }),
    erase: async (tx, personId) => (await tx.conversationRef.deleteMany({ where: { personId } })).count,
  },
  {
    name: "contactbevestigingen",
    collect: (db, personId) => db.contactConfirmation.findMany({ where: { OR: [{ personId }, { confirmedById: personId }] } }),
    erase: async (tx, personId) =>
      (await tx.contactConfirmation.deleteMany({ where: { personId } })).count +
      (await tx.contactConfirmation.updateMany({ where: { confirmedById: personId }, data: { confirmedById: null } })).count,
  },
  {
    name: "zaken",
    collect: (db, personId) =>
      db.case.findMany({
        where: { OR: [{ ownerId: personId }, { openedById: personId }, { contactPersonId: personId }] },
        select: { id: true, type: true, subjectLabel: true, state: true, ownerId: true, openedById: true, contactPersonId: true, openedAt: true, resolvedAt: true },
      }),
    erase: async (tx, personId) =>
      (await tx.case.updateMany({ where: { ownerId: personId }, data: { ownerId: null } })).count +
      (await tx.case.updateMany({ where: { openedById: personId }, data: { openedById: null } })).count +
      (await tx.case.updateMany({ where: { contactPersonId: personId }, data: { contactPersonId: null } })).count,
  },
  {
    name: "zaakgeschiedenis",
    collect: (db, personId) => db.caseEvent.findMany({ where: { actorPersonId: personId }, select: { caseId: true, kind: true, at: true, via: true, note: true } }),
    // The audit trail keeps what happened and when, under a pseudonym instead of the person.
    erase: async (tx, personId, pseudonym) => (await tx.caseEvent.updateMany({ where: { actorPersonId: personId }, data: { actorPersonId: null, actorName: pseudonym } })).count,
  },
  {
    name: "evaluatie",
    collect: async (db, personId) => [
      ...(await db.evaluationRsvp.findMany({ where: { personId } })),
      ...(await db.evaluation.findMany({ where: { createdById: personId }, select: { id: true, date: true, place: true, createdAt: true } })),
    ],
    erase: async (tx, personId) =>
      (await tx.evaluationRsvp.deleteMany({ where: { personId } })).count + (await tx.evaluation.updateMany({ where: { createdById: personId }, data: { createdById: null } })).count,
  },
  {
    name: "kanaalkoppelingen",
    collect: (db, personId) => db.channelLink.findMany({ where: { linkedById: personId }, select: { purpose: true, linkedAt: true } }),
    erase: async (tx, personId) => (await tx.channelLink.updateMany({ where: { linkedById: personId }, data: { linkedById: null } })).count,
  },
  {
    name: "ddd",
    collect: async (db, personId) => [
      ...(await db.dddSnapshot.findMany({ where: { actorPersonId: personId }, select: { schoolYear: true, schoolId: true, mentorGroup: true, version: true, source: true, recordedAt: true } })),
      ...(await db.dddSnooze.findMany({ where: { personId } })),
      ...(await db.dddAcknowledgement.findMany({ where: { personId } })),
    ],
    // The figures are aggregates and stay; who entered them does not.
    erase: async (tx, personId, pseudonym, person) =>
      (await tx.dddSnapshot.updateMany({ where: { actorPersonId: personId }, data: { actorPersonId: null } })).count +
      (await tx.dddSnooze.deleteMany({ where: { personId } })).count +
      (await tx.dddAcknowledgement.deleteMany({ where: { personId } })).count +
      (await tx.dddImport.updateMany({ where: { operator: { in: [person.naam, person.email] } }, data: { operator: pseudonym } })).count,
  },
  {
    name: "berichten",
    collect: (db, personId) =>
      db.outboxMessage.findMany({ where: { recipientPersonId: personId }, select: { key: true, purpose: true, state: true, createdAt: true, sentAt: true } }),
    // Messages to the person (their content names them) go with them.
    erase: async (tx, personId) => (await tx.outboxMessage.deleteMany({ where: { recipientPersonId: personId } })).count,
  },
  {
    name: "metingen",
    collect: (db, personId) => db.measurement.findMany({ where: { personId }, select: { roundId: true, kpiId: true, version: true, status: true, recordedAt: true } }),
    // The KPI values are aggregates and stay; who entered them becomes the pseudonym.
    erase: async (tx, personId, pseudonym) =>
      (await tx.measurement.updateMany({ where: { personId }, data: { personId: null, personName: pseudonym } })).count +
      (await tx.meetmomentRound.updateMany({ where: { submittedById: personId }, data: { submittedById: null } })).count,
  },
  {
    name: "downloads",
    // Files made in chat are linked to no one and live for an hour, but an export may name
    // whoever entered figures: an erasure clears them all rather than search their contents.
    collect: async () => [],
    erase: async (tx) => (await tx.download.deleteMany({})).count,
  },
];

export type PersonRecord = { id: number; naam: string; email: string; aadObjectId: string | null; teamsUserId: string | null; createdAt: Date; updatedAt: Date };

export async function findPersonRecord(db: Db, email: string): Promise<PersonRecord | null> {
  return db.person.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, naam: true, email: true, aadObjectId: true, teamsUserId: true, createdAt: true, updatedAt: true } });
}

/** The last step of an erasure, after every provider has run. */
export async function deletePerson(tx: DbTx, personId: number): Promise<void> {
  await tx.person.delete({ where: { id: personId } });
}
