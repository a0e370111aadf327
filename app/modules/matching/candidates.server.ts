import { prisma } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { publicCacheEpoch } from "~/utils/cache.server";
import { tokyoSlot } from "~/utils/dates";
import { splitCodes } from "~/modules/listing/codes";
import { publicWhere } from "~/modules/publishing/visibility";
import { nextOccurrences } from "~/modules/schedule/recurrence";
import { getTaxonomy } from "~/modules/taxonomy/taxonomy.server";
import { DEFAULT_LOCALE } from "~/modules/i18n/config";
import { bandOfMinute, splitSkills } from "./answers";
import { CHILD_AND_FAMILY_AUDIENCES, COURSE_WORDS, HELPER_WORDS, LEARNING_CATEGORY, OUTDOOR_WORDS } from "./constants";
import type { Candidate, CandidateTime, ItemKey, ItemKind, Weekday } from "./types";
import { itemKey } from "./types";

// Everything that can be proposed, read once and kept: published openings with open shifts ahead (or ongoing),
// published events with scheduled dates ahead, published places with their regular hours. Every personal page ranks
// this same list, so it is built once per process and reloaded when the public caches are emptied (any publishing
// step, application or registration calls invalidatePublicCache, which changes the cache epoch here and in the other
// server processes) or after PUBLIC_CACHE_TTL_MS at the latest (times pass; another machine may have written).

/** A candidate with what a page shows of it before translation (Japanese, the source language). */
export interface PoolItem extends Candidate {
  title: string;
  summary: string;
  groupName: string;
}

export interface CandidatePool {
  items: PoolItem[];
  byKey: Map<ItemKey, PoolItem>;
  /** Distance between two areas' centres (haversine, km); null when either has no centre. */
  areaDistanceKm: (a: number, b: number) => number | null;
  loadedAt: Date;
}

/** Upcoming times kept per item: enough to find one that fits a resident's week, few enough to stay small. */
const TIMES_PER_ITEM = 8;
/** A place's regular hours are read this far ahead. */
const PLACE_HORIZON_DAYS = 70;
/** Audiences whose activities children can come along to. */
const CHILD_AUDIENCES = new Set(["children", "parenting", "multigenerational"]);

const EARTH_KM = 6371;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance between two points (km). */
export function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The distance function of the ranking for a list of areas (memoised per pair). */
export function areaDistances(areas: readonly { id: number; lat: number | null; lng: number | null }[]) {
  const centre = new Map(areas.filter((a) => a.lat != null && a.lng != null).map((a) => [a.id, { lat: a.lat!, lng: a.lng! }]));
  const memo = new Map<string, number | null>();
  return (a: number, b: number): number | null => {
    const key = a < b ? `${a}:${b}` : `${b}:${a}`;
    let km = memo.get(key);
    if (km === undefined) {
      const ca = centre.get(a);
      const cb = centre.get(b);
      km = ca && cb ? haversineKm(ca, cb) : null;
      memo.set(key, km);
    }
    return km;
  };
}

function timeOf(startsAt: Date): CandidateTime {
  const { weekday, startMinute } = tokyoSlot(startsAt);
  return { startsAt, weekday: weekday as Weekday, band: bandOfMinute(startMinute) };
}

const isOutdoors = (...texts: string[]) => OUTDOOR_WORDS.some((word) => texts.some((t) => t.includes(word)));
const hasFee = (feeKind: string) => feeKind === "paid" || feeKind === "partlyFree";
const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
const childFriendly = (audiences: { slug: string }[]) => audiences.some((a) => CHILD_AUDIENCES.has(a.slug));
const forFamilies = (audiences: { slug: string }[]) => audiences.length > 0 && audiences.every((a) => (CHILD_AND_FAMILY_AUDIENCES as readonly string[]).includes(a.slug));
/** An event's categories, with the learning one added when it is a course (COURSE_WORDS). */
const eventCategories = (title: string, categories: { id: number }[], learningId: number | null) =>
  learningId !== null && COURSE_WORDS.some((word) => title.includes(word)) ? [...new Set([...ids(categories), learningId])] : ids(categories);
const forHelpers = (title: string) => HELPER_WORDS.some((word) => title.includes(word));
const taxonomySelect = { select: { id: true, slug: true } } as const;

async function loadOpenings(now: Date): Promise<PoolItem[]> {
  const rows = await prisma.opening.findMany({
    where: { AND: [publicWhere("opening"), { OR: [{ applyBy: null }, { applyBy: { gte: now } }] }] },
    select: {
      id: true,
      groupId: true,
      title: true,
      summary: true,
      areaId: true,
      participationMode: true,
      skills: true,
      languages: true,
      beginnerFriendly: true,
      schoolFriendly: true,
      ongoing: true,
      systemKey: true,
      publishedAt: true,
      _count: { select: { shifts: true } },
      place: { select: { areaId: true } },
      group: { select: { name: true, areaId: true } },
      categories: taxonomySelect,
      audiences: taxonomySelect,
      shifts: {
        where: { status: "open", OR: [{ startsAt: { gte: now } }, { endsAt: null }] },
        select: { startsAt: true, endsAt: true, slots: true, acceptedCount: true },
        orderBy: { startsAt: "asc" },
      },
    },
  });
  const items: PoolItem[] = [];
  for (const o of rows) {
    const left = (s: { slots: number | null; acceptedCount: number }) => (s.slots == null ? null : s.slots - s.acceptedCount);
    const open = o.shifts.filter((s) => (left(s) ?? 1) > 0);
    const dated = open.filter((s) => s.endsAt !== null && s.startsAt >= now);
    const endless = open.find((s) => s.endsAt === null);
    // Joined without dates: an ongoing opening, one with no shifts at all (nothing says it is over), or one the council
    // keeps (translation: done online, its shifts only record credited work).
    const openEnded = o.ongoing || o.systemKey !== null || o._count.shifts === 0;
    // Nothing to join: every dated shift past or full.
    if (!openEnded && dated.length === 0) continue;
    const first = dated[0] ?? endless;
    // An ongoing opening whose open-ended shift is full has no place left.
    const placesLeft = first ? left(first) : o.shifts.some((s) => s.endsAt === null) ? 0 : null;
    items.push({
      kind: "opening",
      id: o.id,
      groupId: o.groupId,
      title: o.title,
      summary: o.summary,
      groupName: o.group.name,
      categoryIds: ids(o.categories),
      audienceIds: ids(o.audiences),
      skills: splitSkills(o.skills),
      words: `${o.title} ${o.summary}`.normalize("NFKC").toLowerCase(),
      areaId: o.areaId ?? o.place?.areaId ?? o.group.areaId,
      mode: o.participationMode,
      languages: splitCodes(o.languages),
      beginnerFriendly: o.beginnerFriendly,
      // Ongoing openings and ones with several dates ahead can be joined again and again.
      regular: openEnded || dated.length >= 3,
      childFriendly: o.schoolFriendly || childFriendly(o.audiences),
      hasFee: false,
      outdoors: isOutdoors(o.title, o.summary),
      times: dated.slice(0, TIMES_PER_ITEM).map((s) => timeOf(s.startsAt)),
      placesLeft: openEnded && !o.ongoing ? null : placesLeft,
      publishedAt: o.publishedAt,
    });
  }
  return items;
}

async function loadEvents(now: Date, learningId: number | null): Promise<PoolItem[]> {
  const rows = await prisma.event.findMany({
    where: { AND: [publicWhere("event"), { dates: { some: { status: "scheduled", startsAt: { gte: now } } } }] },
    // In a fixed order, whatever plan SQLite picks: the first listing of a course held at several venues is the one
    // the others point at (loadCandidatePool).
    orderBy: { id: "asc" },
    select: {
      id: true,
      groupId: true,
      title: true,
      summary: true,
      areaId: true,
      onlineUrl: true,
      feeKind: true,
      capacity: true,
      languages: true,
      beginnerFriendly: true,
      recurrenceRule: true,
      placeId: true,
      publishedAt: true,
      place: { select: { areaId: true } },
      group: { select: { name: true, areaId: true } },
      categories: taxonomySelect,
      audiences: taxonomySelect,
      dates: {
        where: { status: "scheduled", startsAt: { gte: now } },
        select: { startsAt: true, capacity: true, registeredCount: true },
        orderBy: { startsAt: "asc" },
        take: TIMES_PER_ITEM * 2,
      },
    },
  });
  return rows.map((e) => {
    const left = (d: { capacity: number | null; registeredCount: number }) => {
      const capacity = d.capacity ?? e.capacity;
      return capacity == null ? null : capacity - d.registeredCount;
    };
    const open = e.dates.filter((d) => (left(d) ?? 1) > 0);
    return {
      kind: "event" as const,
      id: e.id,
      groupId: e.groupId,
      title: e.title,
      summary: e.summary,
      groupName: e.group.name,
      categoryIds: eventCategories(e.title, e.categories, learningId),
      audienceIds: ids(e.audiences),
      skills: [],
      areaId: e.areaId ?? e.place?.areaId ?? e.group.areaId,
      mode: e.onlineUrl ? "online" : "in-person",
      languages: splitCodes(e.languages),
      beginnerFriendly: e.beginnerFriendly,
      regular: e.recurrenceRule !== "",
      // A series held at a place is that place's regular meeting (ふれあいサロン, 百歳体操): one activity, two pages.
      sameActivityAs: e.recurrenceRule !== "" && e.placeId !== null ? itemKey("place", e.placeId) : undefined,
      childFriendly: childFriendly(e.audiences),
      forFamilies: forFamilies(e.audiences),
      forHelpers: forHelpers(e.title),
      hasFee: hasFee(e.feeKind),
      outdoors: isOutdoors(e.title, e.summary),
      times: open.slice(0, TIMES_PER_ITEM).map((d) => timeOf(d.startsAt)),
      placesLeft: open.length === 0 ? 0 : left(open[0]!),
      publishedAt: e.publishedAt,
    };
  });
}

async function loadPlaces(now: Date): Promise<PoolItem[]> {
  const rows = await prisma.place.findMany({
    where: publicWhere("place"),
    select: {
      id: true,
      groupId: true,
      name: true,
      summary: true,
      areaId: true,
      feeKind: true,
      languages: true,
      beginnerFriendly: true,
      scheduleRule: true,
      scheduleStart: true,
      scheduleEnd: true,
      skipHolidays: true,
      publishedAt: true,
      group: { select: { name: true, areaId: true } },
      categories: taxonomySelect,
      audiences: taxonomySelect,
    },
  });
  const until = new Date(now.getTime() + PLACE_HORIZON_DAYS * 86_400_000);
  // Many places share a schedule (毎週火・木 10:00, 第2・第4水曜 …), and its dates do not depend on the place: each
  // distinct schedule is expanded once.
  const expanded = new Map<string, CandidateTime[]>();
  const timesOf = (schedule: { rule: string; startTime: string; endTime: string; skipHolidays: boolean }) => {
    const key = `${schedule.rule}|${schedule.startTime}|${schedule.endTime}|${schedule.skipHolidays}`;
    let times = expanded.get(key);
    if (!times) {
      times = nextOccurrences(schedule, now, TIMES_PER_ITEM, PLACE_HORIZON_DAYS)
        .filter((o) => o.startsAt < until)
        .map((o) => timeOf(o.startsAt));
      expanded.set(key, times);
    }
    return times;
  };
  return rows.map((p) => {
    const schedule = { rule: p.scheduleRule, startTime: p.scheduleStart, endTime: p.scheduleEnd, skipHolidays: p.skipHolidays };
    const times = p.scheduleRule ? timesOf(schedule) : [];
    return {
      kind: "place" as const,
      id: p.id,
      groupId: p.groupId,
      title: p.name,
      summary: p.summary,
      groupName: p.group.name,
      categoryIds: ids(p.categories),
      audienceIds: ids(p.audiences),
      skills: [],
      areaId: p.areaId ?? p.group.areaId,
      mode: "in-person",
      languages: splitCodes(p.languages),
      beginnerFriendly: p.beginnerFriendly,
      regular: true,
      childFriendly: childFriendly(p.audiences),
      forFamilies: forFamilies(p.audiences),
      hasFee: hasFee(p.feeKind),
      outdoors: isOutdoors(p.name, p.summary),
      times,
      placesLeft: null,
      publishedAt: p.publishedAt,
    };
  });
}

/** Reads every candidate from the database (no cache): openings, then events, then places. */
export async function loadCandidatePool(now = new Date()): Promise<CandidatePool> {
  // Areas' centres and the learning category's id come from the taxonomy (kept in memory for a minute).
  const { areas, categories } = await getTaxonomy(DEFAULT_LOCALE);
  const learningId = categories.find((c) => c.slug === LEARNING_CATEGORY)?.id ?? null;
  const [openings, events, places] = await Promise.all([loadOpenings(now), loadEvents(now, learningId), loadPlaces(now)]);
  // The same course or gathering held at another venue (「はじめての手話教室」 and 「はじめての手話教室（北公民館）」) is
  // one proposal, not two: the list shows whichever ranks first for the resident (the nearer one, usually).
  const firstOfTitle = new Map<string, PoolItem>();
  for (const event of events) {
    const base = `${event.title.replace(/[（(][^）)]*[）)]\s*$/, "").trim()}`;
    const first = firstOfTitle.get(base);
    if (!first) firstOfTitle.set(base, event);
    else if (event.sameActivityAs === undefined) event.sameActivityAs = itemKey("event", first.id);
  }
  const items = [...openings, ...events, ...places];
  return { items, byKey: new Map(items.map((i) => [itemKey(i.kind, i.id), i])), areaDistanceKm: areaDistances(areas), loadedAt: now };
}

type PoolEntry = { epoch: number; at: number; pool: Promise<CandidatePool> };
let cached: PoolEntry | null = null;
/** A fresh copy being read while the current one, only older than the TTL, keeps answering. */
let refreshing: PoolEntry | null = null;

function read(epoch: number, at: number, now: Date): PoolEntry {
  const entry = { epoch, at, pool: loadCandidatePool(now) };
  // A failed read must not be served again.
  entry.pool.catch(() => {
    if (cached === entry) cached = null;
  });
  return entry;
}

/**
 * The candidates, from this process's copy while it is current: the same public-cache epoch (no publishing step,
 * application or registration since) and younger than PUBLIC_CACHE_TTL_MS. After a write the next page waits for a
 * fresh read; a copy that is only older than the TTL keeps answering while the fresh one is read in the background
 * (reading 10,000 items takes most of a second, which every personal page would otherwise wait for, twice a minute).
 * With the TTL at 0 (the loader tests) it is read afresh each time.
 */
export function getCandidatePool(now = new Date()): Promise<CandidatePool> {
  const ttl = getEnv().PUBLIC_CACHE_TTL_MS;
  const epoch = publicCacheEpoch();
  const at = Date.now();
  if (cached && ttl > 0 && cached.epoch === epoch) {
    if (at - cached.at < ttl) return cached.pool;
    if (!refreshing) {
      const entry = read(epoch, at, now);
      refreshing = entry;
      entry.pool.then(
        () => {
          // Kept only if no write came meanwhile (a write's own fresh read wins).
          if (cached?.epoch === entry.epoch) cached = entry;
          if (refreshing === entry) refreshing = null;
        },
        () => {
          if (refreshing === entry) refreshing = null;
        },
      );
    }
    return cached.pool;
  }
  cached = read(epoch, at, now);
  return cached.pool;
}

export const poolKinds = (pool: CandidatePool, kinds: readonly ItemKind[]) => pool.items.filter((i) => kinds.includes(i.kind));
