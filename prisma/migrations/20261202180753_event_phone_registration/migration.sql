-- Residents without email may register for an event by phone when its organiser allows it.
ALTER TABLE "Event" ADD COLUMN "phoneRegistration" BOOLEAN NOT NULL DEFAULT false;
