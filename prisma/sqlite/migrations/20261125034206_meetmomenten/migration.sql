-- CreateTable
CREATE TABLE "MeetmomentRound" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "activityId" TEXT NOT NULL,
    "schoolYear" TEXT NOT NULL,
    "meetmomentDate" TEXT NOT NULL,
    "openDay" TEXT NOT NULL,
    "periodLabel" TEXT NOT NULL,
    "note" TEXT,
    "status" TEXT NOT NULL,
    "announcedAt" DATETIME,
    "openedAt" DATETIME,
    "closesAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "submittedAt" DATETIME,
    "submittedById" INTEGER,
    "lateCaseId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MeetmomentRound_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Measurement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "roundId" INTEGER NOT NULL,
    "kpiId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "valueNumber" REAL,
    "valueText" TEXT,
    "source" TEXT NOT NULL,
    "personId" INTEGER,
    "personName" TEXT,
    "recordedAt" DATETIME NOT NULL,
    CONSTRAINT "Measurement_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "MeetmomentRound" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Measurement_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "Kpi" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "MeetmomentRound_status_closesAt_idx" ON "MeetmomentRound"("status", "closesAt");

-- CreateIndex
CREATE UNIQUE INDEX "MeetmomentRound_activityId_meetmomentDate_key" ON "MeetmomentRound"("activityId", "meetmomentDate");

-- CreateIndex
CREATE INDEX "Measurement_kpiId_idx" ON "Measurement"("kpiId");

-- CreateIndex
CREATE UNIQUE INDEX "Measurement_roundId_kpiId_version_key" ON "Measurement"("roundId", "kpiId", "version");

