import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { fromTokyo } from "~/utils/dates";
import { AFTER_THE_YEAR, FIXTURE_FY, at, createDashboardFixture } from "../support/dashboard-fixture";
import { computeDashboard, fiscalMonths, fiscalYearOf, NO_AREA, type Dashboard, type FigureId } from "~/modules/dashboard/figures.server";

// A fixed fixture in fiscal year 2031 (April 2031 – March 2032), which the seed's data does not reach, so every
// figure has an exact expected value. The seed's published places do count as active places (they were listed
// before 2031), and are counted apart.

const FY = FIXTURE_FY;

let dashboard: Dashboard;
let seedPlacesListed: number;
const figure = (id: FigureId) => dashboard.figures.find((f) => f.id === id)!;
/** April-first month index of a calendar month. */
const m = (month: number) => (month + 8) % 12;

beforeAll(async () => {
  await createDashboardFixture();
  seedPlacesListed = await prisma.place.count({ where: { status: "published", publishedAt: { lt: fromTokyo(2031, 4, 1) } } });
  dashboard = await computeDashboard(FY, AFTER_THE_YEAR);
});

describe("fiscal years", () => {
  it("run from April to March in Tokyo time", () => {
    expect(fiscalYearOf(fromTokyo(2032, 3, 31, 23, 59))).toBe(2031);
    expect(fiscalYearOf(fromTokyo(2031, 4, 1, 0, 0))).toBe(2031);
    expect(fiscalYearOf(new Date("2031-03-31T15:30:00Z"))).toBe(2031);
    const months = fiscalMonths(2031);
    expect(months.map((mo) => mo.key)).toEqual(["2031-04", "2031-05", "2031-06", "2031-07", "2031-08", "2031-09", "2031-10", "2031-11", "2031-12", "2032-01", "2032-02", "2032-03"]);
    expect(months[0]!.start.toISOString()).toBe("2031-03-31T15:00:00.000Z");
  });
});

describe("plan dashboard figures from a fixed fixture (FY2031)", () => {
  it("new residents per month and area, and those registered by staff (代理登録, ⑬)", () => {
    expect(figure("newResidents").byMonth[m(5)]).toBe(3);
    expect(figure("newResidents").byMonth[m(6)]).toBe(1);
    expect(figure("newResidents").total).toBe(4);
    expect(figure("newResidents").byArea).toEqual({ fujimi: 2, [NO_AREA]: 1, kita: 1 });
    expect(figure("proxyRegistered").total).toBe(1);
    expect(figure("proxyRegistered").byArea).toEqual({ kita: 1 });
    expect(figure("proxyRegistered").measures).toContain(13);
  });

  it("applications (not withdrawn), attendance and verified hours by the month of the shift", () => {
    expect(figure("applications").byMonth[m(6)]).toBe(2);
    expect(figure("applications").byMonth[m(10)]).toBe(1);
    expect(figure("applications").total).toBe(3);
    expect(figure("attendance").total).toBe(2);
    expect(figure("volunteerHours").byMonth[m(6)]).toBe(2.5);
    expect(figure("volunteerHours").byMonth[m(10)]).toBe(1.5);
    expect(figure("volunteerHours").byArea).toEqual({ fujimi: 4 });
  });

  it("new volunteers once, in the month of their first application", () => {
    expect(figure("newVolunteers").byMonth[m(6)]).toBe(2);
    expect(figure("newVolunteers").total).toBe(2);
  });

  it("events held (not cancelled, not in the future) and their participants counted by party", () => {
    expect(figure("eventsHeld").byMonth[m(6)]).toBe(1);
    expect(figure("eventsHeld").byMonth[m(8)]).toBe(0);
    expect(figure("eventsHeld").byMonth[m(2)]).toBe(1);
    expect(figure("eventsHeld").total).toBe(2);
    expect(figure("eventParticipants").byMonth[m(6)]).toBe(3);
    expect(figure("eventParticipants").byArea).toEqual({ kita: 3 });
  });

  it("first-time participants in the month they first took part, whatever they did", () => {
    // 花子 (shift, June 15), 電話の方 (shift, June 15), 太郎 and Lan (event, June 20); 花子's October shift is not a first time.
    expect(figure("firstTimeParticipants").byMonth[m(6)]).toBe(4);
    expect(figure("firstTimeParticipants").total).toBe(4);
    // Each in the area of that first activity: the June shift (fujimi) and the June event (kita).
    expect(figure("firstTimeParticipants").byArea).toEqual({ fujimi: 2, kita: 2 });
  });

  it("active places in every month they were listed", () => {
    const places = figure("activePlaces").byMonth;
    expect(places[m(4)]).toBe(seedPlacesListed);
    expect(places[m(8)]).toBe(seedPlacesListed);
    expect(places[m(9)]).toBe(seedPlacesListed + 1);
    expect(places[m(3)]).toBe(seedPlacesListed + 1);
    // A stock: the year's figure is what is listed at its end, not the sum of the months.
    expect(figure("activePlaces").kind).toBe("stock");
    expect(figure("activePlaces").total).toBe(seedPlacesListed + 1);
    expect(figure("applications").kind).toBe("count");
  });

  it("the year's residents by the language they use the portal in (⑮)", () => {
    expect(dashboard.breakdowns.find((b) => b.id === "usersByLanguage")!.counts).toEqual({ ja: 3, vi: 1 });
  });

  it("counts nothing that has not happened yet", async () => {
    const midYear = await computeDashboard(FY, at(6, 18));
    const get = (id: FigureId) => midYear.figures.find((f) => f.id === id)!;
    expect(get("eventsHeld").total).toBe(0);
    expect(get("attendance").total).toBe(1);
    expect(get("newResidents").total).toBe(4);
    expect(get("activePlaces").byMonth[m(7)]).toBe(0);
  });
});
