-- CreateTable
CREATE TABLE "MaintenanceWindow" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "purpose" TEXT NOT NULL,
    "openedAt" DATETIME NOT NULL
);


-- CaseEvent stays append-only for the application; only a maintenance operation (retention,
-- privacy erasure) that opened a MaintenanceWindow row in its own transaction may delete or
-- pseudonymise events.
DROP TRIGGER IF EXISTS "CaseEvent_no_update";
DROP TRIGGER IF EXISTS "CaseEvent_no_delete";

CREATE TRIGGER "CaseEvent_no_update" BEFORE UPDATE ON "CaseEvent"
WHEN NOT EXISTS (SELECT 1 FROM "MaintenanceWindow")
BEGIN
    SELECT RAISE(ABORT, 'CaseEvent is append-only');
END;

CREATE TRIGGER "CaseEvent_no_delete" BEFORE DELETE ON "CaseEvent"
WHEN NOT EXISTS (SELECT 1 FROM "MaintenanceWindow")
BEGIN
    SELECT RAISE(ABORT, 'CaseEvent is append-only');
END;
