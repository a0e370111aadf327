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
 * What a write changed, for the page cache: the public items whose own pages (`/places/3`, `/events/12`, their
 * flyers and calendar files) now show something else, as "place:3", "event:12", "opening:5". Lists, search, the
 * home page and the feeds show every item, so every write makes them stale whatever it names. Without a list
 * (the default), every cached page is stale: a write whose reach a caller cannot name must not leave any copy fresh.
 */
export type Touched = readonly `${"place" | "event" | "opening"}:${number}`[];

/** Tag of whole-portal writes in __tsunaguTouched. */
export const EVERYTHING = "*";

let announce: ((touched?: Touched) => void) | undefined;

/** After a write: this process's public caches are emptied, and the other processes are told to empty theirs. */
export function invalidatePublicCache(touched?: Touched) {
  dropLocalPublicCache(touched);
  announce?.(touched);
}

/** Empties this process's caches only: what a process does when another one announces a write. */
export function dropLocalPublicCache(touched?: Touched) {
  store.clear();
  bytes = 0;
  // server/page-cache.js compares a page's epoch with these: the epoch moves at every write, and each tag (or
  // EVERYTHING) remembers the epoch of the last write that named it.
  const epoch = (globalThis.__tsunaguCacheEpoch ?? 0) + 1;
  globalThis.__tsunaguCacheEpoch = epoch;
  const marks = (globalThis.__tsunaguTouched ??= new Map());
  for (const tag of touched ?? [EVERYTHING]) marks.set(tag, epoch);
}

/**
 * A number that changes whenever the public caches are emptied (a write here or in another process): a module that
 * keeps its own longer-lived copy of public data (the matching candidates) compares it to know when to reload.
 */
export function publicCacheEpoch(): number {
  return globalThis.__tsunaguCacheEpoch ?? 0;
}

/** server.mjs registers how a write reaches the other server processes (a single process registers nothing). */
export function onPublicCacheInvalidated(listener: (touched?: Touched) => void) {
  announce = listener;
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
