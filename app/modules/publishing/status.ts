import type { SaveIntent } from "~/modules/forms/item-schemas";

// What an organiser's button does to an item's status. Organisers never publish: "submit" asks staff to review
// (pending); staff publish, hide or reject elsewhere. Saving keeps the status, so rewording a published item keeps
// it published (see the note on schedule changes in events.server.ts).

export const ITEM_STATUSES = ["draft", "pending", "published", "closed", "archived", "hidden"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export function statusAfterSave(intent: SaveIntent, current: string | null): string {
  if (current === null) return intent === "submit" ? "pending" : "draft";
  if (intent === "submit" && canSubmit(current)) return "pending";
  return current;
}

/** Drafts and archived items can be (re)submitted; hidden ones wait for staff. */
export function canSubmit(status: string): boolean {
  return status === "draft" || status === "archived";
}

export function canArchive(status: string): boolean {
  return status !== "archived" && status !== "hidden";
}

/** A pending item can be taken back to draft before staff look at it. */
export function canWithdraw(status: string): boolean {
  return status === "pending";
}
