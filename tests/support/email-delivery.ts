import { afterAll, beforeAll, beforeEach } from "vitest";
import { prisma } from "~/utils/db.server";
import { forgetEnv } from "~/utils/env.server";
import { startResendRecorder, type ResendRecorder } from "./resend-recorder";

/** A date no test reaches: queued emails parked there are never due. */
export const FAR_FUTURE = new Date("2100-01-01T00:00:00Z");

/**
 * For a test file that delivers email through the real Resend SDK: starts a local recorder and points the SDK at it
 * for the whole file; before each test the recorder is emptied, sending is switched on again (a test may turn it
 * off), and whatever earlier tests left pending is parked, so each test delivers only what it queues itself.
 */
export function withEmailDelivery() {
  const mail = {} as { recorder: ResendRecorder; sender: typeof import("~/modules/email/sender.server") };
  const saved = { RESEND_API_KEY: process.env.RESEND_API_KEY, RESEND_BASE_URL: process.env.RESEND_BASE_URL };
  const enableSending = () => {
    process.env.RESEND_API_KEY = "re_test";
    process.env.RESEND_BASE_URL = mail.recorder.url;
    forgetEnv();
  };
  beforeAll(async () => {
    mail.recorder = await startResendRecorder();
    enableSending();
    mail.sender = await import("~/modules/email/sender.server");
  });
  afterAll(async () => {
    await mail.recorder.close();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    forgetEnv();
  });
  beforeEach(async () => {
    enableSending();
    // A pause after an earlier test's provider errors (or a stop) is not carried into the next test.
    mail.sender.resumeSending();
    mail.recorder.reset();
    await prisma.emailOutbox.updateMany({ where: { status: "pending" }, data: { nextAttemptAt: FAR_FUTURE } });
  });
  return mail;
}
