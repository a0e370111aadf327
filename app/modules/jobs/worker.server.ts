import { deliverDueEmails, emailSendingEnabled, purgeDeliveredEmails, stopSendingAfterCurrent } from "~/modules/email/sender.server";
import { queueDayBeforeReminders } from "~/modules/participation/notifications.server";
import { queueSignupDigests } from "~/modules/participation/signup-notices.server";
import { purgeExpiredRateLimits } from "~/modules/auth/rate-limit.server";
import { freshnessStep } from "./freshness.server";
import { digestStep } from "./digest.server";
import { seriesStep } from "./series.server";
import { getEnv } from "~/utils/env.server";
import { jobsLeadership, type Leadership } from "./leadership.server";

// The portal's periodic work, on one beat: queue what is due (day-before reminders, organisers' daily summaries of
// sign-ups, 要確認 reminders to the groups of overdue places, residents' weekly digests), send the outbox, then clear
// what must not be kept (old mail and rate-limit counters hold addresses); and keep every event series dated six
// months ahead.
// It sits above the domains and the email layer, so email never needs to know what a reminder is.

let timer: NodeJS.Timeout | undefined;
let leadership: Leadership | undefined;

/**
 * One beat. What keeps the portal itself right (series dates, clearing old rate-limit counters, which hold
 * addresses) runs always; the email steps only when email is set up. Day-before reminders are queued on the same
 * beat, then sent with everything else; old mail is cleared after.
 */
async function beat(email: boolean) {
  // On PostgreSQL shared by several instances, only the one holding the jobs' lock runs them (leadership.server.ts).
  if (!(await leadership!.holds())) return;
  await seriesStep();
  if (email) {
    await queueDayBeforeReminders();
    await freshnessStep();
    await queueSignupDigests();
    await digestStep();
    await deliverDueEmails();
    await purgeDeliveredEmails();
  }
  await purgeExpiredRateLimits();
}

/** The beat in progress, which shutdown waits for. */
let running: Promise<void> | null = null;

/**
 * Started by boot() in the one server process that runs the jobs (server/cluster.js gives that role to one worker):
 * the email pace holds per process, and reminders must be queued once. Without RESEND_API_KEY only the steps that
 * need no email run.
 */
export function startBackgroundJobs(intervalMs = getEnv().EMAIL_WORKER_INTERVAL_MS) {
  if (timer) return;
  leadership ??= jobsLeadership(getEnv().DATABASE_URL);
  const email = emailSendingEnabled();
  timer = setInterval(() => {
    if (running) return;
    running = beat(email)
      .catch((e) => console.error("background jobs:", e instanceof Error ? e.message : e))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
}

/**
 * At shutdown: no new beat starts, the sender stops after the email it is sending (recorded as sent), and the
 * promise settles when the beat in progress has ended, so the process never exits between a send and its record.
 */
export async function stopBackgroundJobs(): Promise<void> {
  clearInterval(timer);
  timer = undefined;
  stopSendingAfterCurrent();
  await running;
  await leadership?.release();
  leadership = undefined;
}
