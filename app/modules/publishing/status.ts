// What an organiser's button does to an item's status. Organisers never publish: "submit" asks staff to review
// (pending); staff publish, hide or reject elsewhere. Saving keeps the status, so rewording a published item keeps
// it published (see the note on schedule changes in events.server.ts).

/** The two buttons of an organiser form: keep the status, or ask staff to review. */
export const SAVE_INTENTS = ["save", "submit"] as const;
export type SaveIntent = (typeof SAVE_INTENTS)[number];

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

/** What saving an item gives back: its id and status, or errors per field (the form shows them). */
export type SaveResult = { ok: true; id: number; status: string } | { ok: false; fieldErrors: Record<string, string[]> };
