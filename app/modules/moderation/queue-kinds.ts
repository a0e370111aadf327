// Shared by the queue's server code and its filter form (which the browser renders too).

/**
 * What the review queue holds: new or resubmitted items, new groups, held edits of published items, and community
 * translations waiting for a second reader.
 */
export const QUEUE_KINDS = ["place", "event", "opening", "group", "edit", "translation"] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];
