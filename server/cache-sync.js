// Keeps the public caches of the server's processes in step. Each worker keeps two caches in its own memory: query
// results (app/utils/cache.server.ts) and whole anonymous pages (page-cache.js). A write in one worker empties its
// own at once (invalidatePublicCache); this module carries the news to the others over cluster IPC:
//
//   worker A ── invalidated ──▶ primary ── drop ──▶ every other worker
//   worker A ◀──── synced ───── primary ◀── dropped ── (each of them, once emptied)
//
// Worker A holds the answer to the write until "synced" arrives (settled(), at most SETTLE_TIMEOUT_MS), so
// what the writer (or anyone they tell) asks next is never served from a copy older than the write, whichever
// worker answers. The window that remains, honestly: between the commit and the moment another worker has
// emptied its caches (the IPC round trip, well under a millisecond on an idle machine, up to one turn of that
// worker's event loop when it is busy), a visitor of that other worker may still get the older copy; as in a
// single process, where a request already past the cache when the write commits also answers with older data.
// A worker that does not confirm within SETTLE_TIMEOUT_MS (stuck or dying) no longer holds the answer back; its
// copies then live at most PUBLIC_CACHE_TTL_MS. Several machines or instances do not share this channel: see
// docs/decisions/010-one-process-per-core.md. With a single process (no cluster) there is nothing to carry.
//
// Pages, too: a worker that has rendered an anonymous page offers its gzipped copy to the others, so each page is
// rendered once for the whole machine instead of once per worker (issue 13: two workers had served fewer pages
// than one, each rendering again what the other had). A copy may only be newer than every write its receiver
// knows of, so it travels only when no write is in flight between the processes at any of its three steps:
// - the renderer offers it only if no write reached it since the render began (page-cache.js);
// - the primary passes it on only while no write awaits any worker's confirmation;
// - the receiver keeps it only while none of its own writes awaits confirmation.
// Messages between two processes arrive in order, so a write announced before the copy is seen by one of these
// checks, and one announced after it makes the copy stale as any page already kept. Copies are Buffers, so the
// channel uses the "advanced" (structured clone) serialization (cluster.js).
//
// And renders under way: a worker that begins rendering a stale page says so, and the others give their visitors
// their own stale copy of it meanwhile (within the same bounds as for a render of their own) instead of rendering
// the same page at the same moment; the copy then arrives as above.
import cluster from "node:cluster";

const SETTLE_TIMEOUT_MS = 1000;
const TAG = "tsunagu:cache";

/**
 * In each worker: wires the app's invalidation hook to the primary; call before listening. A process that serves
 * alone (`clustered: false`) has no one to tell.
 */
export function joinCacheSync(app$, { clustered }) {
  if (!clustered) return { settled: () => Promise.resolve(), sharePage: undefined, onSharedPage: () => {}, announceRender: undefined, onRenderingElsewhere: () => {} };
  /** id → { promise, resolve } of each announced write not yet confirmed by the other workers. */
  const unconfirmed = new Map();
  let nextId = 0;
  /** @type {(page: any) => void} */
  let adopt = () => {};
  /** @type {(key: string) => void} */
  let renderingElsewhere = () => {};

  app$.onPublicCacheInvalidated((touched, reach) => {
    const id = (nextId += 1);
    let resolve;
    const promise = new Promise((r) => (resolve = r));
    const settle = () => {
      clearTimeout(timer);
      unconfirmed.delete(id);
      resolve();
    };
    const timer = setTimeout(settle, SETTLE_TIMEOUT_MS);
    timer.unref();
    unconfirmed.set(id, { promise, settle });
    send({ type: TAG, step: "invalidated", id, touched, reach }, settle);
  });

  process.on("message", (message) => {
    if (message?.type !== TAG) return;
    if (message.step === "drop") {
      app$.dropLocalPublicCache(message.touched, message.reach);
      send({ type: TAG, step: "dropped", origin: message.origin, id: message.id });
    } else if (message.step === "synced") {
      unconfirmed.get(message.id)?.settle();
    } else if (message.step === "page") {
      // A write of ours that a sibling has not yet confirmed may be newer than the page it rendered.
      if (unconfirmed.size === 0) adopt(message.page);
    } else if (message.step === "rendering") {
      renderingElsewhere(message.key);
    }
  });
  // Sent before this worker listens: IPC from one worker arrives in order, so the primary counts it in before it
  // can hand it a single connection, and no write can slip past a worker that already serves.
  send({ type: TAG, step: "hello" });

  return {
    /** Resolves when every write announced so far has emptied the other workers' caches (or timed out). */
    settled: () => (unconfirmed.size === 0 ? Promise.resolve() : Promise.all([...unconfirmed.values()].map((u) => u.promise)).then(() => undefined)),
    /** Offers a page this worker rendered (and checked no write reached since) to the others (page-cache.js). */
    sharePage: (page) => send({ type: TAG, step: "page", page }),
    /** Where pages the other workers rendered go. */
    onSharedPage: (listener) => {
      adopt = listener;
    },
    /** Tells the others that this worker is rendering the page kept under `key` (page-cache.js). */
    announceRender: (key) => send({ type: TAG, step: "rendering", key }),
    /** Where the others' announcements go. */
    onRenderingElsewhere: (listener) => {
      renderingElsewhere = listener;
    },
  };
}

/** The primary is gone (the worker is about to exit with it): nobody is left to confirm, so nothing waits. */
function send(message, onFailure = () => {}) {
  if (!process.connected) return onFailure();
  try {
    process.send(message, undefined, undefined, (error) => error && onFailure());
  } catch {
    onFailure();
  }
}

/** In the primary: relays each write to the other workers and confirms to the writer once all have emptied. */
export function relayCacheSync() {
  /** `${writerId}:${id}` → ids of the workers that have yet to confirm. */
  const waiting = new Map();
  /** Workers whose caches take part (they said hello). */
  const members = new Set();

  const confirm = (key) => {
    const [writerId, id] = key.split(":").map(Number);
    waiting.delete(key);
    const writer = cluster.workers?.[writerId];
    if (writer?.isConnected()) writer.send({ type: TAG, step: "synced", id });
  };

  const onMessage = (worker, message) => {
    if (message?.type !== TAG) return;
    if (message.step === "hello") {
      members.add(worker.id);
    } else if (message.step === "invalidated") {
      const key = `${worker.id}:${message.id}`;
      const others = [...members].filter((id) => id !== worker.id && cluster.workers?.[id]?.isConnected());
      waiting.set(key, new Set(others));
      for (const id of others) cluster.workers[id].send({ type: TAG, step: "drop", origin: worker.id, id: message.id, touched: message.touched, reach: message.reach });
      if (others.length === 0) confirm(key);
    } else if (message.step === "page") {
      // While a write is still on its way to some worker, the page may predate it there: not passed on.
      if (waiting.size > 0) return;
      for (const id of members) if (id !== worker.id && cluster.workers?.[id]?.isConnected()) cluster.workers[id].send(message);
    } else if (message.step === "rendering") {
      for (const id of members) if (id !== worker.id && cluster.workers?.[id]?.isConnected()) cluster.workers[id].send(message);
    } else if (message.step === "dropped") {
      const key = `${message.origin}:${message.id}`;
      const pending = waiting.get(key);
      if (!pending) return;
      pending.delete(worker.id);
      if (pending.size === 0) confirm(key);
    }
  };

  cluster.on("message", onMessage);
  cluster.on("exit", (worker) => {
    members.delete(worker.id);
    // A worker that died confirms nothing; its replacement starts with empty caches.
    for (const [key, pending] of waiting) {
      if (key.startsWith(`${worker.id}:`)) waiting.delete(key);
      else if (pending.delete(worker.id) && pending.size === 0) confirm(key);
    }
  });
}
