-- AlterTable: whether the resident wants to help out or join in ("" either), the quick match's do= answer.
ALTER TABLE "Profile" ADD COLUMN "role" TEXT NOT NULL DEFAULT '';
