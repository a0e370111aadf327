// Shared by the queue's server code and its filter form (which the browser renders too).

/** What the review queue holds: new or resubmitted items, new groups, and held edits of published items. */
export const QUEUE_KINDS = ["place", "event", "opening", "group", "edit"] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];
