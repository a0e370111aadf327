-- A place page reads the coming dates of the events held there (Event.placeId) and other places of its kind
-- (Place.typeId): without these SQLite walked every published event, and every place in id order, per page.
-- CreateIndex
CREATE INDEX "Place_typeId_status_idx" ON "Place"("typeId", "status");

-- CreateIndex
CREATE INDEX "Event_placeId_idx" ON "Event"("placeId");

