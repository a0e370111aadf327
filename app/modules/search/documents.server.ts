import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { prisma as appPrisma } from "~/utils/db.server";
import { foldForSearch } from "./normalize";
import { getTokenizer, readingOf } from "./reading.server";
import { invalidatePublicCache } from "~/utils/cache.server";
import { PUBLIC_CHECK_SELECT, publicOrNull, publicWhere, type PublicKind } from "~/modules/publishing/visibility";

// Keeps SearchDocument current. Call `indexItem` after every write to a place, event or opening (and after its
// group's status changes: indexGroupItems): public items are (re)indexed, anything not public is removed from the
// index. Lifecycle steps (publish, hide, suspend a group…) call these from publishing/transitions.server.ts.

export type SearchableType = PublicKind;
type Db = PrismaClient | Prisma.TransactionClient;

type Doc = { title: string; parts: string[]; readingSource: string; areaId: number | null } | null;

async function placeDoc(db: Db, id: number): Promise<Doc> {
  const p = await db.place.findFirst({
    where: { id, ...publicWhere("place") },
    select: { name: true, nameKana: true, summary: true, description: true, address: true, showAreaOnly: true, access: true, areaId: true, type: { select: { name: true } }, area: { select: { name: true } }, group: { select: { name: true } } },
  });
  if (!p) return null;
  return {
    title: p.name,
    // An "area only" place is never findable by its street address.
    parts: [p.name, p.nameKana, p.summary, p.description, p.type.name, p.area?.name ?? "", p.group.name, p.showAreaOnly ? "" : p.address, p.access],
    readingSource: `${p.name} ${p.summary}`,
    areaId: p.areaId,
  };
}

async function eventDoc(db: Db, id: number): Promise<Doc> {
  const e = await db.event.findFirst({
    where: { id, ...publicWhere("event") },
    select: { title: true, titleKana: true, summary: true, description: true, venueName: true, areaId: true, area: { select: { name: true } }, group: { select: { name: true } }, place: { select: { name: true, ...PUBLIC_CHECK_SELECT } } },
  });
  if (!e) return null;
  return {
    title: e.title,
    // The event page names its place only while the place is public; search must not find it by a hidden one.
    parts: [e.title, e.titleKana, e.summary, e.description, e.venueName, publicOrNull(e.place)?.name ?? "", e.area?.name ?? "", e.group.name],
    readingSource: `${e.title} ${e.summary}`,
    areaId: e.areaId,
  };
}

async function openingDoc(db: Db, id: number): Promise<Doc> {
  const o = await db.opening.findFirst({
    where: { id, ...publicWhere("opening") },
    select: { title: true, titleKana: true, summary: true, description: true, purpose: true, skills: true, venueName: true, areaId: true, area: { select: { name: true } }, group: { select: { name: true } } },
  });
  if (!o) return null;
  return {
    title: o.title,
    parts: [o.title, o.titleKana, o.summary, o.description, o.purpose, o.skills, o.venueName, o.area?.name ?? "", o.group.name],
    readingSource: `${o.title} ${o.summary} ${o.skills}`,
    areaId: o.areaId,
  };
}

const BUILDERS: Record<SearchableType, (db: Db, id: number) => Promise<Doc>> = { place: placeDoc, event: eventDoc, opening: openingDoc };

/**
 * Loads the reading dictionary (a second or more, once per process) before a caller opens a transaction that
 * reindexes, so the transaction does not hold SQLite's write lock, or run out of time, while it loads.
 */
export async function prepareIndexing() {
  await getTokenizer();
}

/**
 * `indexItem`, and for a place also the events held there: an event's document names its place while the place is
 * public, so a place's rename, publication, hiding or archiving must reach them (status steps and place saves).
 */
export async function indexItemWithDependents(entityType: SearchableType, entityId: number, db: Db = appPrisma) {
  await indexItem(entityType, entityId, db);
  if (entityType !== "place") return;
  for (const e of await db.event.findMany({ where: { placeId: entityId }, select: { id: true } })) await indexItem("event", e.id, db);
}

export async function indexItem(entityType: SearchableType, entityId: number, db: Db = appPrisma) {
  // Every write to a public item passes here, so this is where cached public pages are dropped too.
  invalidatePublicCache();
  const doc = await BUILDERS[entityType](db, entityId);
  if (!doc) {
    await db.searchDocument.deleteMany({ where: { entityType, entityId } });
    return;
  }
  const data = {
    title: doc.title,
    text: foldForSearch(doc.parts.filter(Boolean).join(" ")),
    reading: await readingOf(doc.readingSource),
    areaId: doc.areaId,
  };
  await db.searchDocument.upsert({ where: { entityType_entityId: { entityType, entityId } }, create: { entityType, entityId, ...data }, update: data });
}

/**
 * Re-indexes every place, event and opening of a group: after its status changes (its items appear or vanish
 * together) or its name or area does (they are part of each item's document).
 */
export async function indexGroupItems(groupId: number, db: Db = appPrisma) {
  const where = { groupId };
  const [places, events, openings] = await Promise.all([
    db.place.findMany({ where, select: { id: true } }),
    db.event.findMany({ where, select: { id: true } }),
    db.opening.findMany({ where, select: { id: true } }),
  ]);
  for (const p of places) await indexItem("place", p.id, db);
  for (const e of events) await indexItem("event", e.id, db);
  for (const o of openings) await indexItem("opening", o.id, db);
}

/** Re-indexes every place, event and opening (after seeding, or to repair the index). */
export async function rebuildSearchIndex(db: PrismaClient = appPrisma) {
  await db.searchDocument.deleteMany({});
  const [places, events, openings] = await Promise.all([
    db.place.findMany({ select: { id: true } }),
    db.event.findMany({ select: { id: true } }),
    db.opening.findMany({ select: { id: true } }),
  ]);
  const jobs: [SearchableType, number][] = [
    ...places.map((p) => ["place", p.id] as [SearchableType, number]),
    ...events.map((e) => ["event", e.id] as [SearchableType, number]),
    ...openings.map((o) => ["opening", o.id] as [SearchableType, number]),
  ];
  for (const [type, id] of jobs) await indexItem(type, id, db);
  return jobs.length;
}
