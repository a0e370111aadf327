-- Indexes in the order the public lists read: the home page's recently confirmed places, the place list's
-- あいうえお順, the newest openings. Each lets SQLite read the first page in order and stop, instead of sorting
-- every published row (docs/decisions/017-query-strategy.md).
CREATE INDEX "Place_status_lastConfirmedAt_idx" ON "Place"("status", "lastConfirmedAt");
CREATE INDEX "Place_status_nameKana_idx" ON "Place"("status", "nameKana");
CREATE INDEX "Opening_status_publishedAt_idx" ON "Opening"("status", "publishedAt");
