-- CreateTable
CREATE TABLE "CallRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "callId" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "fromNumber" TEXT NOT NULL,
    "toNumber" TEXT NOT NULL,
    "trunk" TEXT,
    "roomSlug" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" DATETIME,
    "endedAt" DATETIME,
    "endReason" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "CallRecord_callId_key" ON "CallRecord"("callId");

-- CreateIndex
CREATE INDEX "CallRecord_startedAt_idx" ON "CallRecord"("startedAt");

-- CreateIndex
CREATE INDEX "CallRecord_roomSlug_startedAt_idx" ON "CallRecord"("roomSlug", "startedAt");

