-- AlterTable
ALTER TABLE "Application" ADD COLUMN "remindedAt" DATETIME;

-- AlterTable
ALTER TABLE "Registration" ADD COLUMN "remindedAt" DATETIME;

