import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server";
import { createSession } from "../support/factories";

// SECURITY.md row 21: every route's loader and action is authorised on the server. The matrix below has an
// expected outcome for every route file and every kind of visitor; a new route without an entry fails here.

type Actor = "anonymous" | "resident" | "groupA" | "groupB" | "staff";
type Outcome = 200 | 403 | 404 | "login" | "redirect" | 405;
type Expect = Record<Actor, Outcome>;

const everyone = (o: Outcome): Expect => ({ anonymous: o, resident: o, groupA: o, groupB: o, staff: o });
const signedIn = (o: Outcome): Expect => ({ anonymous: "login", resident: o, groupA: o, groupB: o, staff: o });
const guestsOnly: Expect = { anonymous: 200, resident: "redirect", groupA: "redirect", groupB: "redirect", staff: "redirect" };

/** `ownSession`: the route ends the session it is called with, so each call gets a session of its own. */
type Entry = { url: string; params?: Record<string, string>; loader?: Expect; action?: Expect; ownSession?: boolean; context?: Record<string, unknown> };

/** Sample ids are filled in from the seeded database before the tests run. */
const ids = { submission: "0", place: "0", event: "0", opening: "0", placeDate: "", group1Opening: "0", group1Place: "0", group1Event: "0", resident: "0" };

/** The organiser workspace of group 1: its members only (owner@example.jp); everyone else gets the same 404. */
const groupAOnly: Expect = { anonymous: "login", resident: 404, groupA: 200, groupB: 404, staff: 404 };

/** The staff workspace: staff only; a signed-in resident or group member gets the 404 of a page that does not exist. */
const staffOnly = (o: Outcome = 200): Expect => ({ anonymous: "login", resident: 404, groupA: 404, groupB: 404, staff: o });

const MATRIX: Record<string, () => Entry> = {
  staff: () => ({ url: "/staff", loader: staffOnly() }),
  "staff._index": () => ({ url: "/staff", loader: staffOnly() }),
  "staff.review._index": () => ({ url: "/staff/review", loader: staffOnly(), action: staffOnly() }),
  "staff.review.$kind.$id": () => ({ url: `/staff/review/place/${ids.place}`, params: { kind: "place", id: ids.place }, loader: staffOnly(), action: staffOnly() }),
  "staff.reports._index": () => ({ url: "/staff/reports", loader: staffOnly() }),
  // An empty decision is a 400 with the form's errors (data, so 200 here); a complete one redirects back to the page.
  "staff.reports.$kind.$id": () => ({ url: `/staff/reports/place/${ids.place}`, params: { kind: "place", id: ids.place }, loader: staffOnly(), action: staffOnly() }),
  // 「問題を報告」: anyone, no account needed; an empty form is answered with its errors (a 400 as data).
  "report.$kind.$id": () => ({ url: `/report/place/${ids.place}`, params: { kind: "place", id: ids.place }, loader: everyone(200), action: everyone(200) }),
  // Groups and people: an empty POST is answered with the form's errors (400 data), never a change.
  "staff.groups._index": () => ({ url: "/staff/groups?status=pending&q=会", loader: staffOnly() }),
  "staff.groups.$groupId": () => ({ url: "/staff/groups/1", params: { groupId: "1" }, loader: staffOnly(), action: staffOnly() }),
  "staff.people._index": () => ({ url: "/staff/people?q=鶴ヶ島", loader: staffOnly() }),
  "staff.people.new": () => ({ url: "/staff/people/new", loader: staffOnly(), action: staffOnly() }),
  "staff.readings": () => ({ url: "/staff/readings", loader: staffOnly(), action: staffOnly() }),
  "staff.people.$userId": () => ({ url: `/staff/people/${ids.resident}`, params: { userId: ids.resident }, loader: staffOnly(), action: staffOnly() }),
  // Issue 10's figures: bad input to an action is a 400 page (counted as 200 here: a page, not a thrown Response).
  "staff.freshness": () => ({ url: "/staff/freshness", loader: staffOnly(), action: staffOnly() }),
  "staff.dashboard": () => ({ url: "/staff/dashboard", loader: staffOnly() }),
  "staff.dashboard[.]csv": () => ({ url: "/staff/dashboard.csv", loader: staffOnly() }),
  "staff.audit": () => ({ url: "/staff/audit", loader: staffOnly() }),
  // 人材バンク: openings short of volunteers and, for one, the opted-in residents who fit; group organisers get the
  // same 404 as residents. An empty invitation is answered with its error (a 400 as data, so 200 here).
  "staff.openings._index": () => ({ url: "/staff/openings", loader: staffOnly() }),
  "staff.openings.$openingId.people": () => ({
    url: `/staff/openings/${ids.opening}/people`,
    params: { openingId: ids.opening },
    loader: staffOnly(),
    action: staffOnly(),
  }),
  "staff.audit[.]csv": () => ({ url: "/staff/audit.csv", loader: staffOnly() }),
  // The 要確認 reminder's one-click link needs no account: the token is the permission (a wrong one: "not valid").
  "places.$id_.confirm": () => ({ url: `/places/${ids.place}/confirm?token=x`, params: { id: ids.place }, loader: everyone(200), action: everyone(200) }),
  // The weekly digest's unsubscribe link needs no account either: the signed token is the permission (a bad one: "not valid").
  "unsubscribe.$token": () => ({ url: "/unsubscribe/1.99999.x", params: { token: "1.99999.x" }, loader: everyone(200), action: everyone(200) }),
  _index: () => ({ url: "/", loader: everyone(200) }),
  $: () => ({ url: "/no-such-page", params: { "*": "no-such-page" }, loader: everyone(404) }),
  healthz: () => ({ url: "/healthz", loader: everyone(200) }),
  readyz: () => ({ url: "/readyz", loader: everyone(200) }),
  "sitemap[.]xml": () => ({ url: "/sitemap.xml", loader: everyone(200) }),
  "robots[.]txt": () => ({ url: "/robots.txt", loader: everyone(200) }),
  search: () => ({ url: "/search?q=サロン", loader: everyone(200) }),
  // The quick match: anyone, answers in the address; 興味なし posted empty is a 400 with its errors (data, so 200).
  match: () => ({ url: "/match?like=elderly&when=weekday-am&area=fujimi", loader: everyone(200), action: everyone(200) }),
  privacy: () => ({ url: "/privacy", loader: everyone(200) }),
  accessibility: () => ({ url: "/accessibility", loader: everyone(200) }),
  // 表示の設定: anyone may choose for themselves; an empty form is answered with its errors (400 data, so 200 here).
  "settings.display": () => ({ url: "/settings/display", loader: everyone(200), action: everyone(200) }),
  "opendata._index": () => ({ url: "/opendata", loader: everyone(200) }),
  "opendata.events[.]csv": () => ({ url: "/opendata/events.csv", loader: everyone(200) }),
  "opendata.places[.]csv": () => ({ url: "/opendata/places.csv", loader: everyone(200) }),
  "places.map[.]json": () => ({ url: "/places/map.json?area=fujimi", loader: everyone(200) }),
  "places._index": () => ({ url: "/places", loader: everyone(200) }),
  "places.$id": () => ({ url: `/places/${ids.place}`, params: { id: ids.place }, loader: everyone(200) }),
  "events._index": () => ({ url: "/events", loader: everyone(200) }),
  "events.$id": () => ({ url: `/events/${ids.event}`, params: { id: ids.event }, loader: everyone(200), action: signedIn(200) }),
  "places.$id.calendar[.]ics": () => ({ url: `/places/${ids.place}/calendar.ics?date=${ids.placeDate}`, params: { id: ids.place }, loader: everyone(200) }),
  "events.$id.calendar[.]ics": () => ({ url: `/events/${ids.event}/calendar.ics`, params: { id: ids.event }, loader: everyone(200) }),
  // The interface's words with furigana for a namespace loaded after a client navigation: public, like /locales.
  "furigana.$lng.$ns[.]json": () => ({ url: "/furigana/ja/places.json", params: { lng: "ja", ns: "places" }, loader: everyone(200) }),
  "feeds.events[.]ics": () => ({ url: "/feeds/events.ics", loader: everyone(200) }),
  "feeds.events[.]rss": () => ({ url: "/feeds/events.rss", loader: everyone(200) }),
  "volunteer._index": () => ({ url: "/volunteer", loader: everyone(200) }),
  "volunteer.$id": () => ({ url: `/volunteer/${ids.opening}`, params: { id: ids.opening }, loader: everyone(200), action: signedIn(200) }),
  // Print for outreach: the flyers of public items and the large-print monthly list are public, like the pages they print.
  "places.$id_.flyer": () => ({ url: `/places/${ids.place}/flyer`, params: { id: ids.place }, loader: everyone(200) }),
  "events.$id_.flyer": () => ({ url: `/events/${ids.event}/flyer`, params: { id: ids.event }, loader: everyone(200) }),
  "volunteer.$id_.flyer": () => ({ url: `/volunteer/${ids.opening}/flyer`, params: { id: ids.opening }, loader: everyone(200) }),
  "print.month": () => ({ url: "/print/month?month=2026-12", loader: everyone(200) }),
  login: () => ({ url: "/login", loader: guestsOnly, action: everyone(200) }),
  "login_.code": () => ({ url: "/login/code", loader: everyone(200), action: everyone(200) }),
  signup: () => ({ url: "/signup", loader: everyone(200), action: everyone(200) }),
  verify: () => ({ url: "/verify", loader: everyone(200), action: everyone(200) }),
  "forgot-password": () => ({ url: "/forgot-password", loader: everyone(200), action: everyone(200) }),
  "reset-password": () => ({ url: "/reset-password", loader: everyone(200), action: everyone(200) }),
  logout: () => ({ url: "/logout", loader: everyone("redirect"), action: everyone("redirect"), ownSession: true }),
  "me._index": () => ({ url: "/me", loader: signedIn(200), action: signedIn(200) }),
  "me.email": () => ({ url: "/me/email", loader: signedIn(200), action: signedIn(200) }),
  // The matching profile: one's own only; an empty form is answered with its errors (400 data, so 200 here).
  "me.profile": () => ({ url: "/me/profile", loader: signedIn(200), action: signedIn(200) }),
  "me.delete": () => ({ url: "/me/delete", loader: signedIn(200), action: signedIn(200) }),
  "manage.groups.$groupId.openings.$openingId_.applicants": () => ({
    url: `/manage/groups/1/openings/${ids.group1Opening}/applicants`,
    params: { groupId: "1", openingId: ids.group1Opening },
    loader: { anonymous: "login", resident: 404, groupA: 200, groupB: 404, staff: 404 },
    action: { anonymous: "login", resident: 404, groupA: 200, groupB: 404, staff: 404 },
  }),
  "manage.groups.$groupId.events.$eventId_.registrations": () => ({
    url: `/manage/groups/1/events/${ids.group1Event}/registrations`,
    params: { groupId: "1", eventId: ids.group1Event },
    loader: { anonymous: "login", resident: 404, groupA: 200, groupB: 404, staff: 404 },
    action: { anonymous: "login", resident: 404, groupA: 200, groupB: 404, staff: 404 },
  }),
  "manage.groups.$groupId.openings.$openingId_.applicants[.]csv": () => ({
    url: `/manage/groups/1/openings/${ids.group1Opening}/applicants.csv`,
    params: { groupId: "1", openingId: ids.group1Opening },
    loader: { anonymous: "login", resident: 404, groupA: 200, groupB: 404, staff: 404 },
  }),
  "manage._index": () => ({ url: "/manage", loader: signedIn(200), action: signedIn(200) }),
  // An empty or unknown token: the page says "not valid"; posting it sends you back to /manage.
  "manage.invite": () => ({ url: "/manage/invite?token=x", loader: signedIn(200), action: signedIn("redirect") }),
  "manage.groups.$groupId._index": () => ({ url: "/manage/groups/1", params: { groupId: "1" }, loader: groupAOnly, action: groupAOnly }),
  "manage.groups.$groupId.profile": () => ({ url: "/manage/groups/1/profile", params: { groupId: "1" }, loader: groupAOnly, action: groupAOnly }),
  "manage.groups.$groupId.places.new": () => ({ url: "/manage/groups/1/places/new", params: { groupId: "1" }, loader: groupAOnly, action: groupAOnly }),
  "manage.groups.$groupId.places.$placeId": () => ({
    url: `/manage/groups/1/places/${ids.group1Place}`,
    params: { groupId: "1", placeId: ids.group1Place },
    loader: groupAOnly,
    action: groupAOnly,
  }),
  "manage.groups.$groupId.places.$placeId_.photos": () => ({
    url: `/manage/groups/1/places/${ids.group1Place}/photos`,
    params: { groupId: "1", placeId: ids.group1Place },
    loader: groupAOnly,
    action: groupAOnly,
  }),
  // Only names of stored photos of public places; an unknown (well-formed) name is the same 404 for everyone.
  "photos.$fileName": () => ({ url: `/photos/${"0".repeat(32)}.webp`, params: { fileName: `${"0".repeat(32)}.webp` }, loader: everyone(404) }),
  "manage.groups.$groupId.events.new": () => ({ url: "/manage/groups/1/events/new", params: { groupId: "1" }, loader: groupAOnly, action: groupAOnly }),
  "manage.groups.$groupId.events.$eventId": () => ({
    url: `/manage/groups/1/events/${ids.group1Event}`,
    params: { groupId: "1", eventId: ids.group1Event },
    loader: groupAOnly,
    action: groupAOnly,
  }),
  "manage.groups.$groupId.openings.new": () => ({ url: "/manage/groups/1/openings/new", params: { groupId: "1" }, loader: groupAOnly, action: groupAOnly }),
  "manage.groups.$groupId.openings.$openingId": () => ({
    url: `/manage/groups/1/openings/${ids.group1Opening}`,
    params: { groupId: "1", openingId: ids.group1Opening },
    loader: groupAOnly,
    action: groupAOnly,
  }),
  // Translations of an item: its group's members only, like the rest of the workspace (an empty POST is a 400 page).
  "manage.groups.$groupId.places.$placeId_.translations": () => ({
    url: `/manage/groups/1/places/${ids.group1Place}/translations`,
    params: { groupId: "1", placeId: ids.group1Place },
    loader: groupAOnly,
    action: groupAOnly,
  }),
  "manage.groups.$groupId.events.$eventId_.translations": () => ({
    url: `/manage/groups/1/events/${ids.group1Event}/translations`,
    params: { groupId: "1", eventId: ids.group1Event },
    loader: groupAOnly,
    action: groupAOnly,
  }),
  "manage.groups.$groupId.openings.$openingId_.translations": () => ({
    url: `/manage/groups/1/openings/${ids.group1Opening}/translations`,
    params: { groupId: "1", openingId: ids.group1Opening },
    loader: groupAOnly,
    action: groupAOnly,
  }),
  // Community translation: any signed-in resident; an empty translation is answered with the form's error.
  "translate._index": () => ({ url: "/translate", loader: signedIn(200) }),
  "translate.$kind.$id": () => ({ url: `/translate/place/${ids.place}?lang=en`, params: { kind: "place", id: ids.place }, loader: signedIn(200), action: signedIn(200) }),
  // Reviewing one: staff, or volunteers with enough reviewed translations (none among these actors); others get a 404.
  "translate.review.$id": () => ({ url: `/translate/review/${ids.submission}`, params: { id: ids.submission }, loader: staffOnly(), action: staffOnly() }),
  "me.certificate": () => ({ url: "/me/certificate", loader: signedIn(200) }),
  "me.export": () => ({ url: "/me/export", loader: signedIn(200) }),
  // Only on a loopback-bound server without an email provider, for a visitor connected from loopback.
  "dev.mail": () => ({ url: "/dev/mail", context: { socketAddress: "127.0.0.1" }, loader: everyone(200) }),
};

const ROUTES_DIR = path.resolve("app/routes");
const routeFiles = fs
  .readdirSync(ROUTES_DIR)
  .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f))
  .map((f) => f.replace(/\.(ts|tsx)$/, ""));

const cookies: Record<Actor, string> = { anonymous: "", resident: "", groupA: "", groupB: "", staff: "" };
const EMAILS: Record<Exclude<Actor, "anonymous">, string> = {
  resident: "resident@example.jp",
  groupA: "owner@example.jp",
  groupB: "owner2@example.jp",
  staff: "staff@example.jp",
};

async function cookieFor(email: string) {
  return createSession(await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } }));
}

beforeAll(async () => {
  for (const [actor, email] of Object.entries(EMAILS)) cookies[actor as Actor] = await cookieFor(email);
  ids.resident = String((await prisma.user.findUniqueOrThrow({ where: { email: EMAILS.resident }, select: { id: true } })).id);
  const published = { status: "published", group: { status: "approved" } };
  const place = await prisma.place.findFirstOrThrow({ where: { ...published, scheduleRule: { not: "" } }, select: { id: true } });
  ids.place = String(place.id);
  const { getPublishedPlace } = await import("~/modules/places/queries.server");
  const { tokyoDateKey } = await import("~/utils/dates");
  ids.placeDate = tokyoDateKey(new Date((await getPublishedPlace(place.id, "ja"))!.nextDates[0]!.startsAt));
  ids.event = String((await prisma.event.findFirstOrThrow({ where: published, select: { id: true } })).id);
  ids.group1Place = String((await prisma.place.findFirstOrThrow({ where: { groupId: 1 }, select: { id: true } })).id);
  ids.group1Event = String((await prisma.event.findFirstOrThrow({ where: { groupId: 1 }, select: { id: true } })).id);
  ids.group1Event = String((await prisma.event.findFirstOrThrow({ where: { groupId: 1 }, select: { id: true } })).id);
  ids.group1Opening = String((await prisma.opening.findFirstOrThrow({ where: { groupId: 1 }, select: { id: true } })).id);
  ids.opening = String((await prisma.opening.findFirstOrThrow({ where: published, select: { id: true } })).id);
  // A community translation waiting for review (by someone who is none of the actors).
  const translator = await prisma.user.create({ data: { email: "matrix-translator@test.example.jp", name: "翻訳 行列" }, select: { id: true } });
  ids.submission = String((await prisma.translationSubmission.create({ data: { entityType: "place", entityId: place.id, locale: "vi", translatorId: translator.id }, select: { id: true } })).id);
});

async function outcomeOf(run: () => unknown): Promise<Outcome | string> {
  try {
    const result = await run();
    if (result instanceof Response) return classify(result);
    return 200;
  } catch (error) {
    if (error instanceof Response) return classify(error);
    throw error;
  }
}

function classify(res: Response): Outcome | string {
  if (res.status >= 300 && res.status < 400) {
    return (res.headers.get("Location") ?? "").startsWith("/login") ? "login" : "redirect";
  }
  return res.status as Outcome;
}

const ACTORS: Actor[] = ["anonymous", "resident", "groupA", "groupB", "staff"];

describe("route × role matrix", () => {
  it("has an entry for every route file (add one when you add a route)", () => {
    const missing = routeFiles.filter((f) => !(f in MATRIX));
    expect(missing).toEqual([]);
    const stale = Object.keys(MATRIX).filter((k) => !routeFiles.includes(k));
    expect(stale).toEqual([]);
  });

  for (const file of routeFiles) {
    const build = MATRIX[file];
    if (!build) continue;
    it(`${file}: loader and action answer each visitor as expected`, async () => {
      const entry = build();
      const mod = (await import(`../../app/routes/${file}.tsx`).catch(() => import(`../../app/routes/${file}.ts`))) as {
        loader?: (args: LoaderFunctionArgs) => unknown;
        action?: (args: ActionFunctionArgs) => unknown;
      };
      expect(Boolean(mod.action), `${file} exports an action: the matrix must say who may call it`).toBe(Boolean(entry.action));
      for (const actor of ACTORS) {
        const headers: Record<string, string> = { "X-Tsunagu-Client-Ip": `10.9.${ACTORS.indexOf(actor)}.1` };
        if (actor !== "anonymous") headers.Cookie = entry.ownSession ? await cookieFor(EMAILS[actor]) : cookies[actor];
        if (entry.loader && mod.loader) {
          const request = new Request(new URL(entry.url, "http://localhost:3000"), { headers });
          const got = await outcomeOf(() => mod.loader!({ request, params: entry.params ?? {}, context: entry.context ?? {} }));
          expect(got, `${actor} GET ${entry.url}`).toBe(entry.loader[actor]);
        }
        if (entry.action && mod.action) {
          if (actor !== "anonymous" && entry.ownSession) headers.Cookie = await cookieFor(EMAILS[actor]);
          const request = new Request(new URL(entry.url, "http://localhost:3000"), { method: "POST", headers, body: new URLSearchParams({}) });
          const got = await outcomeOf(() => mod.action!({ request, params: entry.params ?? {}, context: {} }));
          expect(got, `${actor} POST ${entry.url}`).toBe(entry.action[actor]);
        }
      }
    });
  }
});

// Item 5 of the security review: the group's status decides too (canActForGroup). The same workspace routes, called
// by group A's owner while group A is suspended (read-only: pages open, nothing changes, no contacts or exports)
// and while it is pending (drafts and profile only: no exports, no actions on participants). Every manage route
// under a group needs an entry here as well.
type StatusExpect = { loader?: Outcome; action?: Outcome };
const BY_STATUS: Record<string, Record<"suspended" | "pending", StatusExpect>> = {
  "manage.groups.$groupId._index": { suspended: { loader: 200, action: 403 }, pending: { loader: 200, action: 200 } },
  "manage.groups.$groupId.profile": { suspended: { loader: 403, action: 403 }, pending: { loader: 200, action: 200 } },
  "manage.groups.$groupId.places.new": { suspended: { loader: 403, action: 403 }, pending: { loader: 200, action: 200 } },
  "manage.groups.$groupId.places.$placeId": { suspended: { loader: 200, action: 403 }, pending: { loader: 200, action: 200 } },
  "manage.groups.$groupId.places.$placeId_.photos": { suspended: { loader: 200, action: 403 }, pending: { loader: 200, action: 200 } },
  "manage.groups.$groupId.events.new": { suspended: { loader: 403, action: 403 }, pending: { loader: 200, action: 200 } },
  "manage.groups.$groupId.events.$eventId": { suspended: { loader: 200, action: 403 }, pending: { loader: 200, action: 200 } },
  "manage.groups.$groupId.events.$eventId_.registrations": { suspended: { loader: 200, action: 403 }, pending: { loader: 200, action: 403 } },
  "manage.groups.$groupId.openings.new": { suspended: { loader: 403, action: 403 }, pending: { loader: 200, action: 200 } },
  "manage.groups.$groupId.openings.$openingId": { suspended: { loader: 200, action: 403 }, pending: { loader: 200, action: 200 } },
  "manage.groups.$groupId.openings.$openingId_.applicants": { suspended: { loader: 200, action: 403 }, pending: { loader: 200, action: 403 } },
  "manage.groups.$groupId.openings.$openingId_.applicants[.]csv": { suspended: { loader: 403 }, pending: { loader: 403 } },
  // Translating is changing an item: a suspended group reads its translations but cannot change them.
  "manage.groups.$groupId.places.$placeId_.translations": { suspended: { loader: 200, action: 403 }, pending: { loader: 200, action: 200 } },
  "manage.groups.$groupId.events.$eventId_.translations": { suspended: { loader: 200, action: 403 }, pending: { loader: 200, action: 200 } },
  "manage.groups.$groupId.openings.$openingId_.translations": { suspended: { loader: 200, action: 403 }, pending: { loader: 200, action: 200 } },
};

for (const status of ["suspended", "pending"] as const) {
  describe(`route × role matrix with group A ${status}`, () => {
    let before = "approved";
    beforeAll(async () => {
      before = (await prisma.group.findUniqueOrThrow({ where: { id: 1 }, select: { status: true } })).status;
      await prisma.group.update({ where: { id: 1 }, data: { status } });
    });
    afterAll(async () => {
      await prisma.group.update({ where: { id: 1 }, data: { status: before } });
    });

    it("has an entry for every workspace route of a group", () => {
      expect(routeFiles.filter((f) => f.startsWith("manage.groups.") && !(f in BY_STATUS))).toEqual([]);
    });

    for (const [file, expected] of Object.entries(BY_STATUS)) {
      it(`${file}: group A's owner gets what a ${status} group may do`, async () => {
        const entry = MATRIX[file]!();
        const mod = (await import(`../../app/routes/${file}.tsx`).catch(() => import(`../../app/routes/${file}.ts`))) as {
          loader?: (args: LoaderFunctionArgs) => unknown;
          action?: (args: ActionFunctionArgs) => unknown;
        };
        const headers = { "X-Tsunagu-Client-Ip": "10.9.20.1", Cookie: cookies.groupA };
        const want = expected[status];
        if (want.loader !== undefined) {
          const request = new Request(new URL(entry.url, "http://localhost:3000"), { headers });
          expect(await outcomeOf(() => mod.loader!({ request, params: entry.params ?? {}, context: {} })), `GET ${entry.url}`).toBe(want.loader);
        }
        expect(Boolean(mod.action), `${file} exports an action: say what a ${status} group gets`).toBe(want.action !== undefined);
        if (want.action !== undefined) {
          const request = new Request(new URL(entry.url, "http://localhost:3000"), { method: "POST", headers, body: new URLSearchParams({}) });
          expect(await outcomeOf(() => mod.action!({ request, params: entry.params ?? {}, context: {} })), `POST ${entry.url}`).toBe(want.action);
        }
      });
    }
  });
}
