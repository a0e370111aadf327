import { placesDueForReminder, sendConfirmReminder } from "~/modules/places/freshness.server";

// The freshness step of the periodic work: each place that became overdue (要確認) gets one reminder to its group's
// owners per overdue period. Safe to run on several processes: each place's reminder is claimed on its
// confirmReminderAt before anything is queued.

/** A place turns overdue on a given day, not a given second: scanning every few minutes is plenty. */
const SCAN_EVERY_MS = 10 * 60 * 1000;
let lastScan = 0;

export async function queueFreshnessReminders(now = new Date()): Promise<number> {
  let queued = 0;
  for (const placeId of await placesDueForReminder(now)) queued += await sendConfirmReminder(placeId, { now });
  return queued;
}

/** The step on the worker's beat (every few seconds): scans at most once per SCAN_EVERY_MS. */
export async function freshnessStep(now = new Date()): Promise<number> {
  if (now.getTime() - lastScan < SCAN_EVERY_MS) return 0;
  lastScan = now.getTime();
  return queueFreshnessReminders(now);
}
