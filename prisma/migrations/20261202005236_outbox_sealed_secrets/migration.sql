-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_EmailOutbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "toAddress" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "textBody" TEXT NOT NULL,
    "htmlBody" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT NOT NULL DEFAULT '',
    "providerId" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    "sealedSecrets" TEXT NOT NULL DEFAULT '',
    "userId" INTEGER
);
INSERT INTO "new_EmailOutbox" ("attempts", "createdAt", "htmlBody", "id", "idempotencyKey", "lastError", "locale", "nextAttemptAt", "providerId", "sentAt", "status", "subject", "template", "textBody", "toAddress") SELECT "attempts", "createdAt", "htmlBody", "id", "idempotencyKey", "lastError", "locale", "nextAttemptAt", "providerId", "sentAt", "status", "subject", "template", "textBody", "toAddress" FROM "EmailOutbox";
DROP TABLE "EmailOutbox";
ALTER TABLE "new_EmailOutbox" RENAME TO "EmailOutbox";
CREATE UNIQUE INDEX "EmailOutbox_idempotencyKey_key" ON "EmailOutbox"("idempotencyKey");
CREATE INDEX "EmailOutbox_status_nextAttemptAt_idx" ON "EmailOutbox"("status", "nextAttemptAt");
CREATE INDEX "EmailOutbox_userId_idx" ON "EmailOutbox"("userId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

