-- Issue 19: the chain in the directory. Organisations (school boards, gemeenten), a school's board,
-- roles scoped to an organisation, the receiving mbo institution of a warme overdracht, and the
-- levels that reached nobody (ChainGap). Existing rows are copied as they are: cases keep their
-- policyVersion (2026-1) and their reasons.

-- CreateTable
CREATE TABLE "Organisation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "naam" TEXT NOT NULL,
    "soort" TEXT NOT NULL,
    "subregioId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Organisation_subregioId_fkey" FOREIGN KEY ("subregioId") REFERENCES "Subregio" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChainGap" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "schoolId" INTEGER,
    "subregioId" TEXT,
    "caseId" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "firstAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_School" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "brin" TEXT NOT NULL,
    "naam" TEXT NOT NULL,
    "soort" TEXT NOT NULL,
    "subregioId" TEXT,
    "bestuurId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "School_subregioId_fkey" FOREIGN KEY ("subregioId") REFERENCES "Subregio" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "School_bestuurId_fkey" FOREIGN KEY ("bestuurId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_School" ("brin", "createdAt", "id", "naam", "soort", "subregioId", "updatedAt") SELECT "brin", "createdAt", "id", "naam", "soort", "subregioId", "updatedAt" FROM "School";
DROP TABLE "School";
ALTER TABLE "new_School" RENAME TO "School";
CREATE UNIQUE INDEX "School_brin_key" ON "School"("brin");
CREATE TABLE "new_RoleAssignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "schoolId" INTEGER,
    "organisationId" INTEGER,
    "mentorGroup" TEXT,
    "activityId" TEXT,
    "scopeKey" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RoleAssignment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoleAssignment_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoleAssignment_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RoleAssignment" ("activityId", "createdAt", "id", "mentorGroup", "personId", "role", "schoolId", "scopeKey", "source") SELECT "activityId", "createdAt", "id", "mentorGroup", "personId", "role", "schoolId", "scopeKey", "source" FROM "RoleAssignment";
DROP TABLE "RoleAssignment";
ALTER TABLE "new_RoleAssignment" RENAME TO "RoleAssignment";
CREATE INDEX "RoleAssignment_role_idx" ON "RoleAssignment"("role");
CREATE INDEX "RoleAssignment_schoolId_idx" ON "RoleAssignment"("schoolId");
CREATE INDEX "RoleAssignment_organisationId_idx" ON "RoleAssignment"("organisationId");
CREATE INDEX "RoleAssignment_source_idx" ON "RoleAssignment"("source");
CREATE UNIQUE INDEX "RoleAssignment_personId_role_scopeKey_key" ON "RoleAssignment"("personId", "role", "scopeKey");
CREATE TABLE "new_Case" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "type" TEXT NOT NULL,
    "subjectKind" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "subjectLabel" TEXT NOT NULL,
    "schoolId" INTEGER,
    "receiverSchoolId" INTEGER,
    "receivedAt" DATETIME,
    "receivedById" INTEGER,
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
    CONSTRAINT "Case_receiverSchoolId_fkey" FOREIGN KEY ("receiverSchoolId") REFERENCES "School" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Case_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Case" ("acknowledgedAt", "activityId", "contactPersonId", "id", "level", "levelSince", "nextEscalationAt", "openKey", "openedAt", "openedById", "overstapReason", "overstapRef", "ownerId", "pausedFrom", "pausedUntil", "policyVersion", "reason", "resolution", "resolvedAt", "round", "schoolId", "severity", "state", "subjectKey", "subjectKind", "subjectLabel", "type", "updatedAt", "version") SELECT "acknowledgedAt", "activityId", "contactPersonId", "id", "level", "levelSince", "nextEscalationAt", "openKey", "openedAt", "openedById", "overstapReason", "overstapRef", "ownerId", "pausedFrom", "pausedUntil", "policyVersion", "reason", "resolution", "resolvedAt", "round", "schoolId", "severity", "state", "subjectKey", "subjectKind", "subjectLabel", "type", "updatedAt", "version" FROM "Case";
DROP TABLE "Case";
ALTER TABLE "new_Case" RENAME TO "Case";
CREATE UNIQUE INDEX "Case_openKey_key" ON "Case"("openKey");
CREATE INDEX "Case_state_nextEscalationAt_idx" ON "Case"("state", "nextEscalationAt");
CREATE INDEX "Case_schoolId_idx" ON "Case"("schoolId");
CREATE INDEX "Case_type_idx" ON "Case"("type");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_code_key" ON "Organisation"("code");

-- CreateIndex
CREATE UNIQUE INDEX "ChainGap_key_key" ON "ChainGap"("key");

