-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Application" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shiftId" INTEGER NOT NULL,
    "userId" INTEGER,
    "status" TEXT NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "consentToShareContact" BOOLEAN NOT NULL DEFAULT false,
    "consentAt" DATETIME,
    "hours" REAL,
    "hoursVerifiedAt" DATETIME,
    "hoursVerifiedById" INTEGER,
    "enteredById" INTEGER,
    "remindedAt" DATETIME,
    "queuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Application_shiftId_fkey" FOREIGN KEY ("shiftId") REFERENCES "Shift" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Application_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Existing rows keep their place in the queue: queued when they were created.
INSERT INTO "new_Application" ("consentAt", "consentToShareContact", "createdAt", "enteredById", "hours", "hoursVerifiedAt", "hoursVerifiedById", "id", "message", "remindedAt", "shiftId", "status", "updatedAt", "userId", "queuedAt") SELECT "consentAt", "consentToShareContact", "createdAt", "enteredById", "hours", "hoursVerifiedAt", "hoursVerifiedById", "id", "message", "remindedAt", "shiftId", "status", "updatedAt", "userId", "createdAt" FROM "Application";
DROP TABLE "Application";
ALTER TABLE "new_Application" RENAME TO "Application";
CREATE INDEX "Application_userId_idx" ON "Application"("userId");
CREATE UNIQUE INDEX "Application_shiftId_userId_key" ON "Application"("shiftId", "userId");
CREATE TABLE "new_Registration" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "eventDateId" INTEGER NOT NULL,
    "userId" INTEGER,
    "partySize" INTEGER NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL,
    "consentToShareContact" BOOLEAN NOT NULL DEFAULT false,
    "consentAt" DATETIME,
    "enteredById" INTEGER,
    "remindedAt" DATETIME,
    "queuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Registration_eventDateId_fkey" FOREIGN KEY ("eventDateId") REFERENCES "EventDate" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Registration_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Registration" ("consentAt", "consentToShareContact", "createdAt", "enteredById", "eventDateId", "id", "partySize", "remindedAt", "status", "updatedAt", "userId", "queuedAt") SELECT "consentAt", "consentToShareContact", "createdAt", "enteredById", "eventDateId", "id", "partySize", "remindedAt", "status", "updatedAt", "userId", "createdAt" FROM "Registration";
DROP TABLE "Registration";
ALTER TABLE "new_Registration" RENAME TO "Registration";
CREATE INDEX "Registration_userId_idx" ON "Registration"("userId");
CREATE UNIQUE INDEX "Registration_eventDateId_userId_key" ON "Registration"("eventDateId", "userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

