// @ts-expect-error -- Prisma ships this runtime module without type declarations; only its class is used here.
import * as compilerRuntime from "@prisma/client/runtime/query_compiler_bg.sqlite.mjs";

// Query plans kept by the query they were compiled from.
//
// Why: Prisma 6.19 compiles every query to a plan on the event loop (its query compiler, WebAssembly), about
// 0.5–1 ms each, 5–11 queries a page: the largest single part of an uncached page's CPU (issue 13, item 1;
// BENCHMARKS.md). A plan depends only on the query Prisma hands the compiler, serialised as JSON with its values
// (6.19 passes no placeholders; 7.x keeps plans itself, but needs engine downloads here), so the same query asked
// again, by the next visitor of a page whose cached copy a write made stale, or by the same list in another
// language, gets the same plan. Plans are frozen, so nothing that runs them can change a kept one.
//
// Dates: most public queries ask for what starts from now on, so their JSON differs at every millisecond and would
// never be asked again. A query's dates are therefore replaced by stand-ins before it is looked up (one plan for
// every "from now on"), and the plan is handed out with the real dates put back where the stand-ins are: the
// compiler copies a date into the plan's values as it was written. When it did not (a stand-in missing from the
// plan) the query's shape is compiled each time instead.
// docs/decisions/017-query-strategy.md.

type Compiler = { compile(query: string): unknown };
const MAX_PLANS = 2_000;
/** Queries longer than this (long IN lists of ids) are compiled each time rather than kept. */
const MAX_QUERY_CHARS = 4_000;

/** A plan, or for a query with dates its JSON with stand-ins to put the dates back into. */
type Kept = { plan: unknown } | { json: string; standIns: string[] } | { uncacheable: true };
const plans = new Map<string, Kept>();
const stats = { kept: 0, compiled: 0 };

const DATE_VALUE = /\{"\$type":"DateTime","value":"([^"\\]+)"\}/g;
const STAND_IN_YEAR = "1901-01-01T00:00:00.";
/** The n-th date stand-in: a real date, so the compiler takes it as any other, and one no query of ours asks for. */
const standIn = (n: number) => `${STAND_IN_YEAR}${String(n).padStart(3, "0")}Z`;

/** The query with its dates replaced by stand-ins, and the dates in order; null when it has none, or too many. */
function withStandIns(query: string): { shape: string; dates: string[] } | null {
  if (!query.includes('"$type":"DateTime"') || query.includes(STAND_IN_YEAR)) return null;
  const dates: string[] = [];
  const shape = query.replace(DATE_VALUE, (_, value: string) => {
    dates.push(value);
    return `{"$type":"DateTime","value":"${standIn(dates.length - 1)}"}`;
  });
  return dates.length > 0 && dates.length < 1000 ? { shape, dates } : null;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** A fresh copy of a kept plan with the query's own dates where the stand-ins were. */
function planWithDates(kept: { json: string; standIns: string[] }, dates: string[]): unknown {
  let json = kept.json;
  kept.standIns.forEach((s, i) => (json = json.replaceAll(`"${s}"`, JSON.stringify(dates[i]))));
  return JSON.parse(json);
}

/** Wraps the compiler's `compile` (its class, once per process) so that a query asked again reuses its plan. */
export function keepQueryPlans() {
  const proto = (compilerRuntime as { QueryCompiler: { prototype: Compiler & { __kept?: true } } }).QueryCompiler.prototype;
  if (proto.__kept) return;
  const compile = proto.compile;
  proto.compile = function keptCompile(this: Compiler, query: string) {
    if (query.length > MAX_QUERY_CHARS) {
      stats.compiled += 1;
      return compile.call(this, query);
    }
    const dated = withStandIns(query);
    const key = dated?.shape ?? query;
    let kept = plans.get(key);
    if (kept !== undefined) {
      plans.delete(key);
      plans.set(key, kept);
      if ("plan" in kept) {
        stats.kept += 1;
        return kept.plan;
      }
      if ("json" in kept && dated) {
        stats.kept += 1;
        return planWithDates(kept, dated.dates);
      }
      stats.compiled += 1;
      return compile.call(this, query);
    }
    stats.compiled += 1;
    if (!dated) {
      kept = { plan: deepFreeze(compile.call(this, query)) };
    } else {
      const json = JSON.stringify(compile.call(this, dated.shape));
      const standIns = dated.dates.map((_, i) => standIn(i));
      kept = standIns.every((s) => json.includes(`"${s}"`)) ? { json, standIns } : { uncacheable: true };
    }
    if (plans.size >= MAX_PLANS) plans.delete(plans.keys().next().value!);
    plans.set(key, kept);
    if ("plan" in kept) return kept.plan;
    return "json" in kept && dated ? planWithDates(kept, dated.dates) : compile.call(this, query);
  };
  proto.__kept = true;
}

/** How the kept plans have served (tests, and the benchmark's profile). */
export function queryPlanStats() {
  return { ...stats, size: plans.size };
}
