import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { JOBS_LOCK_KEY, jobsLeadership, type Leadership } from "~/modules/jobs/leadership.server";

// Run on PostgreSQL only (vitest.config.ts). Two instances on one database: each asks on every beat whether it may
// run the jobs (reminders, digests, series extension, the email sender); exactly one may, and when it goes away
// the other takes over, so the jobs neither run twice nor stop.

const url = () => process.env.DATABASE_URL!;
const opened: Leadership[] = [];
const instance = () => {
  const leadership = jobsLeadership(url());
  opened.push(leadership);
  return leadership;
};
afterEach(async () => {
  await Promise.all(opened.splice(0).map((l) => l.release()));
});

describe("on PostgreSQL, the background jobs run in one instance at a time", () => {
  it("the first instance to ask leads; the other does not, beat after beat, until the leader shuts down", async () => {
    const a = instance();
    const b = instance();
    expect(await a.holds()).toBe(true);
    for (let beat = 0; beat < 3; beat += 1) {
      expect(await b.holds()).toBe(false);
      expect(await a.holds()).toBe(true);
    }
    await a.release();
    expect(await b.holds()).toBe(true);
    expect(await a.holds()).toBe(false);
  });

  it("when the leader's connection dies (the instance crashed), the other takes over on its next beat", async () => {
    const a = instance();
    const b = instance();
    expect(await a.holds()).toBe(true);
    expect(await b.holds()).toBe(false);
    const admin = new pg.Client({ connectionString: url() });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        [JOBS_LOCK_KEY],
      );
      expect(rows).toHaveLength(1);
      await admin.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
    } finally {
      await admin.end();
    }
    expect(await b.holds()).toBe(true);
    // The old leader learns it lost the lock (its query fails), and does not run the jobs beside the new one.
    expect(await a.holds()).toBe(false);
  });
});
