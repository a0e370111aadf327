import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "~/utils/db.server";
import { addDays, tokyoDateKey, tokyoSlot } from "~/utils/dates";
import { tokyoInstant } from "~/modules/schedule/months";
import { indexGroupItems } from "~/modules/search/documents.server";
import { photosDir } from "~/modules/photos/photos.server";
import { GROUP_STATUS, ITEM_STATUS, type GroupStatus, type ItemStatus } from "~/modules/publishing/visibility";
import { hideItem, suspendGroup, unsuspendGroup } from "~/modules/publishing/transitions.server";
import { loader as placesLoader } from "~/routes/places._index";
import { loader as placeLoader } from "~/routes/places.$id";
import { loader as placeMapLoader } from "~/routes/places.map[.]json";
import { loader as placeIcsLoader } from "~/routes/places.$id.calendar[.]ics";
import { loader as eventsLoader } from "~/routes/events._index";
import { loader as eventLoader } from "~/routes/events.$id";
import { loader as eventIcsLoader } from "~/routes/events.$id.calendar[.]ics";
import { loader as icsFeedLoader } from "~/routes/feeds.events[.]ics";
import { loader as rssFeedLoader } from "~/routes/feeds.events[.]rss";
import { loader as volunteerLoader } from "~/routes/volunteer._index";
import { loader as openingLoader } from "~/routes/volunteer.$id";
import { loader as searchLoader } from "~/routes/search";
import { loader as sitemapLoader } from "~/routes/sitemap[.]xml";
import { loader as photoLoader } from "~/routes/photos.$fileName";
import { callLoader } from "./helpers";

// What "public" means (publishing/visibility.ts), checked on every public surface at once: a place, an event and an
// opening in each state that is not public, or published by a group that is not approved, appear nowhere — not in a
// list, on a detail page, among related items, on the map, in search, in the calendar and RSS feeds, in the sitemap,
// in a calendar file, through a photo, nor as the venue or the upcoming events of another (public) item's page.

const DATA_DIR = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? "/tmp"}/tsunagu-publishing-${process.pid}-${Math.random().toString(36).slice(2)}`;
  process.env.DATA_DIR = dir;
  return dir;
});

/** Only the fixture's items speak these languages, so a filtered list shows them and nothing else. */
const OWN_LANGUAGE = "zz-pub";
const ANCHOR_LANGUAGE = "zz-anchor";
/** In the names of the fixture's items only, so one search finds all three. */
const TOKEN = "公開規則テスト";

type Fixture = {
  groupId: number;
  placeId: number;
  placeName: string;
  eventId: number;
  eventDateId: number;
  openingId: number;
  photoFile: string;
  dateKey: string;
  /** Another group's public place, event and opening: the event and opening meet at the fixture's place, and
   * the fixture's event meets at this place, so each page shows (or must not show) the fixture's items. */
  anchor: { placeId: number; eventId: number; openingId: number };
};

let fx: Fixture;

async function createFixture(): Promise<Fixture> {
  const suffix = crypto.randomBytes(4).toString("hex");
  const type = await prisma.placeType.create({ data: { slug: `publishing-${suffix}`, name: "公開規則の種類" }, select: { id: true } });
  const category = await prisma.category.create({ data: { slug: `publishing-${suffix}`, name: "公開規則の分野" }, select: { id: true } });
  const newGroup = (name: string) =>
    prisma.group.create({ data: { name, nameKana: "こうかいきそく", status: GROUP_STATUS.approved }, select: { id: true } });
  const group = await newGroup(`${TOKEN}の会`);
  const anchorGroup = await newGroup("基点の会");
  const day = addDays(new Date(), 2);
  const dateKey = tokyoDateKey(day);
  const startsAt = tokyoInstant(dateKey, "10:00");
  const endsAt = tokyoInstant(dateKey, "12:00");
  const dates = { create: [{ startsAt, endsAt, ...tokyoSlot(startsAt) }] };
  const shifts = { create: [{ startsAt, endsAt, slots: 5, ...tokyoSlot(startsAt) }] };
  const everyDay = { scheduleRule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU", scheduleStart: "10:00", scheduleEnd: "12:00" };
  const placeName = `${TOKEN}の居場所`;

  const place = await prisma.place.create({
    data: { groupId: group.id, typeId: type.id, name: placeName, nameKana: "こうかいきそくてすとのいばしょ", status: ITEM_STATUS.published, languages: `,ja,${OWN_LANGUAGE},`, lat: 35.93, lng: 139.39, address: "鶴ヶ島市公開1-1", ...everyDay },
    select: { id: true },
  });
  const anchorPlace = await prisma.place.create({
    data: { groupId: anchorGroup.id, typeId: type.id, name: "基点の居場所", nameKana: "きてんのいばしょ", status: ITEM_STATUS.published, languages: ",ja,", ...everyDay },
    select: { id: true },
  });
  const event = await prisma.event.create({
    data: { groupId: group.id, placeId: anchorPlace.id, title: `${TOKEN}の催し`, status: ITEM_STATUS.published, languages: `,ja,${OWN_LANGUAGE},`, categories: { connect: [{ id: category.id }] }, dates },
    select: { id: true, dates: { select: { id: true } } },
  });
  const anchorEvent = await prisma.event.create({
    data: { groupId: anchorGroup.id, placeId: place.id, title: "基点の催し", status: ITEM_STATUS.published, languages: `,ja,${ANCHOR_LANGUAGE},`, categories: { connect: [{ id: category.id }] }, dates },
    select: { id: true },
  });
  const opening = await prisma.opening.create({
    data: { groupId: group.id, title: `${TOKEN}の募集`, status: ITEM_STATUS.published, languages: `,ja,${OWN_LANGUAGE},`, shifts },
    select: { id: true },
  });
  const anchorOpening = await prisma.opening.create({
    data: { groupId: anchorGroup.id, placeId: place.id, title: "基点の募集", status: ITEM_STATUS.published, shifts },
    select: { id: true },
  });

  const photoFile = `${crypto.randomBytes(16).toString("hex")}.webp`;
  await fs.mkdir(photosDir(), { recursive: true });
  await fs.writeFile(path.join(photosDir(), photoFile), Buffer.from("RIFF\0\0\0\0WEBP"));
  await prisma.photo.create({ data: { entityType: "place", entityId: place.id, fileName: photoFile, width: 10, height: 10, alt: "写真" } });

  await indexGroupItems(group.id);
  await indexGroupItems(anchorGroup.id);
  return {
    groupId: group.id,
    placeId: place.id,
    placeName,
    eventId: event.id,
    eventDateId: event.dates[0]!.id,
    openingId: opening.id,
    photoFile,
    dateKey,
    anchor: { placeId: anchorPlace.id, eventId: anchorEvent.id, openingId: anchorOpening.id },
  };
}

/** Whether a loader answers (true) or throws 404 (false). */
async function opens(run: () => Promise<unknown>): Promise<boolean> {
  try {
    const out = await run();
    if (out instanceof Response && out.status === 404) return false;
    return true;
  } catch (error) {
    if (error instanceof Response && error.status === 404) return false;
    throw error;
  }
}

const text = async (response: Promise<Response>) => (await response).text();

/** Every public surface, and whether it shows the fixture's place, event or opening. */
async function surfaces() {
  const { placeId, eventId, eventDateId, openingId, placeName, photoFile, dateKey, anchor } = fx;
  const [places, map, events, month, volunteer, search, sitemap, icsFeed, rssFeed, anchorPlace, anchorEvent, anchorOpening, anchorEvents, anchorIcs] = await Promise.all([
    callLoader(placesLoader, `/places?language=${OWN_LANGUAGE}`),
    callLoader(placeMapLoader, `/places/map.json?language=${OWN_LANGUAGE}`).then((r) => r.json() as Promise<{ id: number }[]>),
    callLoader(eventsLoader, `/events?language=${OWN_LANGUAGE}`),
    callLoader(eventsLoader, `/events?view=month&month=${dateKey.slice(0, 7)}&language=${OWN_LANGUAGE}`),
    callLoader(volunteerLoader, `/volunteer?language=${OWN_LANGUAGE}`),
    callLoader(searchLoader, `/search?q=${encodeURIComponent(TOKEN)}`),
    text(sitemapLoader()),
    text(callLoader(icsFeedLoader, `/feeds/events.ics?language=${OWN_LANGUAGE}`)),
    text(callLoader(rssFeedLoader, `/feeds/events.rss?language=${OWN_LANGUAGE}`)),
    callLoader(placeLoader, `/places/${anchor.placeId}`, { id: String(anchor.placeId) }),
    callLoader(eventLoader, `/events/${anchor.eventId}`, { id: String(anchor.eventId) }),
    callLoader(openingLoader, `/volunteer/${anchor.openingId}`, { id: String(anchor.openingId) }),
    callLoader(eventsLoader, `/events?language=${ANCHOR_LANGUAGE}`),
    text(callLoader(icsFeedLoader, `/feeds/events.ics?language=${ANCHOR_LANGUAGE}`)),
  ]);
  return {
    place: {
      list: places.items.some((p) => p.id === placeId),
      detail: await opens(() => callLoader(placeLoader, `/places/${placeId}`, { id: String(placeId) })),
      related: anchorPlace.related.some((p) => p.id === placeId),
      map: map.some((p) => p.id === placeId),
      search: search.results.places.some((p) => p.id === placeId),
      sitemap: sitemap.includes(`/places/${placeId}<`),
      calendarFile: await opens(() => callLoader(placeIcsLoader, `/places/${placeId}/calendar.ics?date=${dateKey}`, { id: String(placeId) })),
      photo: await opens(() => callLoader(photoLoader, `/photos/${photoFile}`, { fileName: photoFile })),
      venueOnEventPage: anchorEvent.event.venue?.placeId === placeId,
      venueOnOpeningPage: anchorOpening.opening.venue?.placeId === placeId,
      venueInEventList: anchorEvents.items.some((d) => d.eventId === anchor.eventId && d.venue?.name === placeName),
      venueInCalendarFeed: anchorIcs.includes(placeName),
    },
    event: {
      list: events.items.some((d) => d.eventId === eventId),
      monthView: month.calendar.items.some((d) => d.eventId === eventId),
      detail: await opens(() => callLoader(eventLoader, `/events/${eventId}`, { id: String(eventId) })),
      related: anchorEvent.related.some((e) => e.id === eventId),
      search: search.results.events.some((e) => e.id === eventId),
      sitemap: sitemap.includes(`/events/${eventId}<`),
      icsFeed: icsFeed.includes(`eventdate-${eventDateId}@`),
      rssFeed: rssFeed.includes(`/events/${eventId}<`),
      calendarFile: await opens(() => callLoader(eventIcsLoader, `/events/${eventId}/calendar.ics`, { id: String(eventId) })),
      onPlacePage: anchorPlace.place.events.some((e) => e.id === eventId),
    },
    opening: {
      list: volunteer.items.some((o) => o.id === openingId),
      detail: await opens(() => callLoader(openingLoader, `/volunteer/${openingId}`, { id: String(openingId) })),
      search: search.results.openings.some((o) => o.id === openingId),
      sitemap: sitemap.includes(`/volunteer/${openingId}<`),
    },
  };
}

type Surfaces = Awaited<ReturnType<typeof surfaces>>;

/** The same shape with every surface set to `value`, so a failure names the surface that leaked. */
function everywhere(shape: Surfaces, value: boolean): Surfaces {
  const fill = <T extends Record<string, boolean>>(o: T) => Object.fromEntries(Object.keys(o).map((k) => [k, value])) as T;
  return { place: fill(shape.place), event: fill(shape.event), opening: fill(shape.opening) };
}

async function setState(item: ItemStatus, group: GroupStatus) {
  const where = { groupId: fx.groupId };
  await prisma.group.update({ where: { id: fx.groupId }, data: { status: group } });
  await prisma.place.updateMany({ where, data: { status: item } });
  await prisma.event.updateMany({ where, data: { status: item } });
  await prisma.opening.updateMany({ where, data: { status: item } });
  await indexGroupItems(fx.groupId);
}

beforeAll(async () => {
  fx = await createFixture();
  return async () => {
    await fs.rm(DATA_DIR, { recursive: true, force: true });
  };
});

describe("what is public: every surface at once", () => {
  it("shows a published item of an approved group everywhere", async () => {
    await setState(ITEM_STATUS.published, GROUP_STATUS.approved);
    const seen = await surfaces();
    expect(seen).toEqual(everywhere(seen, true));
  });

  const NOT_PUBLIC: { label: string; item: ItemStatus; group: GroupStatus }[] = [
    { label: "a draft", item: ITEM_STATUS.draft, group: GROUP_STATUS.approved },
    { label: "a pending item", item: ITEM_STATUS.pending, group: GROUP_STATUS.approved },
    { label: "a rejected item", item: ITEM_STATUS.rejected, group: GROUP_STATUS.approved },
    { label: "a hidden item", item: ITEM_STATUS.hidden, group: GROUP_STATUS.approved },
    { label: "an archived item", item: ITEM_STATUS.archived, group: GROUP_STATUS.approved },
    { label: "a published item of a pending group", item: ITEM_STATUS.published, group: GROUP_STATUS.pending },
    { label: "a published item of a suspended group", item: ITEM_STATUS.published, group: GROUP_STATUS.suspended },
    { label: "a published item of a rejected group", item: ITEM_STATUS.published, group: GROUP_STATUS.rejected },
  ];

  it.each(NOT_PUBLIC)("hides $label from every surface", async ({ item, group }) => {
    await setState(item, group);
    const seen = await surfaces();
    expect(seen).toEqual(everywhere(seen, false));
  });

  it("shows it everywhere again once published with an approved group", async () => {
    await setState(ITEM_STATUS.draft, GROUP_STATUS.suspended);
    await setState(ITEM_STATUS.published, GROUP_STATUS.approved);
    const seen = await surfaces();
    expect(seen).toEqual(everywhere(seen, true));
  });
});

describe("staff decisions reach every surface", () => {
  it("suspending a group hides all its items everywhere; unsuspending brings back what was published", async () => {
    await setState(ITEM_STATUS.published, GROUP_STATUS.approved);
    // The opening was hidden by staff before the suspension: unsuspending must not bring it back.
    expect(await hideItem("opening", fx.openingId, { actorId: null, reason: "連絡先の誤り" })).toMatchObject({ ok: true });

    expect(await suspendGroup(fx.groupId, { actorId: null, reason: "規約違反の確認中" })).toMatchObject({ ok: true, status: GROUP_STATUS.suspended });
    const suspended = await surfaces();
    expect(suspended).toEqual(everywhere(suspended, false));
    expect(await prisma.searchDocument.count({ where: { title: { contains: TOKEN } } })).toBe(0);

    expect(await unsuspendGroup(fx.groupId, { actorId: null })).toMatchObject({ ok: true, status: GROUP_STATUS.approved });
    const back = await surfaces();
    const expected = everywhere(back, true);
    expected.opening = everywhere(back, false).opening;
    expect(back).toEqual(expected);
  });

  it("hiding a place takes it off every surface, including the pages of events held there", async () => {
    await setState(ITEM_STATUS.published, GROUP_STATUS.approved);
    const eventsFoundByPlaceName = async () =>
      (await callLoader(searchLoader, `/search?q=${encodeURIComponent(fx.placeName)}`)).results.events.map((e) => e.id);
    expect(await eventsFoundByPlaceName()).toContain(fx.anchor.eventId);

    expect(await hideItem("place", fx.placeId, { actorId: null, reason: "住所の誤り" })).toMatchObject({ ok: true });
    const seen = await surfaces();
    expect(seen.place).toEqual(everywhere(seen, false).place);
    // Nor is the event held there found by the hidden place's name any more.
    expect(await eventsFoundByPlaceName()).not.toContain(fx.anchor.eventId);
  });
});
