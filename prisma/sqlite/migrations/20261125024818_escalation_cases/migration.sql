-- CreateTable
CREATE TABLE "Case" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "type" TEXT NOT NULL,
    "subjectKind" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "subjectLabel" TEXT NOT NULL,
    "schoolId" INTEGER,
    "activityId" TEXT,
    "contactPersonId" INTEGER,
    "overstapRef" TEXT,
    "overstapReason" TEXT,
    "reason" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "pausedFrom" TEXT,
    "pausedUntil" DATETIME,
    "ownerId" INTEGER,
    "openedById" INTEGER,
    "openKey" TEXT,
    "policyVersion" TEXT NOT NULL,
    "level" INTEGER NOT NULL DEFAULT -1,
    "levelSince" DATETIME NOT NULL,
    "nextEscalationAt" DATETIME,
    "round" INTEGER NOT NULL DEFAULT 1,
    "resolution" TEXT,
    "openedAt" DATETIME NOT NULL,
    "acknowledgedAt" DATETIME,
    "resolvedAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Case_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "actorPersonId" INTEGER,
    "actorName" TEXT,
    "via" TEXT NOT NULL,
    "level" INTEGER,
    "note" TEXT,
    "data" TEXT,
    CONSTRAINT "CaseEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChannelLink" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "purpose" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "teamId" TEXT,
    "channelId" TEXT,
    "linkedById" INTEGER,
    "linkedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Evaluation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "date" TEXT NOT NULL,
    "time" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL,
    "invitations" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "EvaluationRsvp" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "evaluationId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "answer" TEXT NOT NULL,
    "answeredAt" DATETIME NOT NULL,
    CONSTRAINT "EvaluationRsvp_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "Evaluation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Case_openKey_key" ON "Case"("openKey");

-- CreateIndex
CREATE INDEX "Case_state_nextEscalationAt_idx" ON "Case"("state", "nextEscalationAt");

-- CreateIndex
CREATE INDEX "Case_schoolId_idx" ON "Case"("schoolId");

-- CreateIndex
CREATE INDEX "Case_type_idx" ON "Case"("type");

-- CreateIndex
CREATE INDEX "CaseEvent_caseId_id_idx" ON "CaseEvent"("caseId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelLink_purpose_key" ON "ChannelLink"("purpose");

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationRsvp_evaluationId_personId_key" ON "EvaluationRsvp"("evaluationId", "personId");


-- The audit trail of a case is append-only: the database refuses to change or remove an event,
-- whatever code asks. (Hand-written; SQLite syntax. A PostgreSQL port needs its own trigger.)
CREATE TRIGGER "CaseEvent_no_update" BEFORE UPDATE ON "CaseEvent"
BEGIN
    SELECT RAISE(ABORT, 'CaseEvent is append-only');
END;

CREATE TRIGGER "CaseEvent_no_delete" BEFORE DELETE ON "CaseEvent"
BEGIN
    SELECT RAISE(ABORT, 'CaseEvent is append-only');
END;
