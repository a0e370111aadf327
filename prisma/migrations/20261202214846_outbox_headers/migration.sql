-- AlterTable: a column with a constant default, added in place (no copy of the outbox).
ALTER TABLE "EmailOutbox" ADD COLUMN "headers" TEXT NOT NULL DEFAULT '';
