#!/usr/bin/env node
// The load generator of the mixed workload (`npm run bench:mixed`), started by run.mjs as
// `[taskset -c 1] node scripts/bench/mixed-load.mjs <config.json> <out.json>`.
//
// A morning on the portal: `connections` anonymous visitors read a mix of the public pages, each request a URL
// drawn from weighted lists (filters, pages, search words, many detail pages), while a writer changes things
// through the app at `writesPerSecond`: a resident registers for an event date and withdraws, applies to a shift
// and withdraws, and an organiser edits a place's summary. Each write must be acknowledged (303), and what it
// changed must be on the page a signed-in reader gets right after. Every read's response time is kept (p95 is
// exact); reads and writes are reported apart.
import { serverCpu as serverCpuOf, serverPids as serverPidsOf } from "./server-processes.mjs";
import fs from "node:fs";
import autocannon from "autocannon";

const [configFile, outFile] = process.argv.slice(2);
if (!configFile || !outFile) {
  console.error("usage: node scripts/bench/mixed-load.mjs <config.json> <out.json>");
  process.exit(2);
}
const config = JSON.parse(fs.readFileSync(configFile, "utf8"));
const origin = new URL(config.origin);
if (!["127.0.0.1", "localhost", "[::1]"].includes(origin.hostname)) throw new Error(`refusing a non-loopback address: ${config.origin}`);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (n, d = 2) => (n == null || Number.isNaN(n) ? null : Math.round(n * 10 ** d) / 10 ** d);
const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : null);

const serverCpu = () => serverCpuOf(config.serverPid);
const serverPids = () => serverPidsOf(config.serverPid);
function rssMB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

// ───────────── the reads ─────────────
/** A weighted pick: `mix` is [[weight, () => path], …]. */
function picker(mix) {
  const total = mix.reduce((s, [w]) => s + w, 0);
  return () => {
    let r = Math.random() * total;
    for (const [w, path] of mix) if ((r -= w) < 0) return path();
    return mix.at(-1)[1]();
  };
}
const any = (list) => list[Math.floor(Math.random() * list.length)];
const q = encodeURIComponent;
const { areas, words, ids } = config;
/** Every URL the mix can ask for, for the warm-up (a portal that has been up all morning has seen them). */
function everyPath() {
  const paths = new Set(["/", "/events", "/events?page=2", "/events?free=1", "/places", "/places?page=2", "/places?free=1", "/volunteer", "/volunteer?beginner=1", "/volunteer?online=1", "/feeds/events.ics", "/feeds/events.rss"]);
  for (const area of areas) for (const p of [`/events?area=${area}`, `/places?area=${area}`, `/places?area=${area}&beginner=1`, `/volunteer?area=${area}`]) paths.add(p);
  for (const day of ["sat", "sun", "wed"]) paths.add(`/events?day=${day}`);
  for (const word of words) paths.add(`/search?q=${q(word)}`);
  for (const id of ids.places) paths.add(`/places/${id}`);
  for (const id of ids.events) paths.add(`/events/${id}`);
  for (const id of ids.openings) paths.add(`/volunteer/${id}`);
  return [...paths];
}
const nextPath = picker([
  [10, () => "/"],
  [6, () => any(["/events", "/events?page=2", `/events?area=${any(areas)}`, `/events?day=${any(["sat", "sun", "wed"])}`, "/events?free=1"])],
  [6, () => any(["/places", `/places?area=${any(areas)}`, `/places?area=${any(areas)}&beginner=1`, "/places?page=2", "/places?free=1"])],
  [6, () => any(["/volunteer", `/volunteer?area=${any(areas)}`, "/volunteer?beginner=1", "/volunteer?online=1"])],
  [12, () => `/search?q=${q(any(words))}`],
  [22, () => `/places/${any(ids.places)}`],
  [22, () => `/events/${any(ids.events)}`],
  [12, () => `/volunteer/${any(ids.openings)}`],
  [2, () => any(["/feeds/events.ics", "/feeds/events.rss"])],
]);

function readLoad(seconds, record) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: config.origin,
        connections: config.connections,
        duration: seconds,
        pipelining: 1,
        timeout: 10,
        headers: config.headers,
        requests: [
          {
            setupRequest: (req) => {
              req.path = nextPath();
              return req;
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    if (record) instance.on("response", (_client, status, _bytes, ms) => record(status, ms));
  });
}

// ───────────── the writes ─────────────
const form = (cookie, fields) => ({
  method: "POST",
  redirect: "manual",
  headers: { Cookie: cookie, Origin: config.origin, "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "ja" },
  body: new URLSearchParams(fields).toString(),
});
const get = async (path, cookie) => {
  const res = await fetch(new URL(path, config.origin), { headers: { Cookie: cookie, "Accept-Language": "ja" } });
  return { status: res.status, html: await res.text(), cacheControl: res.headers.get("cache-control") ?? "" };
};

/** Every field of the first form on `html` with an `intent` button, as a browser would send it (plain HTML). */
function formFields(html, action) {
  const start = html.indexOf(`action="${action}"`);
  const formHtml = html.slice(html.lastIndexOf("<form", start), html.indexOf("</form>", start));
  const attr = (tag, name) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const fields = [];
  for (const [tag] of formHtml.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, "name");
    const type = attr(tag, "type") ?? "text";
    if (!name || ["submit", "button", "file"].includes(type)) continue;
    if ((type === "checkbox" || type === "radio") && !/\schecked(=""|\s|>|\/)/.test(tag)) continue;
    fields.push([name, unescape(attr(tag, "value") ?? (type === "checkbox" ? "on" : ""))]);
  }
  for (const [, tag, body] of formHtml.matchAll(/(<textarea\b[^>]*>)([\s\S]*?)<\/textarea>/g)) {
    const name = attr(tag, "name");
    if (name) fields.push([name, unescape(body.replace(/^\n/, ""))]);
  }
  for (const [, tag, body] of formHtml.matchAll(/(<select\b[^>]*>)([\s\S]*?)<\/select>/g)) {
    const name = attr(tag, "name");
    const options = [...body.matchAll(/<option\b[^>]*>/g)].map(([o]) => o);
    const chosen = options.filter((o) => /\sselected(=""|\s|>)/.test(o));
    for (const o of chosen.length ? chosen : options.slice(0, 1)) if (name) fields.push([name, unescape(attr(o, "value") ?? "")]);
  }
  return fields;
}

// Three lanes, each one write after another (a resident cannot withdraw what is still being registered): a resident
// registers for a date and withdraws, applies to a shift and withdraws, an organiser edits a place's summary. The
// lanes take turns at the overall rate (one write in ten an edit, by default); a lane still busy with its last write
// makes the next one wait (and the run reports how late the writes fell behind).
const writes = [];
async function write(kind, step) {
  const started = performance.now();
  const w = config.writes;
  let ok = false;
  let visible = false;
  let detail = "";
  try {
    if (kind === "edit") {
      const editPath = `/manage/groups/${w.groupId}/places/${w.placeId}`;
      const edit = await get(editPath, w.ownerCookie);
      const fields = formFields(edit.html, editPath).filter(([name]) => name !== "intent");
      const summary = `${w.summaryBase}（更新 ${Date.now()}）`;
      const sent = fields.map(([name, value]) => [name, name === "summary" ? summary : value]);
      sent.push(["intent", "save"]);
      const res = await fetch(new URL(editPath, config.origin), { ...form(w.ownerCookie, {}), body: new URLSearchParams(sent).toString() });
      // Saved: the workspace redirects (302) to the item.
      ok = res.status === 302 || res.status === 303;
      detail = `edit ${res.status}`;
      // The organiser, signed in, opens the public page at once: the new summary is there.
      const after = await get(`/places/${w.placeId}`, w.ownerCookie);
      visible = after.html.includes(summary);
    } else {
      const page = kind === "register" ? `/events/${w.eventId}` : `/volunteer/${w.openingId}`;
      const withdrawId = (html) => {
        const m = /name="intent" value="withdraw"[\s\S]{0,400}?name="id" value="(\d+)"|name="id" value="(\d+)"[\s\S]{0,400}?name="intent" value="withdraw"/.exec(html);
        return m ? (m[1] ?? m[2]) : null;
      };
      if (step === "take part") {
        const taking = kind === "register" ? { intent: "register", eventDateId: String(w.eventDateId), partySize: "1", consent: "on" } : { intent: "apply", shiftId: String(w.shiftId), consent: "on", message: "" };
        const res = await fetch(new URL(page, config.origin), form(w.residentCookie, taking));
        ok = res.status === 303;
        detail = `${kind} ${res.status}`;
        // The resident's own page right after: their registration or application, with its withdraw button.
        const after = await get(page, w.residentCookie);
        visible = after.status === 200 && after.cacheControl.includes("no-store") && withdrawId(after.html) !== null;
      } else {
        const before = await get(page, w.residentCookie);
        const id = withdrawId(before.html);
        const res = id ? await fetch(new URL(page, config.origin), form(w.residentCookie, { intent: "withdraw", id })) : null;
        // A withdrawal answers on the same page (200, with its message) or redirects.
        ok = res !== null && (res.status === 200 || res.status === 303);
        detail = `withdraw ${res?.status ?? "nothing to withdraw"}`;
        const after = await get(page, w.residentCookie);
        visible = after.status === 200 && withdrawId(after.html) === null;
      }
    }
  } catch (error) {
    detail += ` ${error?.message ?? error}`;
  }
  writes.push({ kind: step ? `${kind}/${step}` : kind, ok, visible, ms: round(performance.now() - started, 1), detail });
}

async function writer(seconds, perSecond) {
  const lanes = [
    { steps: [["register", "take part"], ["register", "withdraw"]], busy: Promise.resolve(), n: 0 },
    { steps: [["apply", "take part"], ["apply", "withdraw"]], busy: Promise.resolve(), n: 0 },
    { steps: [["edit", null]], busy: Promise.resolve(), n: 0 },
  ];
  const every = 1000 / perSecond;
  const until = Date.now() + seconds * 1000;
  // Which lane each turn goes to: residents far outnumber organisers, so by default one write in ten is an edit
  // (config.editShare), the others alternate between registering and applying (each followed by withdrawing).
  const editEvery = Math.max(1, Math.round(1 / (config.editShare ?? 0.1)));
  let residentTurn = 0;
  let late = 0;
  for (let next = Date.now(), turn = 1; next < until; next += every, turn += 1) {
    await sleep(Math.max(0, next - Date.now()));
    const lane = turn % editEvery === 0 ? lanes[2] : lanes[residentTurn++ % 2];
    const waited = Date.now();
    await lane.busy;
    late = Math.max(late, Date.now() - waited);
    const [kind, step] = lane.steps[lane.n++ % lane.steps.length];
    lane.busy = write(kind, step);
  }
  // A lane that ends on a registration still withdraws it, so the next run starts from the same state.
  for (const lane of lanes) {
    await lane.busy;
    if (lane.n % lane.steps.length !== 0) await write(...lane.steps[lane.n % lane.steps.length]);
  }
  return late;
}

// ───────────── the run ─────────────
const reads = [];
let errors = 0;
let non2xx = 0;
const statuses = {};
// Warm-up: every URL of the mix once (8 at a time), as a portal up since morning has seen them, then load.
const all = everyPath();
const warmStart = Date.now();
for (let i = 0; i < all.length; i += 8)
  await Promise.all(all.slice(i, i + 8).map((p) => fetch(new URL(p, config.origin), { headers: config.headers }).then((r) => r.arrayBuffer())));
console.log(`• warm-up: ${all.length} URLs once in ${((Date.now() - warmStart) / 1000).toFixed(1)} s, then ${config.warmup} s of load`);
await readLoad(config.warmup, null);
await sleep(1000);
const rss = new Map();
const sampler = setInterval(() => {
  for (const pid of serverPids()) {
    const mb = rssMB(pid);
    if (mb !== null) rss.set(pid, Math.max(rss.get(pid) ?? 0, mb));
  }
}, 500);
const cpu0 = serverCpu();
const t0 = Date.now();
console.log(`• measuring ${config.duration} s: ${config.connections} connections reading, ${config.writesPerSecond} writes/s`);
const [result, writesLateMs] = await Promise.all([
  readLoad(config.duration, (status, ms) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status >= 200 && status < 300) reads.push(ms);
    else if (status !== 304) non2xx += 1;
  }),
  writer(config.duration, config.writesPerSecond),
]);
const seconds = (Date.now() - t0) / 1000;
const cpu = serverCpu() - cpu0;
clearInterval(sampler);
errors = result.errors + result.timeouts;
reads.sort((a, b) => a - b);
const out = {
  seconds: round(seconds, 1),
  reads: reads.length,
  readsPerSecond: round(reads.length / seconds, 0),
  p50: percentile(reads, 50),
  p95: percentile(reads, 95),
  p99: percentile(reads, 99),
  max: reads.at(-1) ?? null,
  errors,
  timeouts: result.timeouts,
  non2xx,
  statuses,
  cpuMsPerRequest: round((cpu * 1000) / Math.max(1, reads.length + writes.length * 4), 2),
  serverCpuSeconds: round(cpu, 1),
  writes: writes.length,
  writesAcknowledged: writes.filter((w) => w.ok).length,
  writesVisible: writes.filter((w) => w.visible).length,
  writeFailures: writes.filter((w) => !w.ok || !w.visible).slice(0, 5),
  writesLateMs,
  writeMsP95: percentile(writes.map((w) => w.ms).sort((a, b) => a - b), 95),
  rssMaxMB: Object.fromEntries([...rss].map(([pid, mb]) => [pid, Math.round(mb)])),
  rssMaxTotalMB: Math.round([...rss.values()].reduce((s, mb) => s + mb, 0)),
};
fs.writeFileSync(outFile, JSON.stringify(out, null, 2));
console.log(JSON.stringify(out));
