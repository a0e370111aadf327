-- AlterTable
ALTER TABLE "Group" ADD COLUMN "systemKey" TEXT;

-- AlterTable
ALTER TABLE "Opening" ADD COLUMN "systemKey" TEXT;

-- CreateTable
CREATE TABLE "TranslationSubmission" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entityType" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "locale" TEXT NOT NULL,
    "translatorId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT NOT NULL DEFAULT '',
    "reviewerId" INTEGER,
    "decidedAt" DATETIME,
    "applicationId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TranslationSubmission_translatorId_fkey" FOREIGN KEY ("translatorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "TranslationSubmission_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ItemView" (
    "entityType" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("entityType", "entityId")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Translation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entityType" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'organizer',
    "status" TEXT NOT NULL DEFAULT 'approved',
    "translatorId" INTEGER,
    "reviewerId" INTEGER,
    "sourceText" TEXT NOT NULL DEFAULT '',
    "submissionId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Translation_translatorId_fkey" FOREIGN KEY ("translatorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Translation_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Translation_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "TranslationSubmission" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Translation" ("createdAt", "entityId", "entityType", "field", "id", "locale", "reviewerId", "source", "status", "translatorId", "updatedAt", "value") SELECT "createdAt", "entityId", "entityType", "field", "id", "locale", "reviewerId", "source", "status", "translatorId", "updatedAt", "value" FROM "Translation";
DROP TABLE "Translation";
ALTER TABLE "new_Translation" RENAME TO "Translation";
CREATE INDEX "Translation_locale_entityType_status_idx" ON "Translation"("locale", "entityType", "status");
CREATE INDEX "Translation_submissionId_idx" ON "Translation"("submissionId");
CREATE UNIQUE INDEX "Translation_entityType_entityId_field_locale_key" ON "Translation"("entityType", "entityId", "field", "locale");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "TranslationSubmission_applicationId_key" ON "TranslationSubmission"("applicationId");

-- CreateIndex
CREATE INDEX "TranslationSubmission_status_createdAt_idx" ON "TranslationSubmission"("status", "createdAt");

-- CreateIndex
CREATE INDEX "TranslationSubmission_translatorId_status_idx" ON "TranslationSubmission"("translatorId", "status");

-- CreateIndex
CREATE INDEX "ItemView_entityType_count_idx" ON "ItemView"("entityType", "count");

-- CreateIndex
CREATE UNIQUE INDEX "Group_systemKey_key" ON "Group"("systemKey");

-- CreateIndex
CREATE UNIQUE INDEX "Opening_systemKey_key" ON "Opening"("systemKey");

