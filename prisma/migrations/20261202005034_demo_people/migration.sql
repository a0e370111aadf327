-- Demo people (fictional, with a published password) are marked so the site can say it is a demo.
ALTER TABLE "User" ADD COLUMN "demo" BOOLEAN NOT NULL DEFAULT false;
