-- CreateTable
CREATE TABLE "MatchDismissal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "itemKind" TEXT NOT NULL,
    "itemId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MatchDismissal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MatchInvitation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "openingId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "sentById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MatchInvitation_openingId_fkey" FOREIGN KEY ("openingId") REFERENCES "Opening" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MatchInvitation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MatchInvitation_sentById_fkey" FOREIGN KEY ("sentById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "_AudienceToProfile" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,
    CONSTRAINT "_AudienceToProfile_A_fkey" FOREIGN KEY ("A") REFERENCES "Audience" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "_AudienceToProfile_B_fkey" FOREIGN KEY ("B") REFERENCES "Profile" ("userId") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Profile" (
    "userId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "areaId" INTEGER,
    "bio" TEXT NOT NULL DEFAULT '',
    "skills" TEXT NOT NULL DEFAULT '',
    "languages" TEXT NOT NULL DEFAULT ',ja,',
    "availability" INTEGER NOT NULL DEFAULT 0,
    "prefersAtHome" BOOLEAN NOT NULL DEFAULT false,
    "prefersBeginner" BOOLEAN NOT NULL DEFAULT false,
    "reach" TEXT NOT NULL DEFAULT 'neighbours',
    "commitment" TEXT NOT NULL DEFAULT '',
    "withChildren" BOOLEAN NOT NULL DEFAULT false,
    "avoid" TEXT NOT NULL DEFAULT ',',
    "discoverableByStaff" BOOLEAN NOT NULL DEFAULT false,
    "furigana" TEXT NOT NULL DEFAULT '',
    "textSize" TEXT NOT NULL DEFAULT 'normal',
    "highContrast" BOOLEAN NOT NULL DEFAULT false,
    "phone" TEXT NOT NULL DEFAULT '',
    "postalCode" TEXT NOT NULL DEFAULT '',
    "postalAddress" TEXT NOT NULL DEFAULT '',
    "birthYear" INTEGER,
    "notifyReminders" BOOLEAN NOT NULL DEFAULT true,
    "notifyDigest" BOOLEAN NOT NULL DEFAULT false,
    "digestSentAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Profile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Profile_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Profile" ("areaId", "availability", "bio", "birthYear", "discoverableByStaff", "furigana", "highContrast", "languages", "notifyDigest", "notifyReminders", "phone", "postalAddress", "postalCode", "prefersAtHome", "prefersBeginner", "skills", "textSize", "updatedAt", "userId") SELECT "areaId", "availability", "bio", "birthYear", "discoverableByStaff", "furigana", "highContrast", "languages", "notifyDigest", "notifyReminders", "phone", "postalAddress", "postalCode", "prefersAtHome", "prefersBeginner", "skills", "textSize", "updatedAt", "userId" FROM "Profile";
DROP TABLE "Profile";
ALTER TABLE "new_Profile" RENAME TO "Profile";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "MatchDismissal_userId_itemKind_itemId_key" ON "MatchDismissal"("userId", "itemKind", "itemId");

-- CreateIndex
CREATE UNIQUE INDEX "MatchInvitation_openingId_userId_key" ON "MatchInvitation"("openingId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "_AudienceToProfile_AB_unique" ON "_AudienceToProfile"("A", "B");

-- CreateIndex
CREATE INDEX "_AudienceToProfile_B_index" ON "_AudienceToProfile"("B");

