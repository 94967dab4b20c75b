-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Trunk" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 5060,
    "transport" TEXT NOT NULL DEFAULT 'udp',
    "username" TEXT,
    "passwordEnc" TEXT,
    "register" BOOLEAN NOT NULL DEFAULT false,
    "registerExpires" INTEGER NOT NULL DEFAULT 300,
    "fromNumber" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "countryCode" TEXT,
    "allowedPrefixes" TEXT NOT NULL DEFAULT '',
    "allowInternational" BOOLEAN NOT NULL DEFAULT false,
    "allowPremium" BOOLEAN NOT NULL DEFAULT false,
    "maxConcurrent" INTEGER NOT NULL DEFAULT 4,
    "maxPerMinute" INTEGER NOT NULL DEFAULT 10,
    "maxDurationSec" INTEGER NOT NULL DEFAULT 3600,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Trunk" ("createdAt", "enabled", "fromNumber", "host", "id", "name", "passwordEnc", "port", "register", "registerExpires", "transport", "updatedAt", "username") SELECT "createdAt", "enabled", "fromNumber", "host", "id", "name", "passwordEnc", "port", "register", "registerExpires", "transport", "updatedAt", "username" FROM "Trunk";
DROP TABLE "Trunk";
ALTER TABLE "new_Trunk" RENAME TO "Trunk";
CREATE UNIQUE INDEX "Trunk_name_key" ON "Trunk"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

