-- The unused showFurigana / largeText flags become the display settings (a set flag carries over).
-- CreateTable
CREATE TABLE "ReadingCorrection" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "surface" TEXT NOT NULL,
    "reading" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Profile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Profile_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Profile" ("areaId", "availability", "bio", "birthYear", "discoverableByStaff", "languages", "notifyDigest", "notifyReminders", "phone", "postalAddress", "postalCode", "prefersAtHome", "prefersBeginner", "skills", "updatedAt", "userId", "furigana", "textSize") SELECT "areaId", "availability", "bio", "birthYear", "discoverableByStaff", "languages", "notifyDigest", "notifyReminders", "phone", "postalAddress", "postalCode", "prefersAtHome", "prefersBeginner", "skills", "updatedAt", "userId", CASE WHEN "showFurigana" THEN 'on' ELSE '' END, CASE WHEN "largeText" THEN 'large' ELSE 'normal' END FROM "Profile";
DROP TABLE "Profile";
ALTER TABLE "new_Profile" RENAME TO "Profile";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ReadingCorrection_surface_key" ON "ReadingCorrection"("surface");


-- The names of Tsurugashima that dictionaries misread, so furigana are right from the first day.
INSERT INTO "ReadingCorrection" ("surface", "reading") VALUES
    ('脚折', 'すねおり'),
    ('脚折町', 'すねおりちょう'),
    ('太田ヶ谷', 'おおたがや'),
    ('鶴ヶ島', 'つるがしま'),
    ('鶴ヶ丘', 'つるがおか'),
    ('高倉', 'たかくら'),
    ('五味ヶ谷', 'ごみがや'),
    ('羽折', 'はおり'),
    ('羽折町', 'はおりちょう'),
    ('藤金', 'ふじがね'),
    ('上広谷', 'かみひろや'),
    ('下新田', 'しもしんでん'),
    ('中新田', 'なかしんでん'),
    ('上新田', 'かみしんでん'),
    ('三ツ木', 'みつぎ'),
    ('三ツ木新田', 'みつぎしんでん'),
    ('三ツ木新町', 'みつぎしんまち'),
    ('富士見', 'ふじみ'),
    ('大塚', 'おおつか'),
    ('町屋', 'まちや'),
    ('松ヶ丘', 'まつがおか'),
    ('杉下', 'すぎした'),
    ('社協', 'しゃきょう');
