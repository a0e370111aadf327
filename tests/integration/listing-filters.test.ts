import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { tokyoParts, parseTokyoDate } from "~/utils/dates";
import { loader as placesLoader } from "~/routes/places._index";
import { loader as eventsLoader } from "~/routes/events._index";
import { loader as volunteerLoader } from "~/routes/volunteer._index";
import { loader as mapLoader } from "~/routes/places.map[.]json";
import { callLoader } from "./helpers";

const PUBLIC = { status: "published", group: { status: "approved" } } as const;

describe("place filters", () => {
  it("weekday + time of day: every 居場所 meets on a Wednesday morning", async () => {
    const data = await callLoader(placesLoader, "/places?day=WE&time=morning");
    expect(data.total).toBeGreaterThan(0);
    const rows = await prisma.place.findMany({ where: { id: { in: data.items.map((p) => p.id) } }, select: { scheduleDays: true, scheduleStart: true } });
    for (const r of rows) {
      expect(r.scheduleDays).toContain(",WE,");
      expect(Number(r.scheduleStart.split(":")[0])).toBeLessThan(12);
    }
    const expected = await prisma.place.count({ where: { ...PUBLIC, scheduleDays: { contains: ",WE," }, scheduleMinute: { lt: 720 } } });
    expect(data.total).toBe(expected);
  });

  it("area + beginner + free + audience combine (AND) and match a direct count", async () => {
    const data = await callLoader(placesLoader, "/places?area=fujimi&beginner=1&free=1&audience=elderly");
    const expected = await prisma.place.count({
      where: { ...PUBLIC, area: { slug: "fujimi" }, beginnerFriendly: true, fee: 0, audiences: { some: { slug: "elderly" } } },
    });
    expect(data.total).toBe(expected);
  });

  it("nearest area first: the chosen area's places come before any other", async () => {
    const data = await callLoader(placesLoader, "/places?sort=near&near=kita");
    const inKita = data.items.filter((p) => p.areaSlug === "kita").length;
    expect(inKita).toBeGreaterThan(0);
    expect(data.items.slice(0, inKita).every((p) => p.areaSlug === "kita")).toBe(true);
    expect(data.total).toBe(await prisma.place.count({ where: PUBLIC }));
  });

  it("newest first follows the publication date", async () => {
    const data = await callLoader(placesLoader, "/places?sort=newest");
    const rows = await prisma.place.findMany({ where: { id: { in: data.items.map((p) => p.id) } }, select: { id: true, publishedAt: true } });
    const at = new Map(rows.map((r) => [r.id, r.publishedAt?.getTime() ?? 0]));
    const times = data.items.map((p) => at.get(p.id)!);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});

describe("event filters", () => {
  it("Saturday evenings only", async () => {
    const data = await callLoader(eventsLoader, "/events?day=SA&time=evening");
    for (const item of data.items) {
      const p = tokyoParts(new Date(item.startsAt));
      expect(p.weekday).toBe(6);
      expect(p.hour).toBeGreaterThanOrEqual(17);
    }
  });

  it("a date range (Tokyo days, inclusive) and a bad date that is ignored", async () => {
    const from = new Date(Date.now() + 10 * 86400_000);
    const key = (d: Date) => `${tokyoParts(d).year}-${String(tokyoParts(d).month).padStart(2, "0")}-${String(tokyoParts(d).day).padStart(2, "0")}`;
    const to = new Date(from.getTime() + 2 * 86400_000);
    const data = await callLoader(eventsLoader, `/events?from=${key(from)}&to=${key(to)}`);
    expect(data.total).toBeGreaterThan(0);
    const start = parseTokyoDate(key(from))!.getTime();
    const end = parseTokyoDate(key(to))!.getTime() + 86400_000;
    for (const item of data.items) {
      const t = new Date(item.startsAt).getTime();
      expect(t).toBeGreaterThanOrEqual(start);
      expect(t).toBeLessThan(end);
    }
    const ignored = await callLoader(eventsLoader, "/events?from=2025-02-30");
    const all = await callLoader(eventsLoader, "/events");
    expect(ignored.total).toBe(all.total);
  });

  it("'places left' leaves out full and cancelled dates", async () => {
    const data = await callLoader(eventsLoader, "/events?available=1");
    expect(data.total).toBeGreaterThan(0);
    for (const item of data.items) {
      expect(item.status === "scheduled" || item.status === "moved").toBe(true);
      expect(item.placesLeft === null || item.placesLeft > 0).toBe(true);
    }
    const full = await prisma.eventDate.findFirst({ where: { capacity: { not: null }, registeredCount: { gte: 1 }, startsAt: { gt: new Date() } }, select: { id: true, capacity: true, eventId: true } });
    expect(full, "the seed has a date with registrations and a capacity").not.toBeNull();
    {
      await prisma.eventDate.update({ where: { id: full!.id }, data: { registeredCount: full!.capacity! } });
      const again = await callLoader(eventsLoader, `/events?available=1`);
      const pages = Math.ceil(again.total / 20);
      const ids: number[] = [];
      for (let page = 1; page <= pages; page++) ids.push(...(await callLoader(eventsLoader, `/events?available=1&page=${page}`)).items.map((i) => i.dateId));
      expect(ids).not.toContain(full!.id);
    }
  });

  it("online only", async () => {
    const data = await callLoader(eventsLoader, "/events?online=1");
    expect(data.total).toBeGreaterThan(0);
    expect(data.items.every((i) => i.online)).toBe(true);
  });
});

describe("volunteer filters", () => {
  it("Saturday openings have a Saturday shift or are ongoing", async () => {
    const data = await callLoader(volunteerLoader, "/volunteer?day=SA");
    expect(data.total).toBeGreaterThan(0);
    for (const o of data.items) {
      if (o.ongoing) continue;
      const shifts = await prisma.shift.findMany({ where: { openingId: o.id, startsAt: { gte: new Date() } }, select: { startsAt: true } });
      expect(shifts.some((s) => tokyoParts(s.startsAt).weekday === 6)).toBe(true);
    }
  });

  it("online or from home", async () => {
    const data = await callLoader(volunteerLoader, "/volunteer?online=1");
    expect(data.total).toBeGreaterThan(0);
    expect(data.items.every((o) => o.mode === "online" || o.mode === "at-home")).toBe(true);
  });
});

describe("map points", () => {
  it("match the filtered list, and an 'area only' place sits at its area's centre, never at its own position", async () => {
    const data = await callLoader(placesLoader, "/places?type=kodomo-shokudo");
    const mapPoints = (await (await mapLoader({ request: new Request("http://localhost:3000/places/map.json?type=kodomo-shokudo"), params: {}, context: {} })).json()) as {
      id: number;
      lat: number;
      lng: number;
      areaOnly: boolean;
    }[];
    expect(mapPoints.length).toBe(data.total);
    const rows = await prisma.place.findMany({
      where: { id: { in: mapPoints.map((p) => p.id) } },
      select: { id: true, lat: true, lng: true, showAreaOnly: true, area: { select: { lat: true, lng: true } } },
    });
    const hidden = rows.filter((r) => r.showAreaOnly);
    expect(hidden.length).toBeGreaterThan(0);
    for (const r of hidden) {
      const point = mapPoints.find((p) => p.id === r.id)!;
      expect(point.areaOnly).toBe(true);
      expect([point.lat, point.lng]).toEqual([r.area!.lat, r.area!.lng]);
      expect(JSON.stringify(mapPoints)).not.toContain(String(r.lat));
    }
  });
});
