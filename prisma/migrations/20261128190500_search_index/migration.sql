-- CreateTable
CREATE TABLE "SearchDocument" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entityType" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "reading" TEXT NOT NULL,
    "areaId" INTEGER,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "SearchDocument_entityType_entityId_key" ON "SearchDocument"("entityType", "entityId");


-- Full-text index (SQLite FTS5, trigram tokenizer: substring matches for Japanese of 3+ characters).
-- External-content table over "SearchDocument", kept in sync by triggers. PostgreSQL gets its own index later.
CREATE VIRTUAL TABLE "SearchFts" USING fts5(
    title, text, reading,
    content='SearchDocument', content_rowid='id',
    tokenize='trigram'
);
CREATE TRIGGER "SearchDocument_ai" AFTER INSERT ON "SearchDocument" BEGIN
    INSERT INTO "SearchFts"(rowid, title, text, reading) VALUES (new.id, new.title, new.text, new.reading);
END;
CREATE TRIGGER "SearchDocument_ad" AFTER DELETE ON "SearchDocument" BEGIN
    INSERT INTO "SearchFts"("SearchFts", rowid, title, text, reading) VALUES ('delete', old.id, old.title, old.text, old.reading);
END;
CREATE TRIGGER "SearchDocument_au" AFTER UPDATE ON "SearchDocument" BEGIN
    INSERT INTO "SearchFts"("SearchFts", rowid, title, text, reading) VALUES ('delete', old.id, old.title, old.text, old.reading);
    INSERT INTO "SearchFts"(rowid, title, text, reading) VALUES (new.id, new.title, new.text, new.reading);
END;
