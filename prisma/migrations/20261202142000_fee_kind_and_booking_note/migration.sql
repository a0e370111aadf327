-- A fee is a kind (free | paid | partlyFree | unknown), an amount and who does not pay when partly free, so
-- 「子ども無料・大人300円」 is no longer shown as 無料. Existing rows: 0 → free, an amount → paid, none → unknown.
ALTER TABLE "Place" ADD COLUMN "feeKind" TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE "Place" ADD COLUMN "feeFreeFor" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Place" ADD COLUMN "bookingNote" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Event" ADD COLUMN "feeKind" TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE "Event" ADD COLUMN "feeFreeFor" TEXT NOT NULL DEFAULT '';

UPDATE "Place" SET "feeKind" = CASE WHEN "fee" = 0 THEN 'free' WHEN "fee" > 0 THEN 'paid' ELSE 'unknown' END;
UPDATE "Event" SET "feeKind" = CASE WHEN "fee" = 0 THEN 'free' WHEN "fee" > 0 THEN 'paid' ELSE 'unknown' END;
