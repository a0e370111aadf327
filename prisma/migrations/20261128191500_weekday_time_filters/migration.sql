-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Place" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "groupId" INTEGER NOT NULL,
    "typeId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "nameKana" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "areaId" INTEGER,
    "address" TEXT NOT NULL DEFAULT '',
    "showAreaOnly" BOOLEAN NOT NULL DEFAULT false,
    "lat" REAL,
    "lng" REAL,
    "access" TEXT NOT NULL DEFAULT '',
    "parking" TEXT NOT NULL DEFAULT '',
    "fee" INTEGER,
    "feeNote" TEXT NOT NULL DEFAULT '',
    "bookingRequired" BOOLEAN NOT NULL DEFAULT false,
    "mealsProvided" BOOLEAN NOT NULL DEFAULT false,
    "transportOffered" BOOLEAN NOT NULL DEFAULT false,
    "wheelchairAccess" BOOLEAN NOT NULL DEFAULT false,
    "accessibleToilet" BOOLEAN NOT NULL DEFAULT false,
    "barrierFreeNote" TEXT NOT NULL DEFAULT '',
    "beginnerFriendly" BOOLEAN NOT NULL DEFAULT true,
    "languages" TEXT NOT NULL DEFAULT ',ja,',
    "whatToBring" TEXT NOT NULL DEFAULT '',
    "contactName" TEXT NOT NULL DEFAULT '',
    "contactPhone" TEXT NOT NULL DEFAULT '',
    "contactEmail" TEXT NOT NULL DEFAULT '',
    "website" TEXT NOT NULL DEFAULT '',
    "scheduleRule" TEXT NOT NULL DEFAULT '',
    "scheduleStart" TEXT NOT NULL DEFAULT '',
    "scheduleEnd" TEXT NOT NULL DEFAULT '',
    "skipHolidays" BOOLEAN NOT NULL DEFAULT false,
    "scheduleNote" TEXT NOT NULL DEFAULT '',
    "scheduleDays" TEXT NOT NULL DEFAULT '',
    "scheduleMinute" INTEGER,
    "lastConfirmedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "publishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Place_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Place_typeId_fkey" FOREIGN KEY ("typeId") REFERENCES "PlaceType" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Place_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Place" ("access", "accessibleToilet", "address", "areaId", "barrierFreeNote", "beginnerFriendly", "bookingRequired", "contactEmail", "contactName", "contactPhone", "createdAt", "description", "fee", "feeNote", "groupId", "id", "languages", "lastConfirmedAt", "lat", "lng", "mealsProvided", "name", "nameKana", "parking", "publishedAt", "scheduleEnd", "scheduleNote", "scheduleRule", "scheduleStart", "showAreaOnly", "skipHolidays", "status", "summary", "transportOffered", "typeId", "updatedAt", "website", "whatToBring", "wheelchairAccess") SELECT "access", "accessibleToilet", "address", "areaId", "barrierFreeNote", "beginnerFriendly", "bookingRequired", "contactEmail", "contactName", "contactPhone", "createdAt", "description", "fee", "feeNote", "groupId", "id", "languages", "lastConfirmedAt", "lat", "lng", "mealsProvided", "name", "nameKana", "parking", "publishedAt", "scheduleEnd", "scheduleNote", "scheduleRule", "scheduleStart", "showAreaOnly", "skipHolidays", "status", "summary", "transportOffered", "typeId", "updatedAt", "website", "whatToBring", "wheelchairAccess" FROM "Place";
DROP TABLE "Place";
ALTER TABLE "new_Place" RENAME TO "Place";
CREATE INDEX "Place_status_areaId_idx" ON "Place"("status", "areaId");
CREATE INDEX "Place_groupId_idx" ON "Place"("groupId");
CREATE TABLE "new_EventDate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "eventId" INTEGER NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "originalStartsAt" DATETIME,
    "note" TEXT NOT NULL DEFAULT '',
    "capacity" INTEGER,
    "registeredCount" INTEGER NOT NULL DEFAULT 0,
    "weekday" INTEGER NOT NULL DEFAULT 0,
    "startMinute" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "EventDate_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_EventDate" ("capacity", "endsAt", "eventId", "id", "note", "originalStartsAt", "registeredCount", "startsAt", "status") SELECT "capacity", "endsAt", "eventId", "id", "note", "originalStartsAt", "registeredCount", "startsAt", "status" FROM "EventDate";
DROP TABLE "EventDate";
ALTER TABLE "new_EventDate" RENAME TO "EventDate";
CREATE INDEX "EventDate_startsAt_idx" ON "EventDate"("startsAt");
CREATE INDEX "EventDate_eventId_startsAt_idx" ON "EventDate"("eventId", "startsAt");
CREATE TABLE "new_Shift" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "openingId" INTEGER NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    "slots" INTEGER,
    "acceptedCount" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'open',
    "note" TEXT NOT NULL DEFAULT '',
    "weekday" INTEGER NOT NULL DEFAULT 0,
    "startMinute" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Shift_openingId_fkey" FOREIGN KEY ("openingId") REFERENCES "Opening" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Shift" ("acceptedCount", "endsAt", "id", "note", "openingId", "slots", "startsAt", "status") SELECT "acceptedCount", "endsAt", "id", "note", "openingId", "slots", "startsAt", "status" FROM "Shift";
DROP TABLE "Shift";
ALTER TABLE "new_Shift" RENAME TO "Shift";
CREATE INDEX "Shift_openingId_startsAt_idx" ON "Shift"("openingId", "startsAt");
CREATE INDEX "Shift_startsAt_idx" ON "Shift"("startsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Backfill the derived Tokyo weekday (Monday = 0) and start minute for rows that existed before.
UPDATE "EventDate" SET
  "weekday" = (CAST(strftime('%w', "startsAt", '+9 hours') AS INTEGER) + 6) % 7,
  "startMinute" = CAST(strftime('%H', "startsAt", '+9 hours') AS INTEGER) * 60 + CAST(strftime('%M', "startsAt", '+9 hours') AS INTEGER);
UPDATE "Shift" SET
  "weekday" = (CAST(strftime('%w', "startsAt", '+9 hours') AS INTEGER) + 6) % 7,
  "startMinute" = CAST(strftime('%H', "startsAt", '+9 hours') AS INTEGER) * 60 + CAST(strftime('%M', "startsAt", '+9 hours') AS INTEGER);
