import type { Prisma } from "~/generated/prisma/client";

// What "public" means, in one place. An item is public when it is published and its group is approved; a date or
// shift is public when its event or opening is. Every public surface (lists, detail pages, related items, the map,
// search documents, feeds, calendar files, the sitemap, photos, participation, later open data) asks here, so a
// staff decision (hide, reject, suspend a group) reaches all of them at once. The steps that change these statuses
// are in status.ts (the table) and transitions.server.ts (the writes).

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
export type GroupStatus = (typeof GROUP_STATUS)[keyof typeof GROUP_STATUS];

/** The kinds of content that have a public life of their own. */
export const PUBLIC_KINDS = ["place", "event", "opening"] as const;
export type PublicKind = (typeof PUBLIC_KINDS)[number];

export const isPublicKind = (value: string): value is PublicKind => (PUBLIC_KINDS as readonly string[]).includes(value);

/** The public list of each kind; an item's page is `<list>/<id>`. */
const PUBLIC_LISTS: Record<PublicKind, string> = { place: "/places", event: "/events", opening: "/volunteer" };

/** The public list of a kind (e.g. for a notice when the item is no longer public). */
export function publicListPath(kind: PublicKind): string {
  return PUBLIC_LISTS[kind];
}

/** The public page of an item, for links from flyers, the report form and the staff pages. */
export function publicPath(kind: PublicKind, id: number): string {
  return `${PUBLIC_LISTS[kind]}/${id}`;
}

const ITEM_PAGE = new RegExp(`^(${Object.values(PUBLIC_LISTS).join("|")})/(\\d{1,9})/?$`);
const KIND_OF_LIST = Object.fromEntries(PUBLIC_KINDS.map((k) => [PUBLIC_LISTS[k], k])) as Record<string, PublicKind>;

/** Which item's public page a path is (`/volunteer/12` → opening 12), or null for any other path. */
export function publicItemOfPath(pathname: string): { kind: PublicKind; id: number } | null {
  const m = ITEM_PAGE.exec(pathname);
  return m ? { kind: KIND_OF_LIST[m[1]!]!, id: Number(m[2]) } : null;
}

const PUBLIC_GROUP = { status: GROUP_STATUS.approved } as const;

type PublicWhere = {
  place: Prisma.PlaceWhereInput;
  event: Prisma.EventWhereInput;
  opening: Prisma.OpeningWhereInput;
};

/**
 * The Prisma filter that keeps only public rows of a kind; combine it with the surface's own conditions
 * (`{ AND: [publicWhere("place"), …] }`, or spread it next to an `id`). A fresh object each call, so callers may
 * extend it.
 */
export function publicWhere<K extends PublicKind>(kind: K): PublicWhere[K] {
  void kind;
  return { status: ITEM_STATUS.published, group: { ...PUBLIC_GROUP } } as PublicWhere[K];
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

/** What a query must select of a linked row (e.g. the place an event points to) for `isPublic` to judge it. */
export const PUBLIC_CHECK_SELECT = { status: true, group: { select: { status: true } } } as const;

/** For rows already read (select them with PUBLIC_CHECK_SELECT): is this item public? */
export function isPublic(row: { status: string; group: { status: string } | null } | null | undefined): boolean {
  return row?.status === ITEM_STATUS.published && row.group?.status === GROUP_STATUS.approved;
}

/** The row when it is public, else null: for a linked item that is shown only when public. */
export function publicOrNull<T extends { status: string; group: { status: string } | null }>(row: T | null | undefined): T | null {
  return row && isPublic(row) ? row : null;
}
