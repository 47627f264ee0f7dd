-- CreateTable
CREATE TABLE "DddSnapshot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolYear" TEXT NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "mentorGroup" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "overstappers" INTEGER NOT NULL,
    "gestart" INTEGER NOT NULL,
    "deelB" INTEGER NOT NULL,
    "afgerond" INTEGER NOT NULL,
    "inBeeld" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "importId" INTEGER,
    "actorPersonId" INTEGER,
    "recordedAt" DATETIME NOT NULL,
    CONSTRAINT "DddSnapshot_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DddSnapshot_importId_fkey" FOREIGN KEY ("importId") REFERENCES "DddImport" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DddImport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolYear" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "operator" TEXT,
    "source" TEXT NOT NULL,
    "importedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DddReminderLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolYear" TEXT NOT NULL,
    "targetKey" TEXT NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "mentorGroup" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "stepId" TEXT,
    "coveredSteps" TEXT NOT NULL,
    "recipients" INTEGER NOT NULL,
    "afgerond" INTEGER,
    "overstappers" INTEGER,
    "snapshotVersion" INTEGER,
    "source" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DddSnooze" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolYear" TEXT NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "stepId" TEXT NOT NULL,
    "dueDay" TEXT NOT NULL,
    "resolvedDay" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DddAcknowledgement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolYear" TEXT NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "mentorGroup" TEXT NOT NULL,
    "personId" INTEGER NOT NULL,
    "stepId" TEXT,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "DddSnapshot_schoolYear_recordedAt_idx" ON "DddSnapshot"("schoolYear", "recordedAt");

-- CreateIndex
CREATE UNIQUE INDEX "DddSnapshot_schoolYear_schoolId_mentorGroup_version_key" ON "DddSnapshot"("schoolYear", "schoolId", "mentorGroup", "version");

-- CreateIndex
CREATE INDEX "DddReminderLog_schoolYear_schoolId_idx" ON "DddReminderLog"("schoolYear", "schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "DddReminderLog_schoolYear_targetKey_day_key" ON "DddReminderLog"("schoolYear", "targetKey", "day");

-- CreateIndex
CREATE INDEX "DddSnooze_schoolYear_schoolId_idx" ON "DddSnooze"("schoolYear", "schoolId");

-- CreateIndex
CREATE INDEX "DddAcknowledgement_schoolYear_schoolId_mentorGroup_idx" ON "DddAcknowledgement"("schoolYear", "schoolId", "mentorGroup");

