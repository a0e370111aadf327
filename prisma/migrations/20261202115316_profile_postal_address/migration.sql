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
    "discoverableByStaff" BOOLEAN NOT NULL DEFAULT false,
    "showFurigana" BOOLEAN NOT NULL DEFAULT false,
    "largeText" BOOLEAN NOT NULL DEFAULT false,
    "phone" TEXT NOT NULL DEFAULT '',
    "postalCode" TEXT NOT NULL DEFAULT '',
    "postalAddress" TEXT NOT NULL DEFAULT '',
    "birthYear" INTEGER,
    "notifyReminders" BOOLEAN NOT NULL DEFAULT true,
    "notifyDigest" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Profile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Profile_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Profile" ("areaId", "availability", "bio", "birthYear", "discoverableByStaff", "languages", "largeText", "notifyDigest", "notifyReminders", "phone", "postalCode", "prefersAtHome", "prefersBeginner", "showFurigana", "skills", "updatedAt", "userId") SELECT "areaId", "availability", "bio", "birthYear", "discoverableByStaff", "languages", "largeText", "notifyDigest", "notifyReminders", "phone", "postalCode", "prefersAtHome", "prefersBeginner", "showFurigana", "skills", "updatedAt", "userId" FROM "Profile";
DROP TABLE "Profile";
ALTER TABLE "new_Profile" RENAME TO "Profile";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

