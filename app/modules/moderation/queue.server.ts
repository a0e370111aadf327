import { prisma } from "~/utils/db.server";
import { idFrom } from "~/utils/ids";
import { GROUP_STATUS, ITEM_STATUS, PUBLIC_KINDS, type PublicKind } from "~/modules/publishing/visibility";
import { REVISION_STATUS } from "~/modules/publishing/revisions.server";
import type { HeldChange } from "~/modules/publishing/edit-policy";
import type { DecisionTarget } from "./decisions.server";
import type { QueueKind } from "./queue-kinds";
import { listPendingSubmissions } from "~/modules/translation/community.server";

// The review queue: everything that waits for staff, oldest first. New and resubmitted items (status pending), new
// groups, and held edits of published items. Filters narrow by kind, area and group.


export type QueueEntry = {
  /** "place:12", "group:3", "revision:7": the bulk form's values and the entry's address. */
  key: string;
  target: DecisionTarget;
  kind: QueueKind;
  /** For an edit: the kind of item it changes. */
  itemKind: PublicKind | "group";
  itemId: number;
  title: string;
  group: { id: number; name: string };
  areaId: number | null;
  waitingSince: Date;
  /** Held fields of an edit (names for the list). */
  fields: string[];
  /** A group whose earlier items staff published and never had to refuse or hide. */
  trusted: boolean;
  /** For a translation: the language it is in. */
  locale?: string;
};

export type QueueFilter = { kind?: QueueKind | null; areaId?: number | null; groupId?: number | null };

/** Published items with no refusal and no hidden item: bulk approval is offered for these groups. */
export const TRUSTED_AFTER_PUBLISHED = 3;

const itemSelect = { id: true, areaId: true, updatedAt: true, group: { select: { id: true, name: true } } } as const;

async function pendingItems(kind: PublicKind, filter: QueueFilter) {
  const where = { status: ITEM_STATUS.pending, ...(filter.areaId ? { areaId: filter.areaId } : {}), ...(filter.groupId ? { groupId: filter.groupId } : {}) };
  switch (kind) {
    case "place":
      return (await prisma.place.findMany({ where, select: { ...itemSelect, name: true } })).map((r) => ({ ...r, title: r.name }));
    case "event":
      return prisma.event.findMany({ where, select: { ...itemSelect, title: true } });
    case "opening":
      return prisma.opening.findMany({ where, select: { ...itemSelect, title: true } });
  }
}

async function itemTitles(kind: PublicKind, ids: number[]) {
  if (!ids.length) return new Map<number, { title: string; areaId: number | null; group: { id: number; name: string } }>();
  const select = { id: true, areaId: true, group: { select: { id: true, name: true } } } as const;
  const rows =
    kind === "place"
      ? (await prisma.place.findMany({ where: { id: { in: ids } }, select: { ...select, name: true } })).map((r) => ({ ...r, title: r.name }))
      : kind === "event"
        ? await prisma.event.findMany({ where: { id: { in: ids } }, select: { ...select, title: true } })
        : await prisma.opening.findMany({ where: { id: { in: ids } }, select: { ...select, title: true } });
  return new Map(rows.map((r) => [r.id, r]));
}

async function trustedGroups(groupIds: number[]): Promise<Set<number>> {
  if (!groupIds.length) return new Set();
  const counts = new Map<number, { published: number; refused: number }>();
  for (const kind of PUBLIC_KINDS) {
    const where = { groupId: { in: groupIds }, status: { in: [ITEM_STATUS.published, ITEM_STATUS.rejected, ITEM_STATUS.hidden] } };
    const rows =
      kind === "place"
        ? await prisma.place.groupBy({ by: ["groupId", "status"], where, _count: { _all: true } })
        : kind === "event"
          ? await prisma.event.groupBy({ by: ["groupId", "status"], where, _count: { _all: true } })
          : await prisma.opening.groupBy({ by: ["groupId", "status"], where, _count: { _all: true } });
    for (const row of rows) {
      const c = counts.get(row.groupId) ?? { published: 0, refused: 0 };
      if (row.status === ITEM_STATUS.published) c.published += row._count._all;
      else c.refused += row._count._all;
      counts.set(row.groupId, c);
    }
  }
  return new Set([...counts].filter(([, c]) => c.published >= TRUSTED_AFTER_PUBLISHED && c.refused === 0).map(([id]) => id));
}

export async function listReviewQueue(filter: QueueFilter = {}): Promise<QueueEntry[]> {
  const wants = (kind: QueueKind) => !filter.kind || filter.kind === kind;
  const entries: Omit<QueueEntry, "trusted">[] = [];
  for (const kind of PUBLIC_KINDS) {
    if (!wants(kind)) continue;
    for (const row of await pendingItems(kind, filter)) {
      entries.push({
        key: `${kind}:${row.id}`,
        target: { kind, id: row.id },
        kind,
        itemKind: kind,
        itemId: row.id,
        title: row.title,
        group: row.group,
        areaId: row.areaId,
        waitingSince: row.updatedAt,
        fields: [],
      });
    }
  }
  if (wants("group")) {
    const groups = await prisma.group.findMany({
      where: { status: GROUP_STATUS.pending, ...(filter.areaId ? { areaId: filter.areaId } : {}), ...(filter.groupId ? { id: filter.groupId } : {}) },
      select: { id: true, name: true, areaId: true, createdAt: true },
    });
    for (const g of groups) {
      entries.push({ key: `group:${g.id}`, target: { kind: "group", id: g.id }, kind: "group", itemKind: "group", itemId: g.id, title: g.name, group: g, areaId: g.areaId, waitingSince: g.createdAt, fields: [] });
    }
  }
  if (wants("edit")) {
    const revisions = await prisma.revision.findMany({
      where: { status: REVISION_STATUS.pending, ...(filter.groupId ? { groupId: filter.groupId } : {}) },
      select: { id: true, entityType: true, entityId: true, changes: true, updatedAt: true },
    });
    for (const kind of PUBLIC_KINDS) {
      const mine = revisions.filter((r) => r.entityType === kind);
      const items = await itemTitles(kind, mine.map((r) => r.entityId));
      for (const r of mine) {
        const item = items.get(r.entityId);
        if (!item || (filter.areaId && item.areaId !== filter.areaId)) continue;
        entries.push({
          key: `revision:${r.id}`,
          target: { kind: "revision", id: r.id },
          kind: "edit",
          itemKind: kind,
          itemId: r.entityId,
          title: item.title,
          group: item.group,
          areaId: item.areaId,
          waitingSince: r.updatedAt,
          fields: (JSON.parse(r.changes) as HeldChange[]).map((c) => c.field),
        });
      }
    }
  }
  if (wants("translation")) {
    for (const s of await listPendingSubmissions()) {
      if (filter.areaId && s.areaId !== filter.areaId) continue;
      if (filter.groupId && s.group.id !== filter.groupId) continue;
      entries.push({
        key: `translation:${s.id}`,
        target: { kind: "translation", id: s.id },
        kind: "translation",
        itemKind: s.kind,
        itemId: s.itemId,
        title: s.title,
        group: s.group,
        areaId: s.areaId,
        waitingSince: s.createdAt,
        fields: [],
        locale: s.locale,
      });
    }
  }
  const trusted = await trustedGroups([...new Set(entries.map((e) => e.group.id))]);
  return entries
    .map((e) => ({ ...e, trusted: trusted.has(e.group.id) }))
    .sort((a, b) => a.waitingSince.getTime() - b.waitingSince.getTime() || a.key.localeCompare(b.key));
}

/** The queue narrowed by kind, area and group, in memory: the page lists the whole queue for its filter choices anyway. */
export function filterQueue(entries: QueueEntry[], filter: QueueFilter): QueueEntry[] {
  return entries.filter(
    (e) => (!filter.kind || e.kind === filter.kind) && (!filter.areaId || e.areaId === filter.areaId) && (!filter.groupId || e.group.id === filter.groupId),
  );
}

/** "place:12" → a decision target; anything else → null. */
export function parseQueueKey(value: unknown): DecisionTarget | null {
  if (typeof value !== "string") return null;
  const m = /^(place|event|opening|group|revision|translation):(\d+)$/.exec(value);
  const id = idFrom(m?.[2]);
  return m && id !== null ? { kind: m[1] as DecisionTarget["kind"], id } : null;
}

/** Groups with something waiting, for the queue's group filter. */
export async function groupsWaiting(entries: QueueEntry[]) {
  const byId = new Map(entries.map((e) => [e.group.id, e.group]));
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, "ja"));
}
