// A small in-process cache for public, read-mostly query results (lists, search, feeds, detail pages).
//
// Why: each Prisma query costs a few milliseconds of query compilation here, and a list page runs several; on a
// 2-core machine that caps throughput long before SQLite does. Public results are the same for every visitor
// of a given URL and language, so they are kept briefly.
//
// Freshness: any write through the app calls `invalidatePublicCache()` (search indexing, participation, the
// organiser workspace), naming the items it changed when it can, which empties this process's cache at once and announces the write to the other server
// processes of this machine (server/cache-sync.js, over cluster IPC), which empty theirs. Other machines or
// instances see changes within TTL_MS. Personal data is never cached here.

import { getEnv } from "./env.server";

const MAX_ENTRIES = 2_000;
/** Memory budget of the results, counted as their JSON size (issue 13: the server stays under 400 MB). */
const MAX_BYTES = 24 * 1024 * 1024;

type Entry = { at: number; value: Promise<unknown>; bytes: number };
const store = new Map<string, Entry>();
let bytes = 0;

function forget(key: string) {
  const entry = store.get(key);
  if (!entry) return;
  store.delete(key);
  bytes -= entry.bytes;
}

declare global {
  // eslint-disable-next-line no-var
  var __tsunaguCacheEpoch: number | undefined;
  // eslint-disable-next-line no-var
  var __tsunaguTouched: Map<string, number> | undefined;
}

/**
 * What a write changed, for the page cache: the public items whose pages now show something else, as "place:3",
 * "event:12", "opening:5". Without a list (the default), every cached page is stale: a write whose reach a caller
 * cannot name must not leave any copy fresh.
 */
export type Touched = readonly `${"place" | "event" | "opening"}:${number}`[];

/**
 * How far a write that names its items reaches beyond their own pages:
 * - "content": where they belong may have changed (an edit, a cancelled date), so any list or search of their kind
 *   may now hold them, order them or describe them differently: every page that can show many items of that kind
 *   is stale (a place's edit: place lists, search, the home page; not the event or volunteer lists);
 * - "text": only their words changed (a summary, a description, their name; an event's place renamed) or their
 *   confirmation date, not where they belong (no list filters or orders on these columns): the pages that link
 *   them, search (words), the home page (recently confirmed places), feeds and the sitemap, not the lists of their
 *   kind;
 * - "shown": these items' pages show another item that changed (an event's place lists its dates): the pages that
 *   link these items, and pages with no links to read;
 * - "counts": only a number shown beside them changed (places left after a registration or an application, an
 *   application's decision): the pages that link these items and show counts (not feeds), and lists filtered on
 *   places left.
 */
export type Reach = "content" | "text" | "shown" | "counts";

/**
 * Marks in __tsunaguTouched: each item a write named (`event:12`, or `event:12#counts` when only its counts
 * changed), and a whole-portal write, a "content" write to an item of a kind (`lists:place`, `lists:event`,
 * `lists:opening`), a "text" write (`text:place`, …), a "shown" write, a "counts" write.
 */
export const MARK = { everything: "*", lists: (kind: string) => `lists:${kind}`, text: (kind: string) => `text:${kind}`, shown: "shown", counts: "counts" } as const;

/** Who hears of this process's writes: the other processes of this machine (cluster IPC), other instances (PostgreSQL). */
const announcers = new Set<(touched?: Touched, reach?: Reach) => void>();

/** After a write: this process's public caches are emptied, and the other processes are told to empty theirs. */
export function invalidatePublicCache(touched?: Touched, reach: Reach = "content") {
  dropLocalPublicCache(touched, reach);
  for (const announce of announcers) announce(touched, reach);
}

/** Empties this process's caches only: what a process does when another one announces a write. */
export function dropLocalPublicCache(touched?: Touched, reach: Reach = "content") {
  store.clear();
  bytes = 0;
  // server/page-cache.js compares a page's epoch with these: the epoch moves at every write, and each mark remembers
  // the epoch of the last write that set it.
  const epoch = (globalThis.__tsunaguCacheEpoch ?? 0) + 1;
  globalThis.__tsunaguCacheEpoch = epoch;
  const marks = (globalThis.__tsunaguTouched ??= new Map());
  const tags = !touched
    ? [MARK.everything]
    : reach === "counts"
      ? [...touched.map((item) => `${item}#counts`), MARK.counts]
      : [...touched, ...(reach === "content" || reach === "text" ? [...new Set(touched.map((item) => (reach === "content" ? MARK.lists : MARK.text)(item.split(":")[0]!)))] : [MARK.shown])];
  for (const tag of tags) marks.set(tag, epoch);
}

/**
 * A number that changes whenever the public caches are emptied (a write here or in another process): a module that
 * keeps its own longer-lived copy of public data (the matching candidates) compares it to know when to reload.
 */
export function publicCacheEpoch(): number {
  return globalThis.__tsunaguCacheEpoch ?? 0;
}

/**
 * server.mjs registers how a write reaches the other server processes: over cluster IPC to the other workers of this
 * machine (server/cache-sync.js), over PostgreSQL's NOTIFY to other instances (server/instance-sync.js). A single
 * process on SQLite registers nothing.
 */
export function onPublicCacheInvalidated(listener: (touched?: Touched, reach?: Reach) => void) {
  announcers.add(listener);
}

function sizeOf(result: unknown): number {
  try {
    // UTF-16 in memory: about two bytes a character, plus the objects around them.
    return 2 * (JSON.stringify(result)?.length ?? 0);
  } catch {
    return 64 * 1024; // not JSON (a BigInt, a cycle): counted as a large result
  }
}

export function cachedPublic<T>(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
  // PUBLIC_CACHE_TTL_MS=0 turns the cache off (the loader tests change rows directly in the database).
  const TTL_MS = getEnv().PUBLIC_CACHE_TTL_MS;
  if (TTL_MS <= 0) return load();
  const hit = store.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.value as Promise<T>;
  const value = load();
  forget(key);
  const entry: Entry = { at: now, value, bytes: 0 };
  store.set(key, entry);
  value.then(
    (result) => {
      if (store.get(key) !== entry) return;
      entry.bytes = sizeOf(result);
      bytes += entry.bytes;
      while (store.size > 0 && (bytes > MAX_BYTES || store.size > MAX_ENTRIES)) forget(store.keys().next().value!);
    },
    // A failed load must not be served from the cache.
    () => store.get(key) === entry && forget(key),
  );
  return value;
}

/** Builds a cache key from a name and JSON-able arguments (filters, locale, ids). */
export function cacheKey(name: string, ...args: unknown[]): string {
  return `${name}:${JSON.stringify(args)}`;
}
