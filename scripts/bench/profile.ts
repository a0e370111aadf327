// Where does a page's time go? Calls the data functions behind the benchmarked pages in-process against the
// benchmark database and times every SQL statement (better-sqlite3 is wrapped, so Prisma's own queries are seen).
// Diagnosis only, no gate:
//
//   DATABASE_PATH=tests/.artifacts/bench/bench.db node_modules/.bin/tsx scripts/bench/profile.ts [repeats]
//
// Prints per function: median wall and CPU ms, and the slowest SQL statements by total time with EXPLAIN QUERY PLAN.
import Database from "better-sqlite3";

const REPEATS = Number(process.argv[2] ?? 20);
if (!process.env.DATABASE_PATH)
  throw new Error("set DATABASE_PATH to the benchmark database");

type Stat = { sql: string; calls: number; ms: number; max: number };
const stats = new Map<string, Stat>();
let recording = false;
const probeDb = new Database(":memory:");
const proto = Object.getPrototypeOf(probeDb.prepare("SELECT 1")) as Record<
  string,
  (...args: unknown[]) => unknown
>;
probeDb.close();
for (const method of ["all", "get", "run", "iterate"]) {
  const original = proto[method]!;
  proto[method] = function (this: { source: string }, ...args: unknown[]) {
    if (!recording) return original.apply(this, args);
    const t = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      const ms = performance.now() - t;
      const key = this.source;
      const s = stats.get(key) ?? { sql: key, calls: 0, ms: 0, max: 0 };
      s.calls += 1;
      s.ms += ms;
      s.max = Math.max(s.max, ms);
      stats.set(key, s);
    }
  };
}

const { listFeaturedPlaces, listPublishedPlaces, getPublishedPlace } =
  await import("../../app/modules/places/queries.server");
const events = await import("../../app/modules/events/queries.server");
const { listPublishedOpenings } = await import(
  "../../app/modules/volunteering/queries.server"
);
const { searchEverything } = await import(
  "../../app/modules/discovery/search.server"
);
const { parseListingFilters } = await import(
  "../../app/modules/listing/filters"
);
const { getTaxonomy } = await import(
  "../../app/modules/taxonomy/taxonomy.server"
);
const feeds = (await import("../../app/modules/events/feeds.server").catch(
  () => ({})
)) as Record<string, unknown>;
const { prisma } = await import("../../app/utils/db.server");

const filters = (qs = "") => parseListingFilters(new URL(`http://x/${qs}`));
const mid = (a: { _min: { id: number | null }; _max: { id: number | null } }) =>
  Math.floor(((a._min.id ?? 0) + (a._max.id ?? 0)) / 2);
const placeMid = mid(
  await prisma.place.aggregate({ _min: { id: true }, _max: { id: true } })
);
const eventMid = mid(
  await prisma.event.aggregate({ _min: { id: true }, _max: { id: true } })
);
const placeId = (await prisma.place.findFirst({
  where: { status: "published", id: { gte: placeMid } },
  select: { id: true },
}))!.id;
const eventId = (await prisma.event.findFirst({
  where: { status: "published", id: { gte: eventMid } },
  select: { id: true },
}))!.id;

const cases: [string, () => Promise<unknown>][] = [
  ["home: taxonomy", () => getTaxonomy("ja")],
  ["home: listThisWeeksEvents", () => events.listThisWeeksEvents("ja")],
  ["home: listFeaturedPlaces", () => listFeaturedPlaces("ja")],
  [
    "/events: listEventDates",
    () => events.listEventDates(filters(), "ja", events.defaultListRange()),
  ],
  [
    "/places?area=fujimi&beginner=1",
    () => listPublishedPlaces(filters("?area=fujimi&beginner=1"), "ja"),
  ],
  [
    "/volunteer: listPublishedOpenings",
    () => listPublishedOpenings(filters(), "ja"),
  ],
  [
    "/search?q=子ども食堂",
    () => searchEverything("子ども食堂", "ja", filters()),
  ],
  [
    "/search?q=こどもしょくどう",
    () => searchEverything("こどもしょくどう", "ja", filters()),
  ],
  ["/search?q=料理", () => searchEverything("料理", "ja", filters())],
  [`/places/${placeId}`, () => getPublishedPlace(placeId, "ja")],
  [`/events/${eventId}`, () => events.getPublishedEvent(eventId, "ja")],
];
if (typeof feeds.buildEventsIcs === "function") {
  const build = feeds.buildEventsIcs as (
    f: unknown,
    l: string,
    now: Date
  ) => Promise<string>;
  cases.push([
    "/feeds/events.ics: buildEventsIcs",
    () => build(filters(), "ja", new Date()),
  ]);
}

const median = (v: number[]) =>
  [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const db = new Database(process.env.DATABASE_PATH, { readonly: true });
for (const [name, fn] of cases) {
  await fn(); // warm (taxonomy cache, tokenizer, statement cache)
  stats.clear();
  recording = true;
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    walls.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpus.push((d.user + d.system) / 1000);
  }
  recording = false;
  const sqlMs = [...stats.values()].reduce((n, s) => n + s.ms, 0) / REPEATS;
  console.log(
    `\n## ${name}: median ${median(walls).toFixed(1)} ms wall, ${median(
      cpus
    ).toFixed(1)} ms CPU, SQL ${sqlMs.toFixed(1)} ms per call`
  );
  for (const s of [...stats.values()].sort((a, b) => b.ms - a.ms).slice(0, 4)) {
    if (s.ms / REPEATS < 0.5) continue;
    console.log(
      `  ${(s.ms / REPEATS).toFixed(1)} ms/call (${
        s.calls / REPEATS
      }×, max ${s.max.toFixed(1)}): ${s.sql.replace(/\s+/g, " ").slice(0, 400)}`
    );
    try {
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN ${s.sql}`)
        .all(...new Array((s.sql.match(/\?/g) ?? []).length).fill(null)) as {
        detail: string;
      }[];
      console.log(`    plan: ${plan.map((p) => p.detail).join(" | ")}`);
    } catch {
      /* statements with named parameters etc. */
    }
  }
}
db.close();
await prisma.$disconnect();
