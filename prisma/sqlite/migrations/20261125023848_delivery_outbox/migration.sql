-- AlterTable
ALTER TABLE "Person" ADD COLUMN "unreachableReason" TEXT;
ALTER TABLE "Person" ADD COLUMN "unreachableSince" DATETIME;

-- AlterTable
ALTER TABLE "ConversationRef" ADD COLUMN "blockedAt" DATETIME;
ALTER TABLE "ConversationRef" ADD COLUMN "blockedReason" TEXT;

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'send',
    "targetId" INTEGER,
    "recipientPersonId" INTEGER,
    "recipientConversationId" TEXT,
    "payload" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "claimToken" TEXT,
    "claimedAt" DATETIME,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "resendSuspect" INTEGER NOT NULL DEFAULT 0,
    "conversationId" TEXT,
    "activityId" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OutboxMessage_recipientPersonId_fkey" FOREIGN KEY ("recipientPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_key_key" ON "OutboxMessage"("key");

-- CreateIndex
CREATE INDEX "OutboxMessage_state_nextAttemptAt_idx" ON "OutboxMessage"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_purpose_state_idx" ON "OutboxMessage"("purpose", "state");

-- CreateIndex
CREATE INDEX "OutboxMessage_recipientPersonId_idx" ON "OutboxMessage"("recipientPersonId");

-- CreateIndex
CREATE INDEX "OutboxMessage_targetId_idx" ON "OutboxMessage"("targetId");

