import { GROUP_STATUS, ITEM_STATUS, type GroupStatus, type ItemStatus } from "./visibility";

// The lifecycle of places, events and openings (items) and of groups, as a table: which step leads from which
// statuses to which. Organisers save, submit, withdraw and archive; staff publish, reject, hide and unhide items
// and approve, reject, suspend and unsuspend groups. The steps themselves (the status write, its audit entry, the
// search reindex and the public cache drop) run in transitions.server.ts; the organiser's buttons read this same
// table, so a button is offered exactly when its step would be accepted. Saving keeps the status, so rewording a
// published item keeps it published (see the note on schedule changes in events/commands.server.ts).

/** The two buttons of an organiser form: keep the status, or ask staff to review. */
export const SAVE_INTENTS = ["save", "submit"] as const;
export type SaveIntent = (typeof SAVE_INTENTS)[number];
export const SAVE_INTENT = { save: "save", submit: "submit" } as const satisfies Record<SaveIntent, SaveIntent>;

/** What a new item starts as; only the submit step moves it on. */
export const NEW_ITEM_STATUS: ItemStatus = ITEM_STATUS.draft;

type Step<S> = { from: readonly S[]; to: S };
const { draft, pending, published, closed, archived, hidden, rejected } = ITEM_STATUS;

export const ITEM_TRANSITIONS = {
  /** Ask staff to review: a draft, an archived item listed again, or a rejected one after changes. */
  submit: { from: [draft, archived, rejected], to: pending },
  /** A pending item is taken back to draft before staff look at it. */
  withdraw: { from: [pending], to: draft },
  /** Hidden items wait for staff: archiving must not become a way round their decision. */
  archive: { from: [draft, pending, published, closed, rejected], to: archived },
  publish: { from: [pending], to: published },
  reject: { from: [pending], to: rejected },
  hide: { from: [published], to: hidden },
  unhide: { from: [hidden], to: published },
} as const satisfies Record<string, Step<ItemStatus>>;
export type ItemTransition = keyof typeof ITEM_TRANSITIONS;

/** The steps a group member may take on the group's own items; the rest are staff decisions. */
export const ORGANISER_ITEM_TRANSITIONS = ["submit", "withdraw", "archive"] as const satisfies readonly ItemTransition[];
export type OrganiserItemTransition = (typeof ORGANISER_ITEM_TRANSITIONS)[number];

export const GROUP_TRANSITIONS = {
  approve: { from: [GROUP_STATUS.pending], to: GROUP_STATUS.approved },
  reject: { from: [GROUP_STATUS.pending], to: GROUP_STATUS.rejected },
  suspend: { from: [GROUP_STATUS.approved], to: GROUP_STATUS.suspended },
  unsuspend: { from: [GROUP_STATUS.suspended], to: GROUP_STATUS.approved },
} as const satisfies Record<string, Step<GroupStatus>>;
export type GroupTransition = keyof typeof GROUP_TRANSITIONS;

/** Decisions that reach an organiser as a refusal say why (shown to the group, kept with the decision). */
export const REASON_REQUIRED: ReadonlySet<ItemTransition | GroupTransition> = new Set(["reject", "hide", "suspend"]);

export function canTransitionItem(step: ItemTransition, status: string): boolean {
  return (ITEM_TRANSITIONS[step].from as readonly string[]).includes(status);
}

export function canTransitionGroup(step: GroupTransition, status: string): boolean {
  return (GROUP_TRANSITIONS[step].from as readonly string[]).includes(status);
}

export function isOrganiserItemTransition(value: unknown): value is OrganiserItemTransition {
  return (ORGANISER_ITEM_TRANSITIONS as readonly unknown[]).includes(value);
}

export const canSubmit = (status: string) => canTransitionItem("submit", status);
export const canArchive = (status: string) => canTransitionItem("archive", status);
export const canWithdraw = (status: string) => canTransitionItem("withdraw", status);

/** What saving an item gives back: its id and status, or errors per field (the form shows them). */
export type SaveResult = { ok: true; id: number; status: string } | { ok: false; fieldErrors: Record<string, string[]> };
