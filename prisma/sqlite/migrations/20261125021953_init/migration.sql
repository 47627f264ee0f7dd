-- CreateTable
CREATE TABLE "Subregio" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "naam" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "School" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "brin" TEXT NOT NULL,
    "naam" TEXT NOT NULL,
    "soort" TEXT NOT NULL,
    "subregioId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "School_subregioId_fkey" FOREIGN KEY ("subregioId") REFERENCES "Subregio" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Person" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "naam" TEXT NOT NULL,
    "aadObjectId" TEXT,
    "teamsUserId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "schoolId" INTEGER,
    "mentorGroup" TEXT,
    "activityId" TEXT,
    "scopeKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RoleAssignment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoleAssignment_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConversationRef" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "conversationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "serviceUrl" TEXT NOT NULL,
    "tenantId" TEXT,
    "teamId" TEXT,
    "channelId" TEXT,
    "botId" TEXT NOT NULL,
    "userTeamsId" TEXT,
    "userAadObjectId" TEXT,
    "personId" INTEGER,
    "reference" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ConversationRef_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "slot" DATETIME NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "result" TEXT,
    "error" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "Subregio_naam_key" ON "Subregio"("naam");

-- CreateIndex
CREATE UNIQUE INDEX "School_brin_key" ON "School"("brin");

-- CreateIndex
CREATE UNIQUE INDEX "Person_email_key" ON "Person"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Person_aadObjectId_key" ON "Person"("aadObjectId");

-- CreateIndex
CREATE UNIQUE INDEX "Person_teamsUserId_key" ON "Person"("teamsUserId");

-- CreateIndex
CREATE INDEX "RoleAssignment_role_idx" ON "RoleAssignment"("role");

-- CreateIndex
CREATE INDEX "RoleAssignment_schoolId_idx" ON "RoleAssignment"("schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "RoleAssignment_personId_role_scopeKey_key" ON "RoleAssignment"("personId", "role", "scopeKey");

-- CreateIndex
CREATE UNIQUE INDEX "ConversationRef_conversationId_key" ON "ConversationRef"("conversationId");

-- CreateIndex
CREATE INDEX "ConversationRef_personId_idx" ON "ConversationRef"("personId");

-- CreateIndex
CREATE INDEX "ConversationRef_teamId_idx" ON "ConversationRef"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_key_key" ON "JobRun"("key");

-- CreateIndex
CREATE INDEX "JobRun_job_slot_idx" ON "JobRun"("job", "slot");

