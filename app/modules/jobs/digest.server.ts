import { queueWeeklyDigests } from "~/modules/matching/digest.server";
import { tokyoParts } from "~/utils/dates";

// The weekly digest's step on the worker's beat. Ranking every subscriber is far heavier than the other steps, and
// new items appear a few times a day, so subscribers are looked at twice an hour at most; and only in the Tokyo
// daytime, so a digest never wakes anyone (one that falls due at night goes out in the morning).

const SCAN_EVERY_MS = 30 * 60 * 1000;
/** Tokyo hours in which digests are queued: from 9:00 to before 20:00. */
export const DIGEST_HOURS = { from: 9, until: 20 } as const;
let lastScan = 0;

export async function digestStep(now = new Date()): Promise<number> {
  const hour = tokyoParts(now).hour;
  if (hour < DIGEST_HOURS.from || hour >= DIGEST_HOURS.until) return 0;
  if (now.getTime() - lastScan < SCAN_EVERY_MS) return 0;
  lastScan = now.getTime();
  return queueWeeklyDigests(now);
}
