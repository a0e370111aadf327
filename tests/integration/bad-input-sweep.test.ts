import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import { dialect, prisma } from "~/utils/db.server";
import { serverI18n } from "~/modules/i18n/i18next.server";
import { CLIENT_IP_HEADER } from "~/modules/auth/rate-limit.server";
import { renderRoutes } from "../support/render-app";
import { ORIGIN, actionAnswer, ipFactory } from "../support/auth";
import { addDays, tokyoDateKey } from "~/utils/dates";
import { createGroup, createResident, createSession } from "../support/factories";
import { UI_NAMESPACES } from "~/modules/i18n/config";

// Issue 14's last bullet, SECURITY.md §3: every URL parameter of every route and every field of every form, sent
// the hostile values a visitor can type or forge, as the visitor who can reach that page. Nothing answers 5xx,
// nothing a visitor typed comes back as markup, a refused value is refused with a translated message, and a refused
// request leaves the database as it was.

type Actor = "anonymous" | "resident" | "organiser" | "staff";
type Module = { loader?: (args: LoaderFunctionArgs) => unknown; action?: (args: ActionFunctionArgs) => unknown };
type Route = { id: string; file: string; pattern: string; module: Module; actor: Actor };

const nextIp = ipFactory(114);
/** A sweep of every form posts about a thousand times, each between two snapshots of every table; on a loaded 2-core
 * machine (and on PostgreSQL, over a socket) that takes minutes, not the default 20 s. */
const FORM_SWEEP_TIMEOUT_MS = 240_000;
const EMAILS: Record<Exclude<Actor, "anonymous">, string> = { resident: "resident@example.jp", organiser: "owner@example.jp", staff: "staff@example.jp" };
const cookies: Record<Actor, string> = { anonymous: "", resident: "", organiser: "", staff: "" };

/** Who can reach a route: a page is swept as the visitor it is for, so the sweep gets past the door. */
function actorOf(id: string): Actor {
  if (id.startsWith("manage.groups.")) return "organiser";
  if (id.startsWith("staff") || id.startsWith("translate.review")) return "staff";
  if (id.startsWith("me.") || id.startsWith("manage.") || id.startsWith("translate.")) return "resident";
  return "anonymous";
}

/** Sample values for path parameters, filled in from the seeded database. */
const sample: Record<string, string> = {};

function pathParams(route: Route): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [, name] of route.pattern.matchAll(/:(\w+)/g)) {
    if (name === "id") {
      const kind = route.id.split(".")[0]!;
      params.id =
        kind === "events" ? sample.event! : kind === "volunteer" ? sample.opening! : kind === "translate" ? sample.submission! : kind === "staff" ? sample.place! : sample.place!;
    } else if (name === "groupId" && route.id.startsWith("staff.")) params.groupId = sample.staffGroupId!;
    else params[name!] = sample[name!] ?? "1";
  }
  if (route.pattern === "*") params["*"] = "no-such-page";
  return params;
}

function pathOf(route: Route, params: Record<string, string>): string {
  if (route.pattern === "*") return `/${params["*"]}`;
  return `/${route.pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name]!))}`;
}

let routes: Route[] = [];
let handle: (request: Request) => Promise<Response>;

function request(route: Route, url: string, init: { method?: string; body?: BodyInit; contentType?: string } = {}): Request {
  const headers = new Headers({ [CLIENT_IP_HEADER]: nextIp(), Origin: ORIGIN });
  if (cookies[route.actor]) headers.set("Cookie", cookies[route.actor]);
  if (init.contentType) headers.set("Content-Type", init.contentType);
  return new Request(`${ORIGIN}${url}`, { method: init.method ?? "GET", headers, body: init.body });
}

/** What a loader or action answered: its status, and its data when it returned data. */
async function call(run: () => unknown): Promise<{ status: number; data?: unknown; error?: string }> {
  try {
    const out = await run();
    if (out instanceof Response) return { status: out.status };
    return actionAnswer(out);
  } catch (error) {
    if (error instanceof Response) return { status: error.status };
    return { status: 500, error: error instanceof Error ? `${error.message}\n${error.stack?.split("\n").slice(1, 4).join("\n")}` : String(error) };
  }
}


beforeAll(async () => {
  const manifest = flatRoutes(path.resolve("app"), ["**/.*", "**/*.test.{ts,tsx}"]);
  const fullPattern = (id: string): string => {
    const info = manifest[id]!;
    const own = info.path ?? "";
    const parent = info.parentId && info.parentId !== "root" ? fullPattern(info.parentId) : "";
    return [parent, own].filter(Boolean).join("/");
  };
  ({ handle } = await renderRoutes(Object.keys(manifest).map((k) => k.replace(/^routes\//, ""))));
  routes = await Promise.all(
    Object.keys(manifest).map(async (key) => {
      const id = key.replace(/^routes\//, "");
      const module = (await import(path.resolve("app", manifest[key]!.file))) as Module;
      return { id, file: manifest[key]!.file, pattern: fullPattern(key), module, actor: actorOf(id) };
    }),
  );
  for (const [actor, email] of Object.entries(EMAILS)) {
    cookies[actor as Actor] = await createSession(await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } }));
  }
  const published = { status: "published", group: { status: "approved" } };
  sample.place = String((await prisma.place.findFirstOrThrow({ where: { ...published, scheduleRule: { not: "" } }, select: { id: true } })).id);
  sample.event = String((await prisma.event.findFirstOrThrow({ where: published, select: { id: true } })).id);
  sample.opening = String((await prisma.opening.findFirstOrThrow({ where: published, select: { id: true } })).id);
  sample.groupId = "1";
  sample.placeId = String((await prisma.place.findFirstOrThrow({ where: { groupId: 1 }, select: { id: true } })).id);
  sample.eventId = String((await prisma.event.findFirstOrThrow({ where: { groupId: 1 }, select: { id: true } })).id);
  sample.openingId = String((await prisma.opening.findFirstOrThrow({ where: { groupId: 1, shifts: { some: {} } }, select: { id: true } })).id);
  // Staff suspend people and groups from these pages: the sweep does it to ones of its own.
  sample.userId = String((await createResident({ name: "掃除 住民" })).id);
  sample.staffGroupId = String((await createGroup({ name: "掃除の会" })).id);
  sample.kind = "place";
  sample.lng = "ja";
  sample.ns = "places";
  sample.token = "1.99999.x";
  sample.fileName = `${"0".repeat(32)}.webp`;
  const translator = await prisma.user.create({ data: { email: "sweep-translator@test.example.jp", name: "翻訳 掃除" }, select: { id: true } });
  sample.submission = String((await prisma.translationSubmission.create({ data: { entityType: "place", entityId: Number(sample.place), locale: "vi", translatorId: translator.id }, select: { id: true } })).id);
}, 120_000);



/** Query strings some pages need to show their form at all (the language asked for, a date of the calendar). */
const BASE_QUERY: Record<string, string> = { "translate.$kind.$id": "lang=en", "manage.invite": "token=x" };

// ---------------------------------------------------------------------------------------------------------------
// The corpus (SECURITY.md §3).

const XSS = "<img src=x onerror=alert(1)>こんにちは";
const ATTR = '"><svg/onload=alert(1)>';
const SCRIPT = "</script><script>alert(1)</script>";
/** What must never come back as markup, whatever was sent. */
const MARKUP = [/<img src=x onerror/i, /<svg\/onload/i, /<script>alert\(1\)/i];

const TEXT_VALUES: [string, string][] = [
  ["an img tag", XSS],
  ["an attribute breakout", ATTR],
  ["a closing script tag", SCRIPT],
  ["full-width script", "＜script＞alert(1)＜/script＞"],
  ["a javascript: URL", "javascript:alert(1)"],
  ["a markdown link", "[予約](javascript:alert(1))"],
  ["SQL", "'; DROP TABLE \"User\";--"],
  ["LIKE wildcards", "%_\\' OR '1'='1"],
  ["CRLF and a header", "山田\r\nBcc: x@evil.example"],
  ["an RTL override", "report\u202egpj.exe"],
];
/** Only where a link is asked for (the group's website): the other spellings of a script URL. */
const URL_VALUES: [string, string][] = [
  ["a mixed-case javascript: URL with a space", " JaVaScRiPt:alert(1)"],
  ["an entity-encoded javascript: URL", "&#x6A;avascript:alert(1)"],
  ["a data: URL", "data:text/html,<script>alert(1)</script>"],
  ["a protocol-relative URL", "//evil.example"],
];
/** Only in multi-line text (descriptions, messages); one-line fields' limits are text-input-sweep's. */
const LONG_VALUES: [string, string][] = [["100 000 characters", "あ".repeat(100_000)]];
const NUMBER_VALUES: [string, string][] = [
  ["-1", "-1"],
  ["1.5", "1.5"],
  ["1e9", "1e9"],
  ["NaN", "NaN"],
  ["full-width ２０", "２０"],
  ["2^53 + 1", "9007199254740993"],
  ["spaces around", " 5 "],
  ["an img tag", XSS],
];
const DATE_VALUES: [string, string][] = [
  ["29 February of a common year", "2025-02-29"],
  ["30 February", "2025-02-30"],
  ["month 13", "2025-13-01"],
  ["year 3000", "3000-01-01"],
  ["not a date", XSS],
];
const TIME_VALUES: [string, string][] = [
  ["25:00", "25:00"],
  ["not a time", XSS],
];
const CHOICE_VALUES: [string, string][] = [
  ["an unknown choice", XSS],
  ["-1", "-1"],
  ["1e9", "1e9"],
];

function valuesFor(field: Field): [string, string][] {
  if (field.type === "date") return DATE_VALUES;
  if (field.type === "time") return TIME_VALUES;
  if (field.type === "number" || /(^|\.|\])(capacity|slots|hours|minAge|partySize|fee|registrationCloseHours)$|Id$|^id$/.test(field.name)) return NUMBER_VALUES;
  if (["select", "checkbox", "radio"].includes(field.type)) return CHOICE_VALUES;
  if (field.type === "url" || /website|url|link/i.test(field.name)) return [...TEXT_VALUES, ...URL_VALUES];
  if (field.type === "textarea") return [...TEXT_VALUES, ...LONG_VALUES];
  return TEXT_VALUES;
}

// ---------------------------------------------------------------------------------------------------------------
// Forms, as the pages render them.

type Field = { name: string; type: string; value: string; options: string[] };
type Form = { route: Route; url: string; params: Record<string, string>; fields: Field[]; submit?: { name: string; value: string } };

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)(?:="([^"]*)")?/g)) out[m[1]!.toLowerCase()] = decode(m[2] ?? "");
  return out;
}

/** The POST forms of a rendered page: each field with its type and the value the page fills in. */
function formsOf(html: string) {
  const forms: { action: string; fields: Field[]; submits: { name: string; value: string }[] }[] = [];
  for (const m of html.matchAll(/<form\b((?:[^>"]|"[^"]*")*)>([\s\S]*?)<\/form>/g)) {
    const a = attrs(m[1]!);
    if ((a.method ?? "get").toLowerCase() !== "post") continue;
    const fields: Field[] = [];
    const submits: { name: string; value: string }[] = [];
    for (const t of m[2]!.matchAll(/<(textarea|select)\b((?:[^>"]|"[^"]*")*)>([\s\S]*?)<\/\1>|<(input|button)\b((?:[^>"]|"[^"]*")*)>/g)) {
      const kind = t[1] ?? t[4]!;
      const f = attrs(t[2] ?? t[5]!);
      if (!f.name || "disabled" in f) continue;
      if (kind === "button" || f.type === "submit") submits.push({ name: f.name, value: f.value ?? "" });
      else if (kind === "textarea") fields.push({ name: f.name, type: "textarea", value: decode(t[3]!), options: [] });
      else if (kind === "select") {
        const options = [...t[3]!.matchAll(/<option\b((?:[^>"]|"[^"]*")*)>/g)].map((o) => attrs(o[1]!));
        const chosen = options.find((o) => "selected" in o) ?? options.find((o) => o.value) ?? options[0];
        fields.push({ name: f.name, type: "select", value: chosen?.value ?? "", options: options.map((o) => o.value ?? "") });
      } else if (f.type !== "file") {
        const type = f.type ?? "text";
        const on = type !== "checkbox" && type !== "radio" ? true : "checked" in f;
        fields.push({ name: f.name, type, value: on ? (f.value ?? (type === "checkbox" ? "on" : "")) : "", options: on ? [] : [f.value ?? "on"] });
      }
    }
    forms.push({ action: a.action ?? "", fields, submits });
  }
  return forms;
}

/** Values for fields a new-item form leaves empty, so that the swept field is the only thing wrong with it. */
const FILL: Record<string, () => string> = {
  title: () => "掃除の催し",
  name: () => "掃除の会",
  nameKana: () => "そうじのかい",
  contactName: () => "掃除 花子",
  date: () => day(12),
  startTime: () => "10:00",
  endTime: () => "12:00",
  "shifts[0].date": () => day(12),
  "shifts[0].start": () => "09:00",
  "shifts[0].end": () => "11:00",
  "shifts[0].slots": () => "3",
  surface: () => "掃除",
  reading: () => "そうじ",
  reason: () => "掃除のための理由",
  message: () => "掃除のお知らせです",
  description: () => "掃除の説明",
};
const day = (n: number) => tokyoDateKey(addDays(new Date(), n));

/** The fields a browser would send: checked boxes and filled fields, in page order (repeated names kept). */
function bodyOf(form: Form, override?: { name: string; value: string }): URLSearchParams {
  const body = new URLSearchParams();
  let replaced = false;
  for (const field of form.fields) {
    if (override && field.name === override.name) {
      if (!replaced) body.append(field.name, override.value);
      replaced = true;
    } else if (field.type === "checkbox" || field.type === "radio") {
      if (field.value !== "") body.append(field.name, field.value);
    } else body.append(field.name, field.value || (FILL[field.name]?.() ?? ""));
  }
  if (override && !replaced) body.append(override.name, override.value);
  if (form.submit) body.set(form.submit.name, form.submit.value);
  return body;
}

// ---------------------------------------------------------------------------------------------------------------
// What "nothing stored" means: every table's rows and the length of everything in them, but for the tables a
// request writes whoever sends it (rate limits, the session's last-seen time).

const UNCHANGED_BY_REFUSALS = (name: string) => !["RateLimit", "Session", "_prisma_migrations"].includes(name) && !name.startsWith("sqlite_") && !name.startsWith("SearchDocument");
let snapshotSql = "";
/** Per table: its row count, its highest rowid and, where it has one, the latest updatedAt (an edit moves it). */
async function snapshot(): Promise<Record<string, string>> {
  if (!snapshotSql && dialect() === "postgresql") {
    // The same per table on PostgreSQL: row count, highest id (join tables have none) and latest updatedAt.
    const columns = await prisma.$queryRawUnsafe<{ t: string; c: string }[]>(
      "SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public'",
    );
    const has = (table: string, column: string) => columns.some((x) => x.t === table && x.c === column);
    snapshotSql = [...new Set(columns.map((x) => x.t))]
      .filter(UNCHANGED_BY_REFUSALS)
      .map((table) => {
        const id = has(table, "id") ? " || '/' || coalesce(max(\"id\"), 0)" : "";
        const updated = has(table, "updatedAt") ? " || '/' || coalesce(max(\"updatedAt\")::text, '')" : "";
        return "SELECT '" + table + "' AS t, count(*)::text" + id + updated + " AS v FROM \"" + table + "\"";
      })
      .join(" UNION ALL ");
  }
  if (!snapshotSql) {
    // Ordinary tables only: the search index's virtual and WITHOUT ROWID tables follow the rows they index.
    const all = await prisma.$queryRawUnsafe<{ name: string; sql: string | null }[]>("SELECT name, sql FROM sqlite_master WHERE type = 'table'");
    const tables = all.filter((t) => UNCHANGED_BY_REFUSALS(t.name) && !/VIRTUAL|WITHOUT ROWID/i.test(t.sql ?? "")).map((t) => t.name);
    const parts: string[] = [];
    for (const table of tables) {
      const columns = (await prisma.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM pragma_table_info(?)", table)).map((c) => c.name);
      const updated = columns.includes("updatedAt") ? " || '/' || ifnull(max(\"updatedAt\"), '')" : "";
      parts.push("SELECT '" + table + "' AS t, count(*) || '/' || ifnull(max(rowid), 0)" + updated + " AS v FROM \"" + table + "\"");
    }
    snapshotSql = parts.join(" UNION ALL ");
  }
  const rows = await prisma.$queryRawUnsafe<{ t: string; v: string }[]>(snapshotSql);
  return Object.fromEntries(rows.map((r) => [r.t, String(r.v)]));
}

function changes(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((t) => before[t] !== after[t]).map((t) => `${t} ${before[t]} → ${after[t]}`);
}

// ---------------------------------------------------------------------------------------------------------------
// What "a translated message" means: every message key of a refusal is in the Japanese files, as Japanese.

const jaT = serverI18n.getFixedT("ja", UI_NAMESPACES as unknown as string[]);
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/** The message keys of a refusal: the errors of each conform reply in the answer, and its `message`/`…Error` keys. */
function messagesOf(data: unknown, depth = 0): string[] {
  if (!data || typeof data !== "object" || depth > 3) return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (key === "initialValue") continue;
    if (typeof value === "string" && /^(message|error)$|Error$/.test(key)) out.push(value);
    else if (key === "error" && value && typeof value === "object") out.push(...Object.values(value as Record<string, string[] | null>).flatMap((list) => list ?? []));
    else out.push(...messagesOf(value, depth + 1));
  }
  return [...new Set(out)];
}

function untranslated(keys: string[]): string[] {
  return keys.filter((key) => {
    const text = jaT(key);
    return typeof text !== "string" || text === key || !JAPANESE.test(text);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// URL parameters.

/** Every query parameter a loader of this app reads (listing filters, search, paging, tokens, notices, months…). */
const QUERY_NAMES = [
  ...["area", "category", "audience", "type", "language", "beginner", "free", "barrierFree", "available", "online", "day", "time", "from", "to", "sort", "town", "near", "page"],
  ...["q", "fy", "date", "mode", "cancel", "redirectTo", "returnTo", "match", "token", "lang", "month", "view", "done", "year", "status", "format", "kind", "like", "when", "saved"],
  ...["reason", "sent", "registered", "notice", "copied", "submitted", "reviewed", "refused", "approved", "decided", "dismissed", "applied", "joined", "invite", "home", "group", "members"],
  ...["languageChanged", "newEmail", "email", "alt", "photo", "photoId", "inviteId", "actor", "action", "entity", "user", "weekends", "weekdays", "mornings", "evenings", "outdoors", "fee"],
];

const QUERY_VALUES: [string, string][] = [
  ["an img tag", XSS],
  ["an attribute breakout", ATTR],
  ["a closing script tag", SCRIPT],
  ["SQL", "'; DROP TABLE \"User\";--"],
  ["LIKE wildcards", "%"],
  ["an underscore", "_"],
  ["a backslash", "\\"],
  ["page -1", "-1"],
  ["1e9", "1e9"],
  ["NaN", "NaN"],
  ["2^53 + 1", "9007199254740993"],
  ["30 February", "2025-02-30"],
  ["month 13", "2025-13-01"],
  ["year 3000", "3000-01"],
  ["a month of year 0", "0000-00"],
  ["a javascript: URL", "javascript:alert(1)"],
  ["a protocol-relative URL", "//evil.example"],
  ["an over-long value", "𠮷".repeat(5_000)],
  ["a NUL", "a\u0000b"],
];

/** Hand-written query strings: ORM-shaped parameters, huge repeats, and percent-encoding that does not decode. */
const RAW_QUERIES: [string, string][] = [
  ["a sort by a secret column", "sort=user.passwordHash"],
  ["a Prisma-shaped where", "where[email][contains]=@&where%5Bstatus%5D=hidden"],
  ["a huge take", "take=100000&skip=-1&limit=1e9"],
  ["5 000 repeated tags", Array.from({ length: 5_000 }, (_, i) => `tag=${i}`).join("&")],
  ["5 000 repeated areas", Array.from({ length: 5_000 }, () => "area=fujimi").join("&")],
  ["malformed percent-encoding", "q=%E0%A4%A&month=%&date=%ZZ&page=%"],
  ["array-shaped params", "page[]=1&q[]=a&area[0]=x"],
];

function queryFor(value: string): string {
  return QUERY_NAMES.map((name) => `${name}=${encodeURIComponent(value)}`).join("&");
}

describe("every URL parameter of every route", () => {
  it("answers hostile query parameters without a server error, as the visitor each page is for", async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const route of routes) {
      if (!route.module.loader) continue;
      const params = pathParams(route);
      const base = pathOf(route, params);
      const queries = [...QUERY_VALUES.map(([what, v]) => [what, queryFor(v)] as const), ...RAW_QUERIES];
      // A loader that is never given the request cannot read its query: one hostile query is enough to show it.
      const reads = route.module.loader.toString().includes("request");
      for (const [what, query] of reads ? queries : queries.slice(0, 1)) {
        const url = `${base}?${BASE_QUERY[route.id] ? `${BASE_QUERY[route.id]}&` : ""}${query}`;
        const out = await call(() => route.module.loader!({ request: request(route, url), params, context: {} }));
        calls += 1;
        if (out.status >= 500) failures.push(`${route.id} (${route.actor}) with ${what}: ${out.status} ${out.error ?? ""}`);
      }
    }
    expect(calls).toBeGreaterThan(1_000);
    expect(failures).toEqual([]);
  }, 120_000);

  it("answers hostile path parameters (ids, kinds, tokens, file names) without a server error", async () => {
    const VALUES = ["-1", "0", "1.5", "1e9", "9007199254740993", "NaN", "abc", "%", "_", "..%2f..%2fetc%2fpasswd", "x.jpg%00.html", XSS, "１", " 1 ", "1;DROP TABLE User"];
    const failures: string[] = [];
    for (const route of routes) {
      const params = pathParams(route);
      for (const name of Object.keys(params)) {
        for (const value of VALUES) {
          const hostile = { ...params, [name]: value };
          const url = `${pathOf(route, { ...params, [name]: "x" })}`;
          const runs = [route.module.loader, route.module.action].filter(Boolean) as ((args: LoaderFunctionArgs) => unknown)[];
          for (const run of runs) {
            const method = run === route.module.action ? "POST" : "GET";
            const body = method === "POST" ? new URLSearchParams({ intent: "save" }) : undefined;
            const out = await call(() => run({ request: request(route, url, { method, body, contentType: body ? "application/x-www-form-urlencoded" : undefined }), params: hostile, context: {} }));
            if (out.status >= 500) failures.push(`${method} ${route.id} with ${name}=${JSON.stringify(value)}: ${out.status} ${out.error ?? ""}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("never sends back a query parameter as markup, on any page", async () => {
    const failures: string[] = [];
    for (const route of routes) {
      if (!route.module.loader) continue;
      const params = pathParams(route);
      const url = `${pathOf(route, params)}?${BASE_QUERY[route.id] ? `${BASE_QUERY[route.id]}&` : ""}${queryFor(`${XSS}${ATTR}${SCRIPT}`)}`;
      const res = await handle(request(route, url));
      const body = await res.text();
      if (res.status >= 500) failures.push(`${route.id}: ${res.status}`);
      const type = res.headers.get("Content-Type") ?? "";
      const shown = MARKUP.filter((re) => re.test(body));
      if (shown.length && /html|xml|svg/.test(type)) failures.push(`${route.id} (${type}) shows ${shown.join(", ")} as markup`);
    }
    expect(failures).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Every field of every form.

/**
 * Forms the sweep leaves to their own tests: they end the session or the membership the rest of the sweep signs in
 * with (log out, log out everywhere, delete the account, leave or hand over the group), which says nothing about
 * how a field is read.
 */
const ENDS_THE_SWEEP = /^(\/logout|.*intent=(logout-everywhere|leave|transfer-ownership|remove-member|make-owner|send-code))|^\/me\/delete/;

async function discoverForms(): Promise<Form[]> {
  const found = new Map<string, Form>();
  for (const route of routes) {
    if (!route.module.loader) continue;
    const params = pathParams(route);
    const page = `${pathOf(route, params)}${BASE_QUERY[route.id] ? `?${BASE_QUERY[route.id]}` : ""}`;
    const res = await handle(request(route, page));
    if (res.status !== 200 || !(res.headers.get("Content-Type") ?? "").includes("html")) continue;
    for (const form of formsOf(await res.text())) {
      const target = new URL(form.action || page, `${ORIGIN}${page}`);
      // A static segment wins over a parameter (…/events/new over …/events/:eventId), as in Remix.
      const owner = routes
        .filter((r) => r.module.action && matches(r, target.pathname, target.searchParams.has("index")))
        .sort((a, b) => (a.pattern.match(/:/g) ?? []).length - (b.pattern.match(/:/g) ?? []).length)[0];
      if (!owner) continue;
      for (const submit of form.submits.length ? form.submits : [undefined]) {
        const label = `${target.pathname}${submit ? `?${submit.name}=${submit.value}` : ""}`;
        const intent = form.fields.find((f) => f.name === "intent")?.value;
        const key = `${owner.id}|${submit?.value ?? intent ?? ""}|${form.fields.map((f) => f.name).join(",")}`;
        if (ENDS_THE_SWEEP.test(label) || ENDS_THE_SWEEP.test(`${target.pathname}?intent=${intent ?? ""}`) || found.has(key)) continue;
        // The same owner's page decides who posts it (the settings form is on every page: anyone may post it).
        found.set(key, { route: { ...owner, actor: route.actor }, url: `${target.pathname}${target.search}`, params: paramsOf(owner, target.pathname), fields: form.fields, submit });
      }
    }
  }
  return [...found.values()];
}

function patternRegex(route: Route): RegExp {
  const source = route.pattern
    .split("/")
    .map((part) => (part.startsWith(":") ? "([^/]+)" : part.replace(/[.[\]]/g, "\\$&")))
    .join("/");
  return new RegExp(`^/${source}/?$`);
}
function matches(route: Route, pathname: string, index: boolean): boolean {
  if (route.pattern === "*") return false;
  if (!patternRegex(route).test(pathname)) return false;
  const isIndex = route.id.endsWith("_index");
  const hasIndexSibling = routes.some((r) => r !== route && r.id.endsWith("_index") && r.module.action && patternRegex(r).test(pathname));
  return !hasIndexSibling || isIndex === index;
}
function paramsOf(route: Route, pathname: string): Record<string, string> {
  const names = [...route.pattern.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const values = patternRegex(route).exec(pathname)!.slice(1);
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(values[i]!)]));
}

async function post(form: Form, body: BodyInit, contentType = "application/x-www-form-urlencoded") {
  return call(() => form.route.module.action!({ request: request(form.route, form.url, { method: "POST", body, contentType }), params: form.params, context: {} }));
}

const MASS_ASSIGNMENT = { status: "approved", role: "staff", groupId: "2", capacity: "9999", createdById: "1", userId: "1", isStaff: "true", emailVerifiedAt: "2020-01-01" };

describe("every field of every form", () => {
  let forms: Form[] = [];
  beforeAll(async () => {
    forms = await discoverForms();
  }, FORM_SWEEP_TIMEOUT_MS);

  it("finds the forms of the public, resident, organiser and staff pages", () => {
    const owners = new Set(forms.map((f) => f.route.id));
    for (const id of ["signup", "login", "report.$kind.$id", "me._index", "me.profile", "manage._index", "manage.groups.$groupId.events.new", "manage.groups.$groupId.openings.$openingId", "manage.groups.$groupId.places.$placeId_.translations", "staff.people.new", "staff.readings", "settings.display"]) {
      expect(owners, id).toContain(id);
    }
  });

  // Each field of a route is swept once (a form's second button, 提出 after 下書き保存, reads the same fields).
  const names = new Set<string>();
  it.each<[Actor, number]>([
    ["anonymous", 100],
    ["resident", 100],
    ["organiser", 500],
    ["staff", 100],
  ])("refuses each hostile value from the %s's forms with a translated message and stores nothing, or stores it as text", async (actor, least) => {
    const failures: string[] = [];
    let posts = 0;
    for (const form of forms.filter((f) => f.route.actor === actor)) {
      for (const field of form.fields) {
        const key = `${form.route.id}|${field.name}`;
        if (field.name === "intent" || field.name === HONEYPOT || names.has(key)) continue;
        names.add(key);
        const done = new Set<string>();
        for (const [what, value] of valuesFor(field)) {
          if (done.has(value)) continue;
          done.add(value);
          const before = await snapshot();
          const out = await post(form, bodyOf(form, { name: field.name, value }));
          posts += 1;
          const label = `${form.route.id} ${form.submit?.value ?? ""} ${field.name}=${what}`;
          if (out.status >= 500) {
            failures.push(`${label}: ${out.status} ${out.error ?? ""}`);
            continue;
          }
          if (out.status === 400 || (out.status === 200 && messagesOf(out.data).length && isRefusal(out.data))) {
            const messages = messagesOf(out.data);
            if (out.status !== 400) failures.push(`${label}: refused with status ${out.status}`);
            if (out.data !== undefined && !messages.length) failures.push(`${label}: refused without a message`);
            const raw = untranslated(messages);
            if (raw.length) failures.push(`${label}: untranslated ${JSON.stringify(raw)}`);
            const changed = changes(before, await snapshot());
            if (changed.length) failures.push(`${label}: refused but stored ${changed.join("; ")}`);
          }
        }
      }
    }
    expect(posts).toBeGreaterThan(least);
    expect(failures).toEqual([]);
  }, FORM_SWEEP_TIMEOUT_MS);

  // A JSON or text/plain body never reaches an action: the HTTP layer answers it 400 (server/http-input.js, and the
  // browser test visitor-never-runs-stored-script posts one to the running server).
  it("keeps out fields no form has (mass assignment) and answers unknown intents without a server error", async () => {
    const before = {
      staff: await prisma.userRole.count({ where: { role: { name: "staff" } } }),
      groups: await prisma.group.findMany({ select: { id: true, status: true }, orderBy: { id: "asc" } }),
      group2: await Promise.all([prisma.place.count({ where: { groupId: 2 } }), prisma.event.count({ where: { groupId: 2 } }), prisma.opening.count({ where: { groupId: 2 } })]),
    };
    const failures: string[] = [];
    const seen = new Set<string>();
    for (const form of forms) {
      const label = `${form.route.id} ${form.submit?.value ?? ""}`;
      const body = bodyOf(form);
      for (const [k, v] of Object.entries(MASS_ASSIGNMENT)) if (!body.has(k)) body.append(k, v);
      const out = await post(form, body);
      if (out.status >= 500) failures.push(`${label} with extra fields: ${out.status} ${out.error ?? ""}`);
      if (seen.has(form.route.id)) continue;
      seen.add(form.route.id);
      const snap = await snapshot();
      for (const [what, sent, type] of [
        ["an unknown intent", new URLSearchParams({ intent: XSS }), "application/x-www-form-urlencoded"],
      ] as const) {
        const answer = await post(form, sent, type);
        if (answer.status >= 500) failures.push(`${form.route.id} with ${what}: ${answer.status} ${answer.error ?? ""}`);
        else if (answer.status === 400 && changes(snap, await snapshot()).length) failures.push(`${form.route.id} refused ${what} but stored it`);
      }
    }
    expect(failures).toEqual([]);
    expect(await prisma.userRole.count({ where: { role: { name: "staff" } } })).toBe(before.staff);
    expect(await prisma.group.findMany({ select: { id: true, status: true }, orderBy: { id: "asc" } })).toEqual(before.groups);
    expect(await Promise.all([prisma.place.count({ where: { groupId: 2 } }), prisma.event.count({ where: { groupId: 2 } }), prisma.opening.count({ where: { groupId: 2 } })])).toEqual(before.group2);
    expect(await prisma.event.count({ where: { capacity: 9999 } })).toBe(0);
  }, FORM_SWEEP_TIMEOUT_MS);

  it("shows every stored hostile value as text on every page that shows it", async () => {
    const failures: string[] = [];
    for (const route of routes) {
      if (!route.module.loader) continue;
      const params = pathParams(route);
      const res = await handle(request(route, `${pathOf(route, params)}${BASE_QUERY[route.id] ? `?${BASE_QUERY[route.id]}` : ""}`));
      const body = await res.text();
      if (res.status >= 500) failures.push(`${route.id}: ${res.status}`);
      const shown = MARKUP.filter((re) => re.test(body));
      if (shown.length && /html|xml|svg/.test(res.headers.get("Content-Type") ?? "")) failures.push(`${route.id} shows ${shown.join(", ")} as markup`);
    }
    // The sweep did store some of them: a title or description is free text (the check above is then about something).
    expect(await prisma.place.count({ where: { OR: [{ name: { contains: "<img src=x" } }, { description: { contains: "<img src=x" } }] } })).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  }, FORM_SWEEP_TIMEOUT_MS);
});

const HONEYPOT = "website_url";
function isRefusal(data: unknown): boolean {
  return (data as { result?: { status?: string } })?.result?.status === "error";
}
