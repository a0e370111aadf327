import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { prisma as appPrisma } from "~/utils/db.server";
import { foldForSearch, romanize } from "./normalize";
import { DEFAULT_LOCALE } from "~/modules/i18n/config";
import { readingOf, readingsReady } from "./reading.server";
import { invalidatePublicCache, type Reach, type Touched } from "~/utils/cache.server";
import { PUBLIC_CHECK_SELECT, publicOrNull, publicWhere, type PublicKind } from "~/modules/publishing/visibility";

// Keeps SearchDocument current. Call `indexItem` after every write to a place, event or opening (and after its
// group's status changes: indexGroupItems): public items are (re)indexed, anything not public is removed from the
// index. Lifecycle steps (publish, hide, suspend a group…) call these from publishing/transitions.server.ts.

export type SearchableType = PublicKind;
type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Rows of Translation whose approved values (English, …) become searchable words of a document: every field of the
 * item itself, only the name of what it is filed under (an area's long description would make every item of the
 * area match each word of it).
 */
type TranslationRef = { entityType: string; ids: number[]; nameOnly?: boolean };

type Doc = {
  title: string;
  parts: string[];
  /** Kana names (nameKana, the group's) romanised, so "Wakaba" finds わかば. */
  kana: string[];
  translations: TranslationRef[];
  areaId: number | null;
  /** Other items whose own pages show this one: an event's place lists its coming dates. */
  shownOn?: Touched;
} | null;

const NAMED = { select: { id: true, name: true } } as const;
const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
const names = (rows: { name: string }[]) => rows.map((r) => r.name);

async function placeDoc(db: Db, id: number): Promise<Doc> {
  const p = await db.place.findFirst({
    where: { id, ...publicWhere("place") },
    select: { name: true, nameKana: true, summary: true, description: true, address: true, showAreaOnly: true, access: true, areaId: true, typeId: true, groupId: true, type: { select: { name: true } }, categories: NAMED, area: { select: { name: true } }, group: { select: { name: true, nameKana: true } } },
  });
  if (!p) return null;
  const kinds = [p.type.name, ...names(p.categories)];
  return {
    title: p.name,
    // An "area only" place is never findable by its street address.
    parts: [p.name, p.nameKana, p.summary, p.description, ...kinds, p.area?.name ?? "", p.group.name, p.showAreaOnly ? "" : p.address, p.access],
    // The place type and categories are how residents name what they look for (「こども食堂」), whatever the name says.
    kana: [p.nameKana, p.group.nameKana],
    translations: [
      { entityType: "place", ids: [id] },
      { entityType: "place-type", ids: [p.typeId], nameOnly: true },
      { entityType: "category", ids: ids(p.categories), nameOnly: true },
      { entityType: "group", ids: [p.groupId], nameOnly: true },
      { entityType: "area", ids: p.areaId ? [p.areaId] : [], nameOnly: true },
    ],
    areaId: p.areaId,
  };
}

async function eventDoc(db: Db, id: number): Promise<Doc> {
  const e = await db.event.findFirst({
    where: { id, ...publicWhere("event") },
    select: { title: true, titleKana: true, summary: true, description: true, venueName: true, areaId: true, groupId: true, categories: NAMED, area: { select: { name: true } }, group: { select: { name: true, nameKana: true } }, placeId: true, place: { select: { name: true, ...PUBLIC_CHECK_SELECT } } },
  });
  if (!e) return null;
  const kinds = names(e.categories);
  return {
    title: e.title,
    // The event page names its place only while the place is public; search must not find it by a hidden one.
    parts: [e.title, e.titleKana, e.summary, e.description, ...kinds, e.venueName, publicOrNull(e.place)?.name ?? "", e.area?.name ?? "", e.group.name],
    kana: [e.titleKana, e.group.nameKana],
    translations: [
      { entityType: "event", ids: [id] },
      { entityType: "category", ids: ids(e.categories), nameOnly: true },
      { entityType: "group", ids: [e.groupId], nameOnly: true },
      { entityType: "area", ids: e.areaId ? [e.areaId] : [], nameOnly: true },
    ],
    areaId: e.areaId,
    shownOn: e.placeId ? [`place:${e.placeId}`] : [],
  };
}

async function openingDoc(db: Db, id: number): Promise<Doc> {
  const o = await db.opening.findFirst({
    where: { id, ...publicWhere("opening") },
    select: { title: true, titleKana: true, summary: true, description: true, purpose: true, skills: true, venueName: true, areaId: true, groupId: true, categories: NAMED, area: { select: { name: true } }, group: { select: { name: true, nameKana: true } } },
  });
  if (!o) return null;
  const kinds = names(o.categories);
  return {
    title: o.title,
    parts: [o.title, o.titleKana, o.summary, o.description, o.purpose, o.skills, ...kinds, o.venueName, o.area?.name ?? "", o.group.name],
    kana: [o.titleKana, o.group.nameKana],
    translations: [
      { entityType: "opening", ids: [id] },
      { entityType: "category", ids: ids(o.categories), nameOnly: true },
      { entityType: "group", ids: [o.groupId], nameOnly: true },
      { entityType: "area", ids: o.areaId ? [o.areaId] : [], nameOnly: true },
    ],
    areaId: o.areaId,
  };
}

/** Approved translations (English, …) of the item and of what it is filed under, in one query. */
async function translatedWords(db: Db, refs: TranslationRef[]): Promise<string[]> {
  const wanted = refs.filter((r) => r.ids.length);
  if (!wanted.length) return [];
  const rows = await db.translation.findMany({
    where: { status: "approved", locale: { not: DEFAULT_LOCALE }, OR: wanted.map((r) => ({ entityType: r.entityType, entityId: { in: r.ids }, ...(r.nameOnly ? { field: { in: ["name", "title"] } } : {}) })) },
    select: { value: true },
  });
  // English punctuation (quotes around a name, "50%") is not something residents search by; leaving it out keeps a
  // query of a bare quote or wildcard finding nothing, as it does for Japanese text.
  return rows.map((r) => r.value.replace(/["“”\\%_*]/g, " "));
}

const BUILDERS: Record<SearchableType, (db: Db, id: number) => Promise<Doc>> = { place: placeDoc, event: eventDoc, opening: openingDoc };

/**
 * Readings ready (a dictionary loaded in a second or more, once per process, when no reading service serves it)
 * before a caller opens a transaction that reindexes, so the transaction does not hold SQLite's write lock, or run
 * out of time, while it loads.
 */
export async function prepareIndexing() {
  await readingsReady();
}

/**
 * `indexItem`, and for a place also the events held there: an event's document names its place while the place is
 * public, so a place's rename, translation, publication, hiding or archiving must reach them (status steps, place
 * saves, approved translations). For the page cache the events change only in their words (their place's name on
 * their cards and pages, and in search), not in which lists hold them: no event list filters on its place.
 */
export async function indexItemWithDependents(entityType: SearchableType, entityId: number, db: Db = appPrisma, reach: Extract<Reach, "content" | "text"> = "content") {
  await indexItem(entityType, entityId, db, reach);
  if (entityType !== "place") return;
  for (const e of await db.event.findMany({ where: { placeId: entityId }, select: { id: true } })) await indexDocument("event", e.id, db, "text", false);
}

/**
 * Rebuilds one item's search document after a write to it, and marks the cached public pages it changed stale:
 * `reach` is "content" for a write that may change where the item belongs (every list of its kind may now hold it
 * differently), "text" when the write changed only its words (publishing/edit-reach.ts).
 */
export async function indexItem(entityType: SearchableType, entityId: number, db: Db = appPrisma, reach: Extract<Reach, "content" | "text"> = "content") {
  await indexDocument(entityType, entityId, db, reach, true);
}

/** `ownWrite`: the write was to this item (not to its place), so the pages that show it (its place's) change too. */
async function indexDocument(entityType: SearchableType, entityId: number, db: Db, reach: Extract<Reach, "content" | "text">, ownWrite: boolean) {
  const doc = await BUILDERS[entityType](db, entityId);
  if (!doc) {
    await db.searchDocument.deleteMany({ where: { entityType, entityId } });
  } else {
    const body = doc.parts.filter(Boolean).join(" ");
    const words = [body, ...(await translatedWords(db, doc.translations)), ...doc.kana.filter(Boolean).flatMap(romanize)];
    const data = {
      title: doc.title,
      text: foldForSearch(words.join(" ")),
      // The reading of the whole document (type and categories included), so 子供食堂 (read こどもしょくどう) finds a
      // 子ども食堂 and a place whose type is こども食堂. Kept out of "text": a short word with kanji (料理) is scanned
      // for in "text" only, and the reading would double what that scan reads.
      reading: await readingOf(body),
      areaId: doc.areaId,
    };
    await db.searchDocument.upsert({ where: { entityType_entityId: { entityType, entityId } }, create: { entityType, entityId, ...data }, update: data });
  }
  // Every write to a public item passes here, so this is where cached public pages are marked stale too: the item's
  // own pages, the pages that show it, the lists of its kind (content) or search and the home page (text), and an
  // event's place, whose page lists its dates (the place it left links it, so that page is reached by the link).
  // After the document is written: a search rendered from here on finds the item as it now is, and one rendered
  // before is stale.
  invalidatePublicCache([`${entityType}:${entityId}`], reach);
  if (ownWrite && doc?.shownOn?.length) invalidatePublicCache(doc.shownOn, "shown");
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
