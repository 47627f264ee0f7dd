-- CreateTable
CREATE TABLE "WeeklySummary" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "schoolYear" TEXT NOT NULL,
    "week" INTEGER NOT NULL,
    "weekStart" TEXT NOT NULL,
    "dueAt" DATETIME,
    "generatedAt" DATETIME NOT NULL,
    "data" TEXT NOT NULL,
    "postedAt" DATETIME,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "conversationId" TEXT,
    "parts" INTEGER NOT NULL DEFAULT 1
);

-- CreateIndex
CREATE INDEX "WeeklySummary_weekStart_idx" ON "WeeklySummary"("weekStart");

-- CreateIndex
CREATE UNIQUE INDEX "WeeklySummary_schoolYear_week_key" ON "WeeklySummary"("schoolYear", "week");

