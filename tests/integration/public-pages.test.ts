import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dialect, prisma } from "~/utils/db.server";
import { loader as homeLoader } from "~/routes/_index";
import { loader as placesLoader } from "~/routes/places._index";
import { loader as placeLoader } from "~/routes/places.$id";
import { loader as eventsLoader } from "~/routes/events._index";
import { loader as eventLoader } from "~/routes/events.$id";
import { loader as volunteerLoader } from "~/routes/volunteer._index";
import { loader as openingLoader } from "~/routes/volunteer.$id";
import { loader as searchLoader } from "~/routes/search";
import { loader as healthLoader } from "~/routes/healthz";
import { loader as readyLoader } from "~/routes/readyz";
import { loader as rootLoader } from "~/root";
import { createPlace } from "../support/factories";
import { callLoader, thrownStatus } from "./helpers";

describe("the database the app runs on", () => {
  it("/healthz answers 200 with the database reachable, never cached", async () => {
    const res = await healthLoader();
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(await res.json()).toMatchObject({ status: "ok", database: "ok" });
  });

  it("/readyz answers 200 once every shipped migration is applied, and 503 naming the missing one when one is not", async () => {
    const ready = await readyLoader();
    expect(ready.status).toBe(200);
    expect(ready.headers.get("Cache-Control")).toBe("no-store");
    // Each database has its own migrations folder (docs/decisions/022-postgresql.md).
    const folder = dialect() === "postgresql" ? path.resolve("prisma", "postgresql", "migrations") : path.resolve("prisma", "migrations");
    const shipped = fs.readdirSync(folder).filter((name) => fs.existsSync(path.join(folder, name, "migration.sql")));
    expect(await ready.json()).toEqual({ status: "ready", migrations: shipped.length });
    // As after an upgrade whose migration has not run yet: the newest one is not recorded as applied.
    const newest = shipped.sort().at(-1)!;
    const hidden = `${newest}-not-yet`;
    await prisma.$executeRaw`UPDATE "_prisma_migrations" SET migration_name = ${hidden} WHERE migration_name = ${newest}`;
    try {
      const notReady = await readyLoader();
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({ status: "not-ready", ready: false, reason: "migrations-pending", pending: [newest] });
    } finally {
      await prisma.$executeRaw`UPDATE "_prisma_migrations" SET migration_name = ${newest} WHERE migration_name = ${hidden}`;
    }
    expect((await readyLoader()).status).toBe(200);
  });
});

describe("resident browses places (居場所)", () => {
  it("lists only published places of approved groups, with the total", async () => {
    const data = await callLoader(placesLoader, "/places");
    const expected = await prisma.place.count({ where: { status: "published", group: { status: "approved" } } });
    expect(data.total).toBe(expected);
    expect(data.items.length).toBe(Math.min(20, expected));
    const statuses = await prisma.place.findMany({ where: { id: { in: data.items.map((i) => i.id) } }, select: { status: true } });
    expect(statuses.every((s) => s.status === "published")).toBe(true);
  });

  it("filters by area with a shareable GET parameter", async () => {
    const area = await prisma.area.findFirstOrThrow({ where: { places: { some: { status: "published" } } }, select: { id: true, slug: true } });
    const data = await callLoader(placesLoader, `/places?area=${area.slug}`);
    const expected = await prisma.place.count({ where: { status: "published", group: { status: "approved" }, areaId: area.id } });
    expect(data.total).toBe(expected);
    expect(data.items.every((p) => p.areaSlug === area.slug)).toBe(true);
  });

  it("combines filters and shows nothing rather than an error for impossible combinations", async () => {
    const data = await callLoader(placesLoader, "/places?free=1&beginner=1&barrierFree=1&language=xx");
    expect(data.total).toBe(0);
    expect(data.items).toEqual([]);
  });

  it("ignores hostile parameters instead of failing", async () => {
    const data = await callLoader(placesLoader, "/places?page=-1&sort=user.passwordHash&area=%27%20OR%20%271%27%3D%271");
    expect(data.filters.page).toBe(1);
    expect(data.total).toBeGreaterThan(0);
  });

  it("opens a published place with its next dates in the future", async () => {
    const place = await prisma.place.findFirstOrThrow({
      where: { status: "published", group: { status: "approved" }, scheduleRule: { not: "" } },
      select: { id: true, name: true },
    });
    const data = await callLoader(placeLoader, `/places/${place.id}`, { id: String(place.id) });
    expect(data.place.name).toBe(place.name);
    expect(data.place.nextDates.length).toBeGreaterThan(0);
    expect(new Date(data.place.nextDates[0]!.startsAt).getTime()).toBeGreaterThan(Date.now());
  });

  it.each(["draft", "pending", "hidden"])("answers 404 for a %s place, as for a missing one", async (status) => {
    const place = await prisma.place.findFirst({ where: { status }, select: { id: true } });
    expect(place, `seed has a ${status} place`).not.toBeNull();
    expect(await thrownStatus(() => callLoader(placeLoader, `/places/${place!.id}`, { id: String(place!.id) }))).toBe(404);
  });

  it("answers 404 for a published place of a group that is not approved", async () => {
    const group = await prisma.group.findFirstOrThrow({ where: { status: { not: "approved" } }, select: { id: true } });
    const place = await createPlace(group, { typeId: 1, name: "非公開団体の居場所", nameKana: "ひこうかい" });
    expect(await thrownStatus(() => callLoader(placeLoader, `/places/${place.id}`, { id: String(place.id) }))).toBe(404);
    await prisma.place.delete({ where: { id: place.id } });
  });

  it.each(["abc", "0", "-1", "1e3", "99999999999", "1.5"])("answers 404 for the id %j", async (id) => {
    expect(await thrownStatus(() => callLoader(placeLoader, `/places/${id}`, { id }))).toBe(404);
  });

  it("never sends the address or pin of an 'area only' place (e.g. こども食堂) to the browser", async () => {
    const place = await prisma.place.findFirstOrThrow({
      where: { status: "published", showAreaOnly: true, group: { status: "approved" }, address: { not: "" } },
      select: { id: true, address: true },
    });
    const data = await callLoader(placeLoader, `/places/${place.id}`, { id: String(place.id) });
    expect(data.place.address).toBeNull();
    expect(data.place.lat).toBeNull();
    expect(data.place.lng).toBeNull();
    expect(JSON.stringify(data)).not.toContain(place.address);
  });
});

it("no public place shares its street address with an 'area only' place (which would reveal it)", async () => {
  const hidden = await prisma.place.findMany({ where: { showAreaOnly: true, address: { not: "" } }, select: { address: true } });
  const shown = await prisma.place.findMany({
    where: { showAreaOnly: false, status: "published", address: { in: hidden.map((h) => h.address) } },
    select: { name: true },
  });
  expect(shown).toEqual([]);
});

describe("resident browses events (催し)", () => {
  it("lists upcoming dates of published events only, soonest first", async () => {
    const data = await callLoader(eventsLoader, "/events");
    expect(data.total).toBeGreaterThan(0);
    const starts = data.items.map((i) => new Date(i.startsAt).getTime());
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(starts[0]!).toBeGreaterThanOrEqual(Date.now() - 1000);
    const events = await prisma.event.findMany({ where: { id: { in: data.items.map((i) => i.eventId) } }, select: { status: true } });
    expect(events.every((e) => e.status === "published")).toBe(true);
  });

  it("keeps cancelled dates visible and marked, and leaves paused dates out", async () => {
    const cancelled = await prisma.eventDate.findFirstOrThrow({
      where: { status: "cancelled", startsAt: { gt: new Date() }, event: { status: "published" } },
      select: { id: true, eventId: true },
    });
    const detail = await callLoader(eventLoader, `/events/${cancelled.eventId}`, { id: String(cancelled.eventId) });
    expect(detail.event.dates.find((d) => d.id === cancelled.id)?.status).toBe("cancelled");

    const paused = await prisma.eventDate.findMany({ where: { status: "paused" }, select: { id: true } });
    expect(paused.length).toBeGreaterThan(0);
    const pausedIds = new Set(paused.map((p) => p.id));
    for (let page = 1; page <= 3; page++) {
      const list = await callLoader(eventsLoader, `/events?page=${page}`);
      expect(list.items.some((i) => pausedIds.has(i.dateId))).toBe(false);
    }
  });

  it("answers 404 for an event that is not published", async () => {
    const draft = await prisma.event.findFirstOrThrow({ where: { status: { not: "published" } }, select: { id: true } });
    expect(await thrownStatus(() => callLoader(eventLoader, `/events/${draft.id}`, { id: String(draft.id) }))).toBe(404);
  });
});

describe("resident browses volunteer openings (ボランティア募集)", () => {
  it("lists published openings and filters by way of taking part", async () => {
    const all = await callLoader(volunteerLoader, "/volunteer");
    expect(all.total).toBe(await prisma.opening.count({ where: { status: "published", group: { status: "approved" } } }));
    const atHome = await callLoader(volunteerLoader, "/volunteer?mode=at-home");
    expect(atHome.total).toBeGreaterThan(0);
    expect(atHome.items.every((o) => o.mode === "at-home")).toBe(true);
    const bogus = await callLoader(volunteerLoader, "/volunteer?mode=passwordHash");
    expect(bogus.total).toBe(all.total);
  });

  it("opens an opening with its shifts and answers 404 for a closed or draft one", async () => {
    const open = await prisma.opening.findFirstOrThrow({ where: { status: "published", group: { status: "approved" }, ongoing: false, shifts: { some: { startsAt: { gte: new Date() } } } }, select: { id: true } });
    const data = await callLoader(openingLoader, `/volunteer/${open.id}`, { id: String(open.id) });
    expect(data.opening.shifts.length).toBeGreaterThan(0);
    const hidden = await prisma.opening.findFirstOrThrow({ where: { status: { not: "published" } }, select: { id: true } });
    expect(await thrownStatus(() => callLoader(openingLoader, `/volunteer/${hidden.id}`, { id: String(hidden.id) }))).toBe(404);
  });
});

describe("home page and search", () => {
  it("shows this week's events (none cancelled) and featured places", async () => {
    const data = await callLoader(homeLoader, "/");
    expect(data.places.length).toBe(6);
    expect(data.events.every((e) => e.status !== "cancelled")).toBe(true);
    const weekAhead = Date.now() + 14 * 24 * 3600 * 1000;
    expect(data.events.every((e) => new Date(e.startsAt).getTime() < weekAhead)).toBe(true);
  });

  it("finds places by Japanese words, in katakana or hiragana too", async () => {
    const data = await callLoader(searchLoader, "/search?q=食堂");
    expect(data.results.places.length).toBeGreaterThan(0);
    expect(data.results.places.some((p) => p.name.includes("食堂"))).toBe(true);
    const salon = await callLoader(searchLoader, "/search?q=ｻﾛﾝ");
    expect(salon.results.places.some((p) => p.name.includes("サロン"))).toBe(true);
  });

  it("treats SQL and LIKE wildcards as plain text", async () => {
    const data = await callLoader(searchLoader, `/search?q=${encodeURIComponent("' OR '1'='1")}`);
    expect(data.results.places).toEqual([]);
    expect(data.results.events).toEqual([]);
  });
});

describe("language", () => {
  it("uses ?lng=en, remembers it in a cookie, and translates content that has a translation", async () => {
    const res = await callLoader(rootLoader, "/?lng=en");
    expect(res.data.locale).toBe("en");
    expect(new Headers(res.init?.headers).get("Set-Cookie")).toMatch(/^lng=/);

    const published = await prisma.place.findMany({ where: { status: "published", group: { status: "approved" } }, select: { id: true } });
    const translated = await prisma.translation.findFirstOrThrow({
      where: { entityType: "place", field: "name", locale: "en", status: "approved", entityId: { in: published.map((p) => p.id) } },
      select: { entityId: true, value: true },
    });
    const data = await callLoader(placeLoader, `/places/${translated.entityId}?lng=en`, { id: String(translated.entityId) });
    expect(data.place.name).toBe(translated.value);
    expect(data.place.fieldLang.name).toBe("en");
  });

  it("follows Accept-Language when nothing else is set, and falls back to Japanese", async () => {
    expect((await callLoader(rootLoader, "/", {}, { "Accept-Language": "en-US,en;q=0.9" })).data.locale).toBe("en");
    expect((await callLoader(rootLoader, "/", {}, { "Accept-Language": "fr-FR" })).data.locale).toBe("ja");
    expect((await callLoader(rootLoader, "/?lng=xx")).data.locale).toBe("ja");
  });
});
