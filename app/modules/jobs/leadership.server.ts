import pg from "pg";

// Which process runs the background jobs. On one machine the cluster already gives the role to one worker
// (server/cluster.js). On PostgreSQL several instances (machines) may share one database, and each has such a
// worker: they agree through a session advisory lock on a connection of the jobs' own, outside Prisma's pool (a
// pooled connection is handed to other queries, so a session lock there would belong to nobody in particular).
// Whoever holds the lock runs the beat; the others skip it. If the holder dies, its connection ends, PostgreSQL
// releases the lock, and the next instance to try takes it over on its next beat. docs/decisions/022-postgresql.md.

/** The advisory lock the jobs' leader holds (an arbitrary number, the same in every instance). */
export const JOBS_LOCK_KEY = 73_112_027;

export type Leadership = {
  /** Whether this process may run the jobs now: takes the lock when free, checks it is still held when held. */
  holds(): Promise<boolean>;
  /** Gives the lock up (at shutdown), so another instance takes over at once instead of at the connection's end. */
  release(): Promise<void>;
};

/** SQLite: one file is one machine, and the cluster chose this worker already. */
const alone: Leadership = { holds: async () => true, release: async () => {} };

export function jobsLeadership(postgresUrl: string | undefined): Leadership {
  if (!postgresUrl) return alone;
  let client: pg.Client | null = null;
  let held = false;
  const drop = async () => {
    const old = client;
    client = null;
    held = false;
    await old?.end().catch(() => {});
  };
  return {
    async holds() {
      try {
        if (!client) {
          const fresh = new pg.Client({ connectionString: postgresUrl, application_name: "tsunagu-jobs" });
          // A connection that breaks later reports here; the next beat sees `client` gone and starts again.
          fresh.on("error", () => void drop());
          await fresh.connect();
          client = fresh;
        }
        if (held) {
          await client.query("SELECT 1");
          return true;
        }
        const { rows } = await client.query<{ taken: boolean }>("SELECT pg_try_advisory_lock($1) AS taken", [JOBS_LOCK_KEY]);
        held = rows[0]?.taken === true;
        return held;
      } catch {
        await drop();
        return false;
      }
    },
    release: drop,
  };
}
