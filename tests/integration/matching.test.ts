import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "~/utils/db.server";
import { fromTokyo, tokyoSlot } from "~/utils/dates";
import { availabilityBit } from "~/modules/matching/answers";
import { dismiss, recommend, seekerForUser, seekersForUsers, undoDismiss } from "~/modules/matching/recommend.server";
import type { PoolItem } from "~/modules/matching/candidates.server";
import { itemKey } from "~/modules/matching/types";
import { createEvent, createGroup, createOpening, createPlace, createResident, daysFromNow } from "../support/factories";

// Matching against the real database: who a signed-in resident is to the ranking (profile and history), and what
// they are proposed, ready to show. Each test's items belong to its own groups, and the ranking is asked to look only
// at those (the `filter` option), so the sample data and other tests' rows cannot change the answer.

type Taxa = { elderly: number; children: number; food: number; childrenAudience: number; fujimi: number; chuo: number; southern: number; kita: number };
let taxa: Taxa;

beforeAll(async () => {
  const category = async (slug: string) => (await prisma.category.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
  const area = async (slug: string) => (await prisma.area.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
  taxa = {
    elderly: await category("elderly"),
    children: await category("children"),
    food: await category("food"),
    childrenAudience: (await prisma.audience.findUniqueOrThrow({ where: { slug: "children" }, select: { id: true } })).id,
    fujimi: await area("fujimi"),
    chuo: await area("chuo"),
    southern: await area("southern"),
    kita: await area("kita"),
  };
});

afterEach(() => {
  vi.unstubAllEnvs();
});

/** The next Saturday (Tokyo) at hh:mm, at least two days ahead. */
function nextSaturday(hour: number): Date {
  for (let d = 2; d < 10; d++) {
    const day = daysFromNow(d);
    if (tokyoSlot(day).weekday === 5) {
      const p = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(day).split("-").map(Number);
      return fromTokyo(p[0]!, p[1]!, p[2]!, hour, 0);
    }
  }
  throw new Error("no Saturday");
}

const onlyGroups = (...groups: { id: number }[]) => (item: PoolItem) => groups.some((g) => g.id === item.groupId);

async function residentWithProfile(profile: Parameters<typeof prisma.profile.update>[0]["data"], locale = "ja") {
  const user = await createResident();
  await prisma.user.update({ where: { id: user.id }, data: { locale } });
  await prisma.profile.update({ where: { userId: user.id }, data: profile });
  return user;
}

describe("seekerForUser", () => {
  it("reads the profile: interests, audiences, skills in one form, week, area and reach, languages with the site language, preferences, things to avoid", async () => {
    const user = await residentWithProfile(
      {
        interests: { connect: [{ id: taxa.elderly }] },
        audiences: { connect: [{ id: taxa.childrenAudience }] },
        skills: "車の運転、ＰＣ",
        availability: availabilityBit(0, 0) | availabilityBit(5, 1),
        areaId: taxa.fujimi,
        reach: "own",
        languages: ",ja,en,",
        prefersBeginner: true,
        prefersAtHome: false,
        commitment: "regular",
        withChildren: true,
        avoid: ",evenings,fee,",
      },
      "vi",
    );
    const seeker = await seekerForUser(user.id);
    expect(seeker).toMatchObject({
      categoryIds: [taxa.elderly],
      audienceIds: [taxa.childrenAudience],
      skills: ["運転", "パソコン"],
      availability: availabilityBit(0, 0) | availabilityBit(5, 1),
      areaId: taxa.fujimi,
      reach: "own",
      languages: ["ja", "en", "vi"],
      prefersBeginner: true,
      commitment: "regular",
      withChildren: true,
      avoid: ["evenings", "fee"],
      history: { attendedCategoryIds: [], attendedGroupIds: [], hasHistory: false },
      dismissedCategoryIds: [],
    });
    expect(seeker.excluded.size).toBe(0);
  });

  it("reads what they did: attended categories and groups count, and everything applied to, registered for, declined or dismissed is excluded", async () => {
    const user = await createResident();
    const group = await createGroup({ name: "履歴の会" });
    const attended = await createOpening(group, { shifts: [{ startsAt: daysFromNow(-10) }], categories: { connect: [{ id: taxa.food }] } });
    const declined = await createOpening(group, { title: "断られた募集" });
    const registered = await createEvent(group);
    const dismissedPlace = await createPlace(group, { categories: { connect: [{ id: taxa.elderly }] } });
    await prisma.application.create({ data: { shiftId: attended.shiftIds[0]!, userId: user.id, status: "attended" } });
    await prisma.application.create({ data: { shiftId: declined.shiftIds[0]!, userId: user.id, status: "declined" } });
    await prisma.registration.create({ data: { eventDateId: registered.dateIds[0]!, userId: user.id, status: "accepted" } });
    expect(await dismiss(user.id, "place", dismissedPlace.id)).toEqual({ ok: true });

    const seeker = await seekerForUser(user.id);
    expect(seeker.history).toEqual({ attendedCategoryIds: [taxa.food], attendedGroupIds: [group.id], hasHistory: true });
    expect([...seeker.excluded].sort()).toEqual(
      [itemKey("opening", attended.id), itemKey("opening", declined.id), itemKey("event", registered.id), itemKey("place", dismissedPlace.id)].sort(),
    );
    expect(seeker.dismissedCategoryIds).toEqual([taxa.elderly]);
  });

  it("a resident without a profile row is an open seeker (no interests, any time, anywhere near)", async () => {
    const user = await createResident();
    await prisma.profile.delete({ where: { userId: user.id } });
    const seeker = await seekerForUser(user.id);
    expect(seeker).toMatchObject({ categoryIds: [], availability: 0, areaId: null, reach: "neighbours", languages: ["ja"], avoid: [] });
  });

  it("reads many residents in one go, each exactly as alone, and leaves out ids that are nobody", async () => {
    const group = await createGroup({ name: "まとめ読みの会" });
    const went = await createOpening(group, { shifts: [{ startsAt: daysFromNow(-5) }], categories: { connect: [{ id: taxa.food }] } });
    const cook = await residentWithProfile({ skills: "調理", availability: availabilityBit(5, 0), interests: { connect: [{ id: taxa.food }] } }, "vi");
    const walker = await residentWithProfile({ reach: "own", avoid: ",evenings," });
    await prisma.application.create({ data: { shiftId: went.shiftIds[0]!, userId: walker.id, status: "attended" } });
    const bare = await createResident();
    await prisma.profile.delete({ where: { userId: bare.id } });

    const seekers = await seekersForUsers([cook.id, walker.id, bare.id, 999_999_999, cook.id]);
    expect([...seekers.keys()].sort((a, b) => a - b)).toEqual([cook.id, walker.id, bare.id].sort((a, b) => a - b));
    for (const id of [cook.id, walker.id, bare.id]) expect(seekers.get(id)).toEqual(await seekerForUser(id));
    expect(seekers.get(walker.id)!.history.attendedCategoryIds).toEqual([taxa.food]);
    expect(seekers.get(cook.id)!.history.hasHistory).toBe(false);
  });
});

describe("recommend", () => {
  it("proposes what fits first, ready to show: link, translated title, group, area, the fitting time, places left, reasons", async () => {
    const user = await residentWithProfile({
      interests: { connect: [{ id: taxa.children }] },
      availability: availabilityBit(5, 0),
      areaId: taxa.fujimi,
      reach: "neighbours",
    });
    const group = await createGroup({ name: "わかば 試験の会", areaId: taxa.fujimi });
    const other = await createGroup({ name: "みなみ 試験の会", areaId: taxa.kita });
    const saturday = nextSaturday(10);
    const fits = await createOpening(group, {
      title: "土曜の学習サポーター",
      summary: "子どもの宿題を見守ります。",
      areaId: taxa.fujimi,
      beginnerFriendly: true,
      categories: { connect: [{ id: taxa.children }] },
      // A sooner shift the resident cannot make (the evening before; "1.2 days from now" fell on a Saturday morning in
      // Tokyo when the suite ran on a Thursday afternoon), then the one that fits.
      shifts: [{ startsAt: new Date(saturday.getTime() - 15 * 3_600_000), slots: 3 }, { startsAt: saturday, slots: 2 }],
    });
    await prisma.translation.create({ data: { entityType: "opening", entityId: fits.id, field: "title", locale: "en", value: "Saturday study helper", source: "organizer", status: "approved" } });
    const far = await createOpening(other, { title: "北の募集", areaId: taxa.kita, categories: { connect: [{ id: taxa.elderly }] } });
    const full = await createOpening(group, { title: "満員の募集", areaId: taxa.fujimi, categories: { connect: [{ id: taxa.children }] }, shifts: [{ startsAt: saturday, slots: 2, acceptedCount: 2 }] });
    const place = await createPlace(group, { name: "わかば 試験の居場所", areaId: taxa.fujimi, scheduleRule: "FREQ=WEEKLY;BYDAY=SA", scheduleStart: "10:00", scheduleEnd: "12:00" });

    const items = await recommend(await seekerForUser(user.id), { locale: "en", filter: onlyGroups(group, other) });
    expect(items.map((i) => `${i.kind}:${i.id}`)).not.toContain(`opening:${full.id}`);
    const [first] = items;
    expect(first).toMatchObject({
      kind: "opening",
      id: fits.id,
      href: `/volunteer/${fits.id}`,
      title: "Saturday study helper",
      summary: "子どもの宿題を見守ります。",
      fieldLang: { title: "en", summary: "ja" },
      groupName: "わかば 試験の会",
      areaId: taxa.fujimi,
      areaName: "Fujimi",
      startsAt: saturday.toISOString(),
      placesLeft: 3,
    });
    expect(first!.reasons.slice(0, 3)).toEqual([
      { code: "interest", values: { category: taxa.children } },
      { code: "time", values: { weekday: 5, band: 0 } },
      { code: "own-area" },
    ]);
    const placeItem = items.find((i) => i.kind === "place" && i.id === place.id);
    expect(placeItem).toMatchObject({ href: `/places/${place.id}`, title: "わかば 試験の居場所" });
    expect(items.at(-1)!.id).toBe(far.id);
  });

  it("leaves out what the resident applied to, and what they dismissed, whose category then weighs less", async () => {
    const user = await residentWithProfile({ interests: { connect: [{ id: taxa.elderly }, { id: taxa.food }] } });
    const group = await createGroup({ name: "興味なしの会" });
    const second = await createGroup({ name: "二つ目の会" });
    const applied = await createOpening(group, { title: "申し込み済み", categories: { connect: [{ id: taxa.elderly }] } });
    const elderly = await createEvent(group, { title: "高齢者の催し", categories: { connect: [{ id: taxa.elderly }] } });
    const elderly2 = await createEvent(second, { title: "高齢者の催し 二", categories: { connect: [{ id: taxa.elderly }] } });
    const food = await createEvent(second, { title: "食の催し", categories: { connect: [{ id: taxa.food }] } });
    await prisma.application.create({ data: { shiftId: applied.shiftIds[0]!, userId: user.id, status: "applied" } });
    const filter = onlyGroups(group, second);

    const before = await recommend(await seekerForUser(user.id), { locale: "ja", filter });
    expect(before.map((i) => i.id)).not.toContain(applied.id);
    const score = (items: typeof before, id: number) => items.find((i) => i.kind === "event" && i.id === id)!.score;
    expect(score(before, elderly2.id)).toBeCloseTo(score(before, food.id), 5);

    expect(await dismiss(user.id, "event", elderly.id)).toEqual({ ok: true });
    const after = await recommend(await seekerForUser(user.id), { locale: "ja", filter });
    expect(after.map((i) => `${i.kind}:${i.id}`)).not.toContain(`event:${elderly.id}`);
    expect(score(after, elderly2.id)).toBeLessThan(score(after, food.id));
    expect(after.map((i) => i.id)).toEqual([food.id, elderly2.id]);

    await undoDismiss(user.id, "event", elderly.id);
    expect((await recommend(await seekerForUser(user.id), { locale: "ja", filter })).map((i) => i.id)).toContain(elderly.id);
  });

  it("answers with nothing when nothing fits, not an error", async () => {
    const user = await residentWithProfile({ avoid: ",in-person," });
    const group = await createGroup({ name: "現地だけの会" });
    await createOpening(group);
    expect(await recommend(await seekerForUser(user.id), { locale: "ja", filter: onlyGroups(group) })).toEqual([]);
  });
});

describe("dismiss (興味なし)", () => {
  it("is idempotent: twice, or twice at once, leaves one dismissal", async () => {
    const user = await createResident();
    const group = await createGroup();
    const opening = await createOpening(group);
    expect(await dismiss(user.id, "opening", opening.id)).toEqual({ ok: true });
    expect(await dismiss(user.id, "opening", opening.id)).toEqual({ ok: true });
    const place = await createPlace(group);
    expect(await Promise.all([dismiss(user.id, "place", place.id), dismiss(user.id, "place", place.id)])).toEqual([{ ok: true }, { ok: true }]);
    expect(await prisma.matchDismissal.count({ where: { userId: user.id } })).toBe(2);
  });

  it("refuses an unknown kind or an item that does not exist, and writes nothing", async () => {
    const user = await createResident();
    expect(await dismiss(user.id, "user", 1)).toEqual({ ok: false, error: "unknown-kind" });
    expect(await dismiss(user.id, "opening", 99_999_999)).toEqual({ ok: false, error: "not-found" });
    expect(await dismiss(user.id, "opening", -1)).toEqual({ ok: false, error: "not-found" });
    expect(await prisma.matchDismissal.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("the candidates' cache", () => {
  it("is reused while nothing is published, and reloaded as soon as a publishing step empties the public caches", async () => {
    vi.stubEnv("PUBLIC_CACHE_TTL_MS", "600000");
    vi.resetModules();
    const { getCandidatePool } = await import("~/modules/matching/candidates.server");
    const { publishItem } = await import("~/modules/publishing/transitions.server");
    const first = await getCandidatePool();
    expect(await getCandidatePool()).toBe(first);

    const group = await createGroup({ name: "公開待ちの会" });
    const opening = await createOpening(group, { status: "pending", title: "公開を待つ募集" });
    // Written behind the app's back: the copy is kept (within the TTL).
    expect(await getCandidatePool()).toBe(first);
    expect(await publishItem("opening", opening.id, { actorId: null })).toMatchObject({ ok: true });
    const after = await getCandidatePool();
    expect(after).not.toBe(first);
    expect(after.byKey.has(itemKey("opening", opening.id))).toBe(true);
  });

  it("once older than the TTL, keeps answering from the current copy while a fresh one is read, then uses the fresh one", async () => {
    vi.stubEnv("PUBLIC_CACHE_TTL_MS", "60000");
    vi.resetModules();
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const { getCandidatePool } = await import("~/modules/matching/candidates.server");
      const first = await getCandidatePool();
      const group = await createGroup({ name: "あとから見える会" });
      const opening = await createOpening(group, { title: "あとから見える募集" });
      vi.setSystemTime(Date.now() + 61_000);
      // Nobody waits for the read: the old copy answers at once, twice, and only one fresh read starts.
      expect(await getCandidatePool()).toBe(first);
      expect(await getCandidatePool()).toBe(first);
      await vi.waitFor(async () => expect(await getCandidatePool()).not.toBe(first), { timeout: 10_000, interval: 20 });
      expect((await getCandidatePool()).byKey.has(itemKey("opening", opening.id))).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("drops items that cannot be joined: past shifts, full shifts, closed applications, unpublished groups", async () => {
    const { loadCandidatePool } = await import("~/modules/matching/candidates.server");
    const group = await createGroup({ name: "候補の会" });
    const suspended = await createGroup({ name: "停止中の会", status: "suspended" });
    const past = await createOpening(group, { shifts: [{ startsAt: daysFromNow(-3) }] });
    const full = await createOpening(group, { shifts: [{ startsAt: daysFromNow(3), slots: 1, acceptedCount: 1 }] });
    const closed = await createOpening(group, { applyBy: daysFromNow(-1) });
    const hidden = await createOpening(suspended);
    const ongoing = await createOpening(group, { ongoing: true, shifts: [{ startsAt: daysFromNow(-30), endsAt: undefined, slots: null }] });
    await prisma.shift.updateMany({ where: { openingId: ongoing.id }, data: { endsAt: null } });
    // No shifts at all (nothing says it is over): joined without dates, like an ongoing one.
    const undated = await createOpening(group, { shifts: [] });
    const pool = await loadCandidatePool();
    expect(pool.byKey.get(itemKey("opening", undated.id))).toMatchObject({ times: [], placesLeft: null });
    for (const id of [past.id, full.id, closed.id, hidden.id]) expect(pool.byKey.has(itemKey("opening", id)), String(id)).toBe(false);
    expect(pool.byKey.get(itemKey("opening", ongoing.id))).toMatchObject({ times: [], placesLeft: null, regular: true });
    // An opening's own words are kept for skills it names without listing them.
    const flyer = await createOpening(group, { title: "サロンのチラシづくり（デザイン）", summary: "パソコンで作ります。" });
    expect((await loadCandidatePool()).byKey.get(itemKey("opening", flyer.id))!.words).toContain("デザイン");
    // Areas' centres: 富士見 and サザン are neighbours (about 1.6 km), 北 and サザン are not (about 3.8 km).
    expect(pool.areaDistanceKm(taxa.fujimi, taxa.southern)!).toBeLessThan(2.5);
    expect(pool.areaDistanceKm(taxa.kita, taxa.southern)!).toBeGreaterThan(3.5);
  });

  it("counts a course as learning whatever its topic, and the same course at two venues as one activity", async () => {
    const { loadCandidatePool } = await import("~/modules/matching/candidates.server");
    const group = await createGroup({ name: "講座の会" });
    const other = await createGroup({ name: "北の講座の会" });
    const health = await prisma.category.findUniqueOrThrow({ where: { slug: "health" }, select: { id: true } });
    const learning = await prisma.category.findUniqueOrThrow({ where: { slug: "culture-sports-learning" }, select: { id: true } });
    const course = await createEvent(group, { title: "はじめての手話教室", categories: { connect: [{ id: health.id }] } });
    const again = await createEvent(other, { title: "はじめての手話教室（北公民館）", categories: { connect: [{ id: health.id }] } });
    const gathering = await createEvent(group, { title: "手話で話そう お茶会", categories: { connect: [{ id: health.id }] } });
    const pool = await loadCandidatePool();
    const of = (id: number) => pool.byKey.get(itemKey("event", id))!;
    expect(of(course.id).categoryIds.sort()).toEqual([health.id, learning.id].sort());
    expect(of(gathering.id).categoryIds).toEqual([health.id]);
    // Whichever ranks first is shown: every listing of the course points at the same first listing (the sample data
    // has the course too, listed before these), and one of them is that listing itself.
    const firstOf = (id: number) => of(id).sameActivityAs ?? itemKey("event", id);
    expect(firstOf(course.id)).toBe(firstOf(again.id));
    expect([of(course.id).sameActivityAs, of(again.id).sameActivityAs].filter(Boolean).length).toBeGreaterThanOrEqual(1);
    expect(of(gathering.id).sameActivityAs).toBeUndefined();
  });
});
