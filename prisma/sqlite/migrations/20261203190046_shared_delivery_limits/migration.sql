-- CreateTable
CREATE TABLE "DeliveryGrant" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "lane" TEXT NOT NULL,
    "requests" INTEGER NOT NULL,
    "cost" INTEGER NOT NULL,
    "grantedAt" REAL NOT NULL,
    "stampAt" REAL NOT NULL,
    "heldUntil" REAL NOT NULL
);

-- CreateTable
CREATE TABLE "DeliveryGrantLock" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" REAL NOT NULL
);

-- CreateIndex
CREATE INDEX "DeliveryGrant_key_stampAt_idx" ON "DeliveryGrant"("key", "stampAt");

-- CreateIndex
CREATE INDEX "DeliveryGrant_grantedAt_idx" ON "DeliveryGrant"("grantedAt");

