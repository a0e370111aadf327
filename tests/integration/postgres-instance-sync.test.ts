import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CHANNEL, joinInstanceSync } from "../../server/instance-sync.js";

// Run on PostgreSQL only (vitest.config.ts). Two instances (here: two joins with their own connections, as two
// machines' server processes have) share one database: a write in one empties the other's public caches within
// milliseconds, not when its copies expire.

type Drop = { touched?: string[]; reach?: string };
function instance() {
  const drops: Drop[] = [];
  let announce: (touched?: string[], reach?: string) => void = () => {};
  const app$ = {
    onPublicCacheInvalidated: (listener: typeof announce) => (announce = listener),
    dropLocalPublicCache: (touched?: string[], reach?: string) => drops.push({ touched, reach }),
  };
  const sync = joinInstanceSync(app$, { url: process.env.DATABASE_URL! });
  joined.push(sync);
  return { drops, write: (touched?: string[], reach?: string) => announce(touched, reach), ready: sync.ready };
}
const joined: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(joined.splice(0).map((s) => s.close()));
});

describe("on PostgreSQL, a write in one instance reaches every other instance's cache", () => {
  it("the other instance drops what the write touched, at once; the writer hears nothing back", async () => {
    const a = instance();
    const b = instance();
    await Promise.all([a.ready, b.ready]);
    const started = Date.now();
    a.write(["event:12"], "counts");
    await vi.waitFor(() => expect(b.drops).toEqual([{ touched: ["event:12"], reach: "counts" }]), { timeout: 1_000, interval: 5 });
    expect(Date.now() - started).toBeLessThan(1_000);
    b.write();
    await vi.waitFor(() => expect(a.drops).toEqual([{ touched: undefined, reach: undefined }]), { timeout: 1_000, interval: 5 });
    expect(b.drops).toHaveLength(1);
  });

  it("a write naming more items than NOTIFY carries is announced as a write to everything", async () => {
    const a = instance();
    const b = instance();
    await Promise.all([a.ready, b.ready]);
    a.write(Array.from({ length: 2_000 }, (_, i) => `place:${i + 1}`), "content");
    await vi.waitFor(() => expect(b.drops).toEqual([{ touched: undefined, reach: undefined }]), { timeout: 1_000, interval: 5 });
  });

  it("an instance whose connection broke empties everything once it is back, since it may have missed writes", async () => {
    const b = instance();
    await b.ready;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'tsunagu-cache-sync' AND datname = current_database()",
      );
      expect(rows).toHaveLength(1);
      await admin.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
      await vi.waitFor(() => expect(b.drops).toEqual([{ touched: undefined, reach: undefined }]), { timeout: 5_000, interval: 20 });
      // Listening again: a later write elsewhere reaches it.
      await admin.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify({ from: "another", touched: ["place:3"], reach: "text" })]);
      await vi.waitFor(() => expect(b.drops.at(-1)).toEqual({ touched: ["place:3"], reach: "text" }), { timeout: 1_000, interval: 5 });
    } finally {
      await admin.end();
    }
  });
});
