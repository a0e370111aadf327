-- How each member hears of new sign-ups (each | daily | none), and when their last daily summary went out.
ALTER TABLE "GroupMember" ADD COLUMN "signupNotice" TEXT NOT NULL DEFAULT 'each';
ALTER TABLE "GroupMember" ADD COLUMN "signupDigestSentAt" DATETIME;
