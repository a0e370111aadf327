import type { Prisma } from "~/generated/prisma/client";

// What "public" means, in one place. An item is public when it is published and its group is approved; a date or
// shift is public when its event or opening is. Every public surface (lists, detail pages, related items, the map,
// search documents, feeds, calendar files, the sitemap, photos, participation, later open data) asks here, so a
// staff decision (hide, reject, suspend a group) reaches all of them at once.

/** Statuses of a place, event or opening. Organisers move items between draft, pending and archived; staff publish, reject and hide. */
export const ITEM_STATUS = {
  draft: "draft",
  pending: "pending",
  published: "published",
  closed: "closed",
  archived: "archived",
  hidden: "hidden",
  rejected: "rejected",
} as const;
export type ItemStatus = (typeof ITEM_STATUS)[keyof typeof ITEM_STATUS];

/** Group lifecycle: staff approve, reject or suspend; nothing a group publishes is public unless it is approved. */
export const GROUP_STATUS = {
  pending: "pending",
  approved: "approved",
  rejected: "rejected",
  suspended: "suspended",
} as const;

/** The kinds of content that have a public life of their own. */
export type PublicKind = "place" | "event" | "opening";

const PUBLIC_GROUP = { status: GROUP_STATUS.approved } as const;

type PublicWhere = {
  place: Prisma.PlaceWhereInput;
  event: Prisma.EventWhereInput;
  opening: Prisma.OpeningWhereInput;
};

/** The Prisma filter that keeps only public rows of a kind; combine it with the surface's own conditions. */
export function publicWhere<K extends PublicKind>(kind: K): PublicWhere[K] {
  void kind;
  return { status: ITEM_STATUS.published, group: PUBLIC_GROUP } as PublicWhere[K];
}

/** Dates of public events. */
export function publicEventDateWhere(): Prisma.EventDateWhereInput {
  return { event: publicWhere("event") };
}

/** Shifts of public openings. */
export function publicShiftWhere(): Prisma.ShiftWhereInput {
  return { opening: publicWhere("opening") };
}

/**
 * The same rule as SQL, for the few hot paths written as plain queries: `item` and `group` are the aliases of the
 * item's and its group's tables in the caller's query (portable SQL: SQLite and PostgreSQL alike).
 */
export function publicSql(item: string, group: string): string {
  return `${item}."status" = '${ITEM_STATUS.published}' AND ${group}."status" = '${GROUP_STATUS.approved}'`;
}

/** For rows already read: is this item public? (e.g. the place an event points to). */
export function isPublic(row: { status: string; group: { status: string } | null }): boolean {
  return row.status === ITEM_STATUS.published && row.group?.status === GROUP_STATUS.approved;
}
