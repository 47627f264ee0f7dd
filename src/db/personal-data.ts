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
  erase: (tx: DbTx, personId: number, pseudonym: string, person: ErasedPerson) => Promise<number>;
};

export type ErasedPerson = { naam: string; email: string; aadObjectId: string | null; teamsUserId: string | null };

/** The ids Teams knows the person by (in conversation references and mention entities). */
function listTeamsIds(person: ErasedPerson): string[] {
  return [person.aadObjectId, person.teamsUserId].filter((id): id is string => Boolean(id));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Replaces the person's name and e-mail address in stored text (plain, or as written inside
 * JSON) by the pseudonym. Only whole words: erasing "Jan" must not touch "Januari".
 */
export function replacePersonInText(text: string, person: ErasedPerson, pseudonym: string): string {
  let result = text;
  for (const value of [person.naam, person.email]) {
    if (value.trim() === "") continue;
    for (const [needle, replacement] of [[value, pseudonym], [JSON.stringify(value).slice(1, -1), JSON.stringify(pseudonym).slice(1, -1)]] as const) {
      result = result.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle)}(?![\\p{L}\\p{N}])`, "gu"), () => replacement);
    }
  }
  return result;
}

/**
 * A card's mention of the person (its entity carries their Teams or AAD id) becomes plain text:
 * the entity goes, and `<at>pseudonym</at>` (the name was already replaced) loses its tags.
 */
export function dropMentions(json: string, ids: readonly string[], pseudonym: string): string {
  if (ids.length === 0 || !ids.some((id) => json.includes(id))) return json;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        key === "entities" && Array.isArray(v) ? v.filter((e: { mentioned?: { id?: string } }) => !ids.includes(e?.mentioned?.id ?? "")).map(walk) : walk(v),
      ]),
    );
  };
  return JSON.stringify(walk(JSON.parse(json))).split(`<at>${pseudonym}</at>`).join(pseudonym);
}

/** Rows of `texts` whose text names the person, rewritten with the pseudonym; returns how many changed. */
async function rewriteTexts(
  rows: readonly { id: number; text: string }[],
  person: ErasedPerson,
  pseudonym: string,
  save: (id: number, text: string) => Promise<unknown>,
  also: (text: string) => string = (text) => text,
): Promise<number> {
  let changed = 0;
  for (const row of rows) {
    const text = also(replacePersonInText(row.text, person, pseudonym));
    if (text === row.text) continue;
    await save(row.id, text);
    changed++;
  }
  return changed;
}

const mentions = (column: string, person: ErasedPerson) => ({ OR: [{ [column]: { contains: person.naam } }, { [column]: { contains: person.email } }] });

/**
 * Every "Model.column" that points at a person. tests/integration/privacy.test.ts checks this
 * against prisma/models/models.prisma, so a new column that stores a person fails the suite until a
 * provider above covers it.
 */
export const PERSON_COLUMNS_COVERED = [
  "RoleAssignment.personId",
  "ConversationRef.personId",
  "ContactConfirmation.personId",
  "ContactConfirmation.confirmedById",
  "Case.ownerId",
  "Case.openedById",
  "Case.receivedById",
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
      db.conversationRef.findMany({ where: { personId }, select: { conversationId: true, kind: true, status: true, installedAt: true, uninstalledAt: true, blockedAt: true, blockedReason: true, updatedAt: true } }),
    // Their own chats go. A channel or group chat stays (others use it), but its stored reference
    // names whoever wrote there last (`user`): that part goes.
    erase: async (tx, personId, _pseudonym, person) => {
      const deleted = (await tx.conversationRef.deleteMany({ where: { personId } })).count;
      const ids = listTeamsIds(person);
      const shared = await tx.conversationRef.findMany({ where: { OR: [...ids.map((id) => ({ reference: { contains: id } })), { reference: { contains: person.naam } }] }, select: { id: true, reference: true } });
      let scrubbed = 0;
      for (const ref of shared) {
        const reference = JSON.parse(ref.reference) as { user?: { id?: string; aadObjectId?: string; name?: string } };
        const user = reference.user;
        if (!user || !(ids.includes(user.id ?? "") || ids.includes(user.aadObjectId ?? "") || user.name === person.naam)) continue;
        delete reference.user;
        await tx.conversationRef.update({ where: { id: ref.id }, data: { reference: JSON.stringify(reference) } });
        scrubbed++;
      }
      return deleted + scrubbed;
    },
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
        where: { OR: [{ ownerId: personId }, { openedById: personId }, { contactPersonId: personId }, { receivedById: personId }] },
        select: { id: true, type: true, subjectLabel: true, state: true, ownerId: true, openedById: true, contactPersonId: true, receivedById: true, openedAt: true, resolvedAt: true },
      }),
    // A case about the person as a contact stays, but its label named them.
    erase: async (tx, personId, pseudonym, person) =>
      (await rewriteTexts(
        (await tx.case.findMany({ where: { contactPersonId: personId }, select: { id: true, subjectLabel: true } })).map((c) => ({ id: c.id, text: c.subjectLabel })),
        person,
        pseudonym,
        (id, subjectLabel) => tx.case.update({ where: { id }, data: { subjectLabel } }),
      )) +
      (await tx.case.updateMany({ where: { ownerId: personId }, data: { ownerId: null } })).count +
      (await tx.case.updateMany({ where: { openedById: personId }, data: { openedById: null } })).count +
      (await tx.case.updateMany({ where: { receivedById: personId }, data: { receivedById: null } })).count +
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
      // `aanjager import ddd --door` records the operator by name or address.
      ...(await db.person.findUnique({ where: { id: personId }, select: { naam: true, email: true } }).then((p) =>
        p ? db.dddImport.findMany({ where: { operator: { in: [p.naam, p.email] } }, select: { schoolYear: true, fileName: true, operator: true, importedAt: true } }) : [],
      )),
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
    // Messages to the person (their content names them) go with them. Cards to others that name
    // them (a decaan's "klopt dit nog?" card lists the mentors, case cards name the owner) stay,
    // as the dispatcher may still send or update them, with the pseudonym instead.
    erase: async (tx, personId, pseudonym, person) => {
      const deleted = (await tx.outboxMessage.deleteMany({ where: { recipientPersonId: personId } })).count;
      const ids = listTeamsIds(person);
      const where = { OR: [...mentions("payload", person).OR, ...ids.map((id) => ({ payload: { contains: id } }))] };
      const rows = await tx.outboxMessage.findMany({ where, select: { id: true, payload: true } });
      return (
        deleted +
        (await rewriteTexts(
          rows.map((m) => ({ id: m.id, text: m.payload })),
          person,
          pseudonym,
          (id, payload) => tx.outboxMessage.update({ where: { id }, data: { payload } }),
          (text) => dropMentions(text, ids, pseudonym),
        ))
      );
    },
  },
  {
    name: "weeksamenvattingen",
    // The stored summaries are aggregates, but the escalation section names case owners.
    collect: async () => [],
    erase: async (tx, _personId, pseudonym, person) =>
      rewriteTexts(
        (await tx.weeklySummary.findMany({ where: mentions("data", person), select: { id: true, data: true } })).map((w) => ({ id: w.id, text: w.data })),
        person,
        pseudonym,
        (id, data) => tx.weeklySummary.update({ where: { id }, data: { data } }),
      ),
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

export type PersonRecord = {
  id: number;
  naam: string;
  email: string;
  aadObjectId: string | null;
  teamsUserId: string | null;
  unreachableSince: Date | null;
  unreachableReason: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export async function findPersonRecord(db: Db, email: string): Promise<PersonRecord | null> {
  return db.person.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, naam: true, email: true, aadObjectId: true, teamsUserId: true, unreachableSince: true, unreachableReason: true, createdAt: true, updatedAt: true } });
}

/** The last step of an erasure, after every provider has run. */
export async function deletePerson(tx: DbTx, personId: number): Promise<void> {
  await tx.person.delete({ where: { id: personId } });
}
