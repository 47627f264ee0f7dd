-- CreateTable
CREATE TABLE "DeliveryGrant" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "lane" TEXT NOT NULL,
    "requests" INTEGER NOT NULL,
    "cost" INTEGER NOT NULL,
    "grantedAt" DOUBLE PRECISION NOT NULL,
    "stampAt" DOUBLE PRECISION NOT NULL,
    "heldUntil" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "DeliveryGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliveryGrantLock" (
    "id" INTEGER NOT NULL,
    "at" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "DeliveryGrantLock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeliveryGrant_key_stampAt_idx" ON "DeliveryGrant"("key", "stampAt");

-- CreateIndex
CREATE INDEX "DeliveryGrant_grantedAt_idx" ON "DeliveryGrant"("grantedAt");
