// Which cached pages a write makes stale, through the real indexing path and the real page cache: an anonymous
// visitor must not keep getting a page that a write changed (docs/decisions/018-page-cache-survives-writes.md).
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { indexItem, indexItemWithDependents } from "~/modules/search/documents.server";
import { createPageCache } from "../../server/page-cache.js";
import { createEvent, createGroup, createPlace } from "../support/factories";
import { answersAfter, visitorOf } from "../support/page-cache-visitor.js";

describe("an event moved to another place", () => {
  it("makes the page of the place it moved to stale, as well as the one it left, and no other place's", async () => {
    const group = await createGroup({ name: "鮮度テストの会" });
    const [from, to, elsewhere] = [await createPlace(group, { name: "旧会場 公民館" }), await createPlace(group, { name: "新会場 集会所" }), await createPlace(group, { name: "無関係の 居場所" })];
    const event = await createEvent(group, { title: "移転する 健康体操", placeId: from.id });
    await indexItem("event", event.id);

    const cache = createPageCache({ ttlMs: 300_000, sessionCookieNames: [], variantOf: async () => "ja" });
    // The place it is held at lists its date, linking the event; the others do not.
    const visit = visitorOf(cache, { body: (path: string) => (path === `/places/${from.id}` ? `<a href="/events/${event.id}">移転する 健康体操</a>` : "<p>予定はありません</p>") });
    for (const place of [from, to, elsewhere]) expect(await visit(`/places/${place.id}`)).toBe("rendered");
    for (const place of [from, to, elsewhere]) expect(await visit(`/places/${place.id}`)).toBe("hit");

    await prisma.event.update({ where: { id: event.id }, data: { placeId: to.id } });
    await indexItem("event", event.id);

    expect(await visit(`/places/${to.id}`)).toBe("rendered");
    expect(await visit(`/places/${from.id}`)).toBe("rendered");
    expect(await visit(`/places/${elsewhere.id}`)).toBe("hit");
  });
});

describe("a place renamed", () => {
  it("reaches the lists of places, search and the home page, and the event lists only where they show its events", async () => {
    const group = await createGroup({ name: "改名テストの会" });
    const place = await createPlace(group, { name: "改名前の 集会所" });
    const event = await createEvent(group, { title: "集会所の 健康体操", placeId: place.id });
    await indexItemWithDependents("place", place.id);

    const cache = createPageCache({ ttlMs: 300_000, sessionCookieNames: [], variantOf: async () => "ja" });
    // One list of events shows the event's card, which names its place; the other does not hold it.
    const showing = `/events?area=fujimi`;
    const visit = visitorOf(cache, { body: (path: string) => (path === showing ? `<a href="/events/${event.id}">集会所の 健康体操</a> 改名前の 集会所` : "<p>一覧</p>") });
    const pages = [showing, "/events?area=kita", "/volunteer", "/places", "/search?q=集会所", "/"];
    const after = await answersAfter(visit, pages, async () => {
      await prisma.place.update({ where: { id: place.id }, data: { name: "改名後の 交流館" } });
      await indexItemWithDependents("place", place.id);
    });
    expect(after).toEqual({
      [showing]: "rendered",
      "/places": "rendered",
      "/search?q=集会所": "rendered",
      "/": "rendered",
      "/events?area=kita": "hit",
      "/volunteer": "hit",
    });
  });
});
