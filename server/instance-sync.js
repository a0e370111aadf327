// Keeps the public caches of several instances (machines) on one PostgreSQL database in step, as cache-sync.js does
// for the processes of one machine: a write in any process is announced with NOTIFY on one channel, and every other
// process, on every instance, empties its caches (query results and anonymous pages) when it hears it, within
// milliseconds of the commit. docs/decisions/022-postgresql.md.
//
// Each server process holds one connection of its own for this (LISTEN needs a connection that stays, which Prisma's
// pool does not give). The processes of one machine hear each other twice (IPC and NOTIFY); emptying twice costs a
// little cache, never correctness. A connection that breaks may have missed announcements: once it is back, the
// process empties everything, then listens again. The payload of NOTIFY is limited (8,000 bytes): a write naming
// too many items to fit is announced as a write to everything.
import crypto from "node:crypto";
import pg from "pg";

export const CHANNEL = "tsunagu_public_cache";
const MAX_PAYLOAD = 7_000;
const RECONNECT_MS = 1_000;

/**
 * Joins this process to the channel. `app$` gives onPublicCacheInvalidated (this process wrote) and
 * dropLocalPublicCache (another process wrote). Returns `ready` (listening) and `close()`.
 */
export function joinInstanceSync(app$, { url, log = () => {} }) {
  const me = crypto.randomUUID();
  /** @type {pg.Client | null} */
  let client = null;
  let closed = false;

  const connect = async () => {
    const fresh = new pg.Client({ connectionString: url, application_name: "tsunagu-cache-sync" });
    fresh.on("notification", (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      let note;
      try {
        note = JSON.parse(message.payload);
      } catch {
        return;
      }
      if (note.from === me) return;
      app$.dropLocalPublicCache(note.touched ?? undefined, note.reach ?? undefined);
    });
    // Until it listens, a failure is the caller's (start() tries again); after, it is a lost connection.
    let listening = false;
    fresh.on("error", (error) => listening && lost(fresh, error));
    fresh.on("end", () => listening && lost(fresh));
    try {
      await fresh.connect();
      await fresh.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      fresh.end().catch(() => {});
      throw error;
    }
    if (closed) return void fresh.end().catch(() => {});
    listening = true;
    client = fresh;
  };

  const start = () => {
    return connect().catch((error) => {
      log({ level: "warn", event: "cache.instance_sync_unavailable", message: String(error?.message ?? error) });
      if (!closed) setTimeout(start, RECONNECT_MS).unref();
    });
  };

  /** Connections already given up, so that their "error" and "end" start one reconnection between them. */
  const given = new WeakSet();
  /** The connection broke: whatever was announced meanwhile is unknown, so everything is dropped once back. */
  const lost = (which, error) => {
    if (!which || given.has(which)) return;
    given.add(which);
    if (client === which) client = null;
    which.end().catch(() => {});
    if (closed) return;
    if (error) log({ level: "warn", event: "cache.instance_sync_lost", message: String(error?.message ?? error) });
    setTimeout(() => start().then(() => client && app$.dropLocalPublicCache()), RECONNECT_MS).unref();
  };

  app$.onPublicCacheInvalidated((touched, reach) => {
    let payload = JSON.stringify({ from: me, touched: touched ?? null, reach: reach ?? null });
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) payload = JSON.stringify({ from: me, touched: null, reach: null });
    // Not awaited: the write is committed and answered; the others hear of it as soon as the server passes it on.
    const sender = client;
    sender?.query("SELECT pg_notify($1, $2)", [CHANNEL, payload]).catch((error) => lost(sender, error));
  });

  return {
    ready: start(),
    async close() {
      closed = true;
      const old = client;
      client = null;
      if (old) given.add(old);
      await old?.end().catch(() => {});
    },
  };
}
