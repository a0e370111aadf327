import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { countItemView, countViewOfPath, flushItemViews } from "~/modules/publishing/views.server";

// How often each public item's page is read orders the community translation list (most read first). Views
// rendered by the app and views the page cache answers are both counted; nothing else is.

const viewsOf = async (entityType: string, entityId: number) =>
  (await prisma.itemView.findUnique({ where: { entityType_entityId: { entityType, entityId } } }))?.count ?? 0;

describe("item view counts", () => {
  it("counts a detail page answered from the page cache as a view of that item, and ignores other pages", async () => {
    const before = { place: await viewsOf("place", 900001), event: await viewsOf("event", 900002), opening: await viewsOf("opening", 900003) };
    countViewOfPath("/places/900001");
    countViewOfPath("/places/900001/");
    countViewOfPath("/events/900002");
    countViewOfPath("/volunteer/900003");
    // Not an item's page: a list, a flyer, a calendar file, an id that is not a number.
    for (const path of ["/places", "/places/900001/flyer", "/events/900002/calendar.ics", "/volunteer/abc", "/placesX/900001"]) countViewOfPath(path);
    await flushItemViews();
    expect(await viewsOf("place", 900001)).toBe(before.place + 2);
    expect(await viewsOf("event", 900002)).toBe(before.event + 1);
    expect(await viewsOf("opening", 900003)).toBe(before.opening + 1);
  });

  it("adds up views counted while the app renders and while the cache answers", async () => {
    const before = await viewsOf("place", 900004);
    countItemView("place", 900004);
    countViewOfPath("/places/900004");
    await flushItemViews();
    expect(await viewsOf("place", 900004)).toBe(before + 2);
  });
});
