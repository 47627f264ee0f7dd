-- CreateTable
CREATE TABLE "ContactConfirmation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "schoolYear" TEXT NOT NULL,
    "confirmedAt" DATETIME NOT NULL,
    "confirmedById" INTEGER,
    CONSTRAINT "ContactConfirmation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ContactConfirmation_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ContactConfirmation_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "position" INTEGER NOT NULL,
    "section" TEXT,
    "programmalijn" TEXT NOT NULL,
    "maatregel" TEXT,
    "naam" TEXT NOT NULL,
    "doel" TEXT,
    "doelgroep" TEXT NOT NULL,
    "looptijd" TEXT,
    "verantwoordelijk" TEXT,
    "monitoring" TEXT,
    "ownerRole" TEXT NOT NULL DEFAULT 'eigenaar',
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "MeetmomentSchedule" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "activityId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "months" TEXT NOT NULL,
    "day" INTEGER,
    "note" TEXT,
    CONSTRAINT "MeetmomentSchedule_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Kpi" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "activityId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "direction" TEXT,
    "targetText" TEXT,
    "note" TEXT,
    "archivedAt" DATETIME,
    CONSTRAINT "Kpi_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KpiTarget" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kpiId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "schoolYear" TEXT,
    "value" REAL NOT NULL,
    CONSTRAINT "KpiTarget_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "Kpi" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RoleAssignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "schoolId" INTEGER,
    "mentorGroup" TEXT,
    "activityId" TEXT,
    "scopeKey" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'manual',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RoleAssignment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RoleAssignment_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RoleAssignment" ("activityId", "createdAt", "id", "mentorGroup", "personId", "role", "schoolId", "scopeKey") SELECT "activityId", "createdAt", "id", "mentorGroup", "personId", "role", "schoolId", "scopeKey" FROM "RoleAssignment";
DROP TABLE "RoleAssignment";
ALTER TABLE "new_RoleAssignment" RENAME TO "RoleAssignment";
CREATE INDEX "RoleAssignment_role_idx" ON "RoleAssignment"("role");
CREATE INDEX "RoleAssignment_schoolId_idx" ON "RoleAssignment"("schoolId");
CREATE INDEX "RoleAssignment_source_idx" ON "RoleAssignment"("source");
CREATE UNIQUE INDEX "RoleAssignment_personId_role_scopeKey_key" ON "RoleAssignment"("personId", "role", "scopeKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ContactConfirmation_schoolId_schoolYear_idx" ON "ContactConfirmation"("schoolId", "schoolYear");

-- CreateIndex
CREATE UNIQUE INDEX "ContactConfirmation_personId_schoolId_schoolYear_key" ON "ContactConfirmation"("personId", "schoolId", "schoolYear");

-- CreateIndex
CREATE UNIQUE INDEX "MeetmomentSchedule_activityId_position_key" ON "MeetmomentSchedule"("activityId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Kpi_activityId_key_key" ON "Kpi"("activityId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "KpiTarget_kpiId_period_key" ON "KpiTarget"("kpiId", "period");

