// `npm run bench:matching`: the ranking of matching, in-process — 10,000 candidate items for one resident, p95 ≤ 10 ms.
// Part of `npm run bench` too (scripts/bench/run.mjs runs it with --json and gates on it).
//
// Candidates: 10,000 generated items shaped like the benchmark database's (openings, events and places over the 8
// areas, 12 categories, 7 audiences, ~400 groups, 1–8 upcoming times each, some skills, languages, few places left,
// published over the last 120 days), from a fixed seed so every run ranks the same list; or, with --db FILE, the
// real candidate pool of a seeded database (e.g. tests/.artifacts/bench/bench.db: 10,369 items).
// Residents: six profiles from a plain newcomer to one with history, dismissals and things to avoid.
// Per resident: 200 unmeasured rankings (the JIT settles), then --runs (default 1,000) measured ones.
// Options: --runs N  --items N  --db FILE  --json (one JSON line for run.mjs)  --gate MS (default 10)
import os from "node:os";
import { availabilityBit, bandOfMinute, openSeeker } from "~/modules/matching/answers";
import { rank } from "~/modules/matching/scoring";
import type { Candidate, CandidateTime, ItemKind, Seeker, Weekday } from "~/modules/matching/types";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const RUNS = Number(arg("runs", "1000"));
const ITEMS = Number(arg("items", "10000"));
const GATE_MS = Number(arg("gate", "10"));
const WARMUP = 200;
const json = process.argv.includes("--json");
const dbFile = arg("db", "");

const NOW = new Date("2026-12-01T01:00:00.000Z");
const DAY = 86_400_000;

/** mulberry32: a small seeded generator, so the generated list is the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generated(count: number): Candidate[] {
  const r = random(20261201);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const kinds: ItemKind[] = ["opening", "event", "place"];
  const modes = ["in-person", "in-person", "in-person", "in-person", "online", "at-home", "goods", "skills"];
  const skills = ["調理", "運転", "パソコン", "傾聴", "写真撮影", "手話", "保育士", "デザイン"];
  const languages = [["ja"], ["ja"], ["ja"], ["ja", "en"], ["ja", "vi"], ["ja", "zh-Hans", "en"]];
  return Array.from({ length: count }, (_, id) => {
    const kind = kinds[id % 3]!;
    const times: CandidateTime[] = [];
    const n = kind === "place" ? 4 + Math.floor(r() * 5) : Math.floor(r() * 4) + (r() < 0.1 ? 0 : 1);
    let day = 1 + Math.floor(r() * 20);
    const minute = (8 + Math.floor(r() * 12)) * 60 + (r() < 0.5 ? 0 : 30);
    for (let i = 0; i < n; i++, day += 7 + Math.floor(r() * 21)) {
      const startsAt = new Date(NOW.getTime() + day * DAY + (minute - 600) * 60_000);
      times.push({ startsAt, weekday: ((startsAt.getUTCDay() + 6) % 7) as Weekday, band: bandOfMinute(minute) });
    }
    const slots = kind === "place" || r() < 0.3 ? null : Math.floor(r() * 10);
    return {
      kind,
      id,
      groupId: Math.floor(r() * 400),
      categoryIds: [1 + Math.floor(r() * 12), ...(r() < 0.6 ? [1 + Math.floor(r() * 12)] : [])],
      audienceIds: [1 + Math.floor(r() * 7), ...(r() < 0.4 ? [1 + Math.floor(r() * 7)] : [])],
      skills: kind === "opening" && r() < 0.35 ? [pick(skills)] : [],
      areaId: 1 + Math.floor(r() * 8),
      mode: kind === "opening" ? pick(modes) : r() < 0.05 ? "online" : "in-person",
      languages: pick(languages),
      beginnerFriendly: r() < 0.6,
      regular: r() < 0.4,
      childFriendly: r() < 0.3,
      hasFee: kind !== "opening" && r() < 0.3,
      outdoors: r() < 0.1,
      forFamilies: kind !== "opening" && r() < 0.1,
      forHelpers: kind === "event" && r() < 0.1,
      sameActivityAs: kind === "event" && r() < 0.05 ? (`place:${id + 1}` as const) : undefined,
      times,
      placesLeft: slots,
      publishedAt: new Date(NOW.getTime() - Math.floor(r() * 120) * DAY),
    } satisfies Candidate;
  });
}

// Areas 1–8 on a line 1 km apart (a neighbour within 2.5 km), as a stand-in for the seed's centres.
const areaDistanceKm = (a: number, b: number) => Math.abs(a - b) * 1.1;

const base: Seeker = openSeeker();
const mask = (...cells: [number, number][]) => cells.reduce((m, [w, b]) => m | availabilityBit(w, b), 0);
const SEEKERS: { name: string; seeker: Seeker }[] = [
  { name: "nothing said", seeker: base },
  { name: "area only", seeker: { ...base, areaId: 3 } },
  { name: "retired driver", seeker: { ...base, categoryIds: [1, 7], skills: ["運転"], areaId: 8, availability: mask([0, 0], [1, 0], [2, 0], [3, 0], [4, 0]), role: "help" } },
  { name: "Vietnamese student", seeker: { ...base, categoryIds: [3, 4], languages: ["ja", "vi"], areaId: 2, availability: mask([5, 0], [5, 1], [5, 2]), role: "help" } },
  { name: "mother at home", seeker: { ...base, categoryIds: [3], skills: ["子育て経験"], prefersAtHome: true, avoid: ["in-person"], areaId: 7 } },
  {
    name: "with history",
    seeker: {
      ...base,
      categoryIds: [1, 9],
      audienceIds: [3],
      areaId: 5,
      reach: "own",
      availability: mask([1, 0], [3, 0]),
      commitment: "regular",
      avoid: ["evenings", "fee"],
      history: { attendedCategoryIds: [1, 9], attendedGroupIds: [4, 17, 88], hasHistory: true },
      excluded: new Set(Array.from({ length: 40 }, (_, i) => `opening:${i * 37}`)),
      dismissedCategoryIds: [5, 5, 6],
    },
  },
];

async function realPool(file: string): Promise<{ items: Candidate[]; distance: (a: number, b: number) => number | null }> {
  process.env.DATABASE_PATH = file;
  const { loadCandidatePool } = await import("~/modules/matching/candidates.server");
  const { prisma } = await import("~/utils/db.server");
  const pool = await loadCandidatePool(new Date());
  await prisma.$disconnect();
  return { items: pool.items, distance: (a, b) => pool.areaDistanceKm(a, b) };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const source: { items: Candidate[]; distance: (a: number, b: number) => number | null } = dbFile ? await realPool(dbFile) : { items: generated(ITEMS), distance: areaDistanceKm };
const now = dbFile ? new Date() : NOW;
const rows: { name: string; p50: number; p95: number; p99: number; max: number; results: number }[] = [];
const all: number[] = [];
for (const { name, seeker } of SEEKERS) {
  const ctx = { now, areaDistanceKm: source.distance, limit: 10 };
  for (let i = 0; i < WARMUP; i++) rank(seeker, source.items, ctx);
  const times: number[] = [];
  let results = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    results = rank(seeker, source.items, ctx).length;
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  all.push(...times);
  times.sort((a, b) => a - b);
  rows.push({ name, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), max: times.at(-1)!, results });
}
all.sort((a, b) => a - b);
const overall = { p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99), max: all.at(-1)! };
const pass = overall.p95 <= GATE_MS && rows.every((r) => r.results > 0);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`;

if (json) {
  console.log(JSON.stringify({ name: "matching-rank", items: source.items.length, runsPerResident: RUNS, residents: rows, overall, gateP95Ms: GATE_MS, pass, machine }));
} else {
  const ms = (n: number) => n.toFixed(2);
  console.log(`\nMatching: rank() over ${source.items.length.toLocaleString("en")} ${dbFile ? `candidates of ${dbFile}` : "generated candidates"}, top 10, ${RUNS} runs per resident after ${WARMUP} unmeasured`);
  console.log(`machine: ${machine}\n`);
  console.log("| resident | p50 ms | p95 ms | p99 ms | max ms | results |");
  console.log("|---|--:|--:|--:|--:|--:|");
  for (const r of rows) console.log(`| ${r.name} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.results} |`);
  console.log(`| **all** | ${ms(overall.p50)} | **${ms(overall.p95)}** | ${ms(overall.p99)} | ${ms(overall.max)} |  |`);
  console.log(`\n${pass ? "✓" : "✗"} p95 ${ms(overall.p95)} ms (gate ≤ ${GATE_MS} ms)`);
}
process.exit(pass ? 0 : 1);
