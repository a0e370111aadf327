// Event series never run dry: a series saved months ago is extended as time passes, so its dates keep reaching six
// months ahead (MATERIALISE_MONTHS) without anyone saving it again. Against the per-worker SQLite copy of the seed.
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { extendSeries } from "~/modules/events/series.server";
import { MATERIALISE_MONTHS, seriesOccurrences } from "~/modules/events/commands.server";
import { addTokyoMonths } from "~/modules/schedule/months";
import { addDays, tokyoDateKey, tokyoParts } from "~/utils/dates";
import { ITEM_STATUS } from "~/modules/publishing/visibility";
import { createEvent, createGroup } from "../support/factories";

const WEEK_MS = 7 * 24 * 3_600_000;

/** A weekly Wednesday 10:00–12:00 series, saved `monthsAgo` months ago: its dates reach six months from then. */
async function seriesSavedAgo(monthsAgo: number, fields: { status?: string; recurrenceEnd?: string; title?: string } = {}) {
  const savedAt = addTokyoMonths(new Date(), -monthsAgo);
  const schedule = { rule: "FREQ=WEEKLY;BYDAY=WE", startTime: "10:00", endTime: "12:00", skipHolidays: false, startDate: tokyoDateKey(savedAt), endDate: fields.recurrenceEnd ?? "" };
  const dates = seriesOccurrences(schedule, savedAt).map((o) => ({ startsAt: o.startsAt, endsAt: o.endsAt }));
  const group = await createGroup({ name: "水曜サロンの会" });
  const event = await createEvent(group, {
    title: fields.title ?? "水曜ふれあいサロン",
    status: fields.status ?? ITEM_STATUS.published,
    recurrenceRule: schedule.rule,
    recurrenceStart: schedule.startDate,
    recurrenceEnd: schedule.endDate,
    capacity: 15,
    dates,
  });
  return { ...event, savedAt };
}

const datesOf = (eventId: number) => prisma.eventDate.findMany({ where: { eventId }, orderBy: { startsAt: "asc" } });

describe("extending event series", () => {
  it("adds the rule's dates after the last one up to six months from today, on the series' weekday and times, and nothing else", async () => {
    const event = await seriesSavedAgo(4);
    const before = await datesOf(event.id);
    const horizon = addTokyoMonths(new Date(), MATERIALISE_MONTHS);
    // Saved four months ago, its last date is about two months away: four months short of today's horizon.
    expect(before.at(-1)!.startsAt.getTime()).toBeLessThan(addTokyoMonths(new Date(), 3).getTime());
    // The organiser cancelled one coming date and moved another: those are decisions the job must keep.
    const [cancelled, moved] = before.filter((d) => d.startsAt > new Date()).slice(0, 2);
    await prisma.eventDate.update({ where: { id: cancelled!.id }, data: { status: "cancelled" } });
    const movedTo = new Date(moved!.startsAt.getTime() + 24 * 3_600_000);
    await prisma.eventDate.update({ where: { id: moved!.id }, data: { status: "moved", originalStartsAt: moved!.startsAt, startsAt: movedTo } });

    const result = await extendSeries();
    expect(result.dates).toBeGreaterThanOrEqual(15);

    const after = await datesOf(event.id);
    const added = after.filter((d) => !before.some((b) => b.id === d.id));
    expect(added).toHaveLength(after.length - before.length);
    for (const d of added) {
      const t = tokyoParts(d.startsAt);
      expect({ hour: t.hour, minute: t.minute }).toEqual({ hour: 10, minute: 0 });
      expect(d.weekday).toBe(2); // Wednesday (Monday = 0)
      expect(d.endsAt.getTime() - d.startsAt.getTime()).toBe(2 * 3_600_000);
      expect(d).toMatchObject({ status: "scheduled", capacity: 15 });
      expect(d.startsAt.getTime()).toBeGreaterThan(before.at(-1)!.startsAt.getTime());
      expect(d.startsAt.getTime()).toBeLessThan(horizon.getTime());
    }
    // Weekly, with no gap where the old dates ended, and reaching within a week of the horizon.
    const starts = after.filter((d) => d.status === "scheduled").map((d) => d.startsAt.getTime());
    expect(horizon.getTime() - starts.at(-1)!).toBeLessThanOrEqual(WEEK_MS);
    const fromOldLast = [before.at(-1)!.startsAt.getTime(), ...added.map((d) => d.startsAt.getTime())];
    for (let i = 1; i < fromOldLast.length; i++) expect(fromOldLast[i]! - fromOldLast[i - 1]!).toBe(WEEK_MS);
    // The organiser's decisions stand.
    expect(after.find((d) => d.id === cancelled!.id)?.status).toBe("cancelled");
    expect(after.find((d) => d.id === moved!.id)).toMatchObject({ status: "moved", startsAt: movedTo });
  });

  it("adds each date once, even when two runners meet (as two app instances would)", async () => {
    const event = await seriesSavedAgo(3, { title: "二重に延ばさない 体操サロン" });
    const [a, b] = await Promise.all([extendSeries(), extendSeries()]);
    expect(a.dates + b.dates).toBeGreaterThan(0);
    const after = await datesOf(event.id);
    const starts = after.map((d) => d.startsAt.getTime());
    expect(new Set(starts).size).toBe(starts.length);
    // A third run finds nothing left to add.
    const again = await extendSeries();
    expect((await datesOf(event.id)).length).toBe(after.length);
    expect(again.dates).toBe(0);
  });

  it("leaves an archived series, and one whose last day has passed its dates, as they are", async () => {
    const archived = await seriesSavedAgo(4, { status: ITEM_STATUS.archived, title: "終わったサロン" });
    const ended = await seriesSavedAgo(4, { recurrenceEnd: tokyoDateKey(addDays(new Date(), 20)), title: "期間限定の講座" });
    const archivedBefore = (await datesOf(archived.id)).length;
    const endedBefore = await datesOf(ended.id);
    await extendSeries();
    expect((await datesOf(archived.id)).length).toBe(archivedBefore);
    // Its dates already end at its last day: nothing after it.
    expect((await datesOf(ended.id)).length).toBe(endedBefore.length);
  });

  it("adds dates inside the series' pause as paused", async () => {
    const event = await seriesSavedAgo(4, { title: "夏休みのあるサロン" });
    const pausedFrom = addTokyoMonths(new Date(), 4);
    const pausedUntil = addDays(pausedFrom, 30);
    await prisma.event.update({ where: { id: event.id }, data: { pausedFrom, pausedUntil } });
    await extendSeries();
    const inPause = (await datesOf(event.id)).filter((d) => d.startsAt >= pausedFrom && d.startsAt <= pausedUntil);
    expect(inPause.length).toBeGreaterThanOrEqual(4);
    expect(inPause.every((d) => d.status === "paused")).toBe(true);
  });
});
