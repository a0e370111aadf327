import { describe, expect, it } from "vitest";
import { fromTokyo, tokyoDateKey, formatTime } from "~/utils/dates";
import { expandSchedule, isJapaneseHoliday, nextOccurrences } from "./recurrence";

const days = (occ: { startsAt: Date }[]) => occ.map((o) => tokyoDateKey(o.startsAt));

describe("expandSchedule", () => {
  it("毎月第2・第4水曜 10:00–12:00, skipping 建国記念の日 (Wed 2026-02-11)", () => {
    const occ = expandSchedule(
      { rule: "FREQ=MONTHLY;BYDAY=2WE,4WE", startTime: "10:00", endTime: "12:00", skipHolidays: true },
      fromTokyo(2026, 1, 1),
      fromTokyo(2026, 4, 1),
    );
    expect(days(occ)).toEqual(["2026-01-14", "2026-01-28", "2026-02-25", "2026-03-11", "2026-03-25"]);
    expect(formatTime(occ[0]!.startsAt, "ja")).toBe("10:00");
    expect(formatTime(occ[0]!.endsAt, "ja")).toBe("12:00");
  });

  it("keeps holidays when the organiser does not skip them", () => {
    const occ = expandSchedule(
      { rule: "FREQ=MONTHLY;BYDAY=2WE", startTime: "10:00", endTime: "12:00", skipHolidays: false },
      fromTokyo(2026, 2, 1),
      fromTokyo(2026, 3, 1),
    );
    expect(days(occ)).toEqual(["2026-02-11"]);
  });

  it("only months that have a 5th Friday get one", () => {
    const occ = expandSchedule(
      { rule: "FREQ=MONTHLY;BYDAY=5FR", startTime: "18:00", endTime: "20:00", skipHolidays: false },
      fromTokyo(2026, 1, 1),
      fromTokyo(2026, 7, 1),
    );
    expect(days(occ)).toEqual(["2026-01-30", "2026-05-29"]);
  });

  it("last Sunday of the month across a year end", () => {
    const occ = expandSchedule(
      { rule: "FREQ=MONTHLY;BYDAY=-1SU", startTime: "13:00", endTime: "15:00", skipHolidays: false },
      fromTokyo(2026, 11, 1),
      fromTokyo(2027, 2, 1),
    );
    expect(days(occ)).toEqual(["2026-11-29", "2026-12-27", "2027-01-31"]);
  });

  it("weekly on Mondays skips Happy Monday holidays (成人の日 2026-01-12)", () => {
    const occ = expandSchedule(
      { rule: "FREQ=WEEKLY;BYDAY=MO", startTime: "09:30", endTime: "11:00", skipHolidays: true },
      fromTokyo(2026, 1, 1),
      fromTokyo(2026, 2, 1),
    );
    expect(days(occ)).toEqual(["2026-01-05", "2026-01-19", "2026-01-26"]);
  });

  it("respects the first and last day (inclusive) of the schedule", () => {
    const occ = expandSchedule(
      { rule: "FREQ=WEEKLY;BYDAY=SA", startTime: "10:00", endTime: "11:00", skipHolidays: false, startDate: "2026-12-05", endDate: "2026-12-19" },
      fromTokyo(2026, 11, 1),
      fromTokyo(2027, 1, 31),
    );
    expect(days(occ)).toEqual(["2026-12-05", "2026-12-12", "2026-12-19"]);
  });

  it("an evening that ends after midnight ends on the next day", () => {
    const [first] = expandSchedule(
      { rule: "FREQ=WEEKLY;BYDAY=FR", startTime: "22:00", endTime: "01:00", skipHolidays: false },
      fromTokyo(2026, 12, 1),
      fromTokyo(2026, 12, 8),
    );
    expect(first!.endsAt.getTime() - first!.startsAt.getTime()).toBe(3 * 3600 * 1000);
  });

  it("returns nothing for a broken rule or time instead of throwing", () => {
    expect(expandSchedule({ rule: "FREQ=NONSENSE", startTime: "10:00", endTime: "11:00", skipHolidays: false }, fromTokyo(2026, 1, 1), fromTokyo(2026, 2, 1))).toEqual([]);
    expect(expandSchedule({ rule: "FREQ=WEEKLY;BYDAY=MO", startTime: "25:00", endTime: "11:00", skipHolidays: false }, fromTokyo(2026, 1, 1), fromTokyo(2026, 2, 1))).toEqual([]);
  });

  it("nextOccurrences starts after now, not at the start of today", () => {
    const now = fromTokyo(2026, 1, 14, 11, 0); // during the 10:00–12:00 session
    const occ = nextOccurrences({ rule: "FREQ=MONTHLY;BYDAY=2WE,4WE", startTime: "10:00", endTime: "12:00", skipHolidays: true }, now, 2);
    expect(days(occ)).toEqual(["2026-01-28", "2026-02-25"]);
  });

  it("knows Japanese public holidays on the Tokyo calendar", () => {
    expect(isJapaneseHoliday(fromTokyo(2026, 1, 1, 0, 30))).toBe(true);
    expect(isJapaneseHoliday(fromTokyo(2026, 1, 6, 10))).toBe(false);
  });
});

describe("nextOccurrences, kept per schedule and minute", () => {
  const salon: Parameters<typeof nextOccurrences>[0] = { rule: "FREQ=WEEKLY;BYDAY=WE", startTime: "10:00", endTime: "12:00", skipHolidays: true };
  const start = fromTokyo(2026, 12, 2, 10, 0); // a Wednesday, 10:00 in Tokyo

  it("gives what a fresh expansion gives, at every second around a date's start, asked in any order", () => {
    const moments = [-61, -60, -59, -1, 0, 1, 30, 59, 60, 61].map((s) => new Date(start.getTime() + s * 1000));
    for (const now of [...moments, ...moments.reverse()]) {
      const fresh = expandSchedule(salon, now, new Date(now.getTime() + 400 * 86_400_000), 3);
      expect(nextOccurrences(salon, now, 3).map((o) => o.startsAt.toISOString()), now.toISOString()).toEqual(fresh.map((o) => o.startsAt.toISOString()));
    }
  });

  it("drops the date that has begun within the same minute, and still gives as many as asked", () => {
    const before = nextOccurrences(salon, new Date(start.getTime() - 1), 2);
    const after = nextOccurrences(salon, new Date(start.getTime() + 1), 2);
    expect(before[0]!.startsAt).toEqual(start);
    expect(after).toHaveLength(2);
    expect(after[0]!.startsAt).toEqual(fromTokyo(2026, 12, 9, 10, 0));
  });
});
