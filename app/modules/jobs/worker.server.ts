import { deliverDueEmails, emailSendingEnabled, purgeDeliveredEmails } from "~/modules/email/sender.server";
import { queueDayBeforeReminders } from "~/modules/participation/notifications.server";
import { queueSignupDigests } from "~/modules/participation/signup-notices.server";
import { purgeExpiredRateLimits } from "~/modules/auth/rate-limit.server";
import { freshnessStep } from "./freshness.server";
import { digestStep } from "./digest.server";
import { getEnv } from "~/utils/env.server";

// The portal's periodic work, on one beat: queue what is due (day-before reminders, organisers' daily summaries of
// sign-ups, 要確認 reminders to the groups of overdue places, residents' weekly digests), send the outbox, then clear
// what must not be kept (old mail and rate-limit counters hold addresses).
// It sits above the domains and the email layer, so email never needs to know what a reminder is.

let timer: NodeJS.Timeout | undefined;
/**
 * Started by boot() in the one server process that runs the jobs (server/cluster.js gives that role to one worker):
 * the email pace holds per process, and reminders must be queued once. A no-op without RESEND_API_KEY.
 */
export function startBackgroundJobs(intervalMs = getEnv().EMAIL_WORKER_INTERVAL_MS) {
  if (timer || !emailSendingEnabled()) return;
  let running = false;
  timer = setInterval(() => {
    if (running) return;
    running = true;
    // Day-before reminders are queued on the same beat, then sent with everything else; old mail and old
    // rate-limit counters (both hold addresses) are cleared after.
    queueDayBeforeReminders()
      .then(() => freshnessStep())
      .then(() => queueSignupDigests())
      .then(() => digestStep())
      .then(() => deliverDueEmails())
      .then(() => purgeDeliveredEmails())
      .then(() => purgeExpiredRateLimits())
      .catch((e) => console.error("email worker:", e instanceof Error ? e.message : e))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
}
