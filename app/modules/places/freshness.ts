import { addTokyoMonths } from "~/modules/schedule/months";

// 要確認: a place whose group has not confirmed its details for this long is marked on its public page, its group
// is reminded by email (with a one-click "nothing has changed" link) and it is on the staff's overdue list.

export const STALE_AFTER_MONTHS = 6;

/** Confirmations before this instant are overdue. */
export function staleSince(now: Date): Date {
  return addTokyoMonths(now, -STALE_AFTER_MONTHS);
}

export function isStale(lastConfirmedAt: Date | string | null | undefined, now = new Date()): boolean {
  if (!lastConfirmedAt) return true;
  return new Date(lastConfirmedAt) < staleSince(now);
}
